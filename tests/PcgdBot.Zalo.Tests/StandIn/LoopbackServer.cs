using System.Net;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace PcgdBot.Zalo.Tests.StandIn;

/// <summary>
/// What both Zalo stand-ins share: Kestrel on 127.0.0.1 and a free port, one lock guarding the stand-in's
/// state, and a "something changed" signal that the WaitFor... helpers and long polls wait on.
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    public static readonly JsonSerializerOptions JsonOut = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly WebApplication _app;

    // Never disposed: waiters may still link to it after DisposeAsync.
    private readonly CancellationTokenSource _stopping = new();
    private TaskCompletionSource _changed = NewSignal();

    private LoopbackServer(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>Guards all state of the stand-in that owns this server.</summary>
    public object Gate { get; } = new();

    /// <summary>"http://127.0.0.1:PORT", no trailing slash.</summary>
    public string BaseUrl { get; }

    public CancellationToken Stopping => _stopping.Token;

    public static async Task<LoopbackServer> StartAsync(string name, RequestDelegate handler)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(LoopbackServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException($"{name}: Kestrel reported no address.");
        return new LoopbackServer(app, address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/'));
    }

    /// <summary>Wakes every waiter; call while holding <see cref="Gate"/>.</summary>
    public void NotifyChangedLocked()
    {
        var old = _changed;
        _changed = NewSignal();
        old.TrySetResult();
    }

    /// <summary>
    /// Probes (under <see cref="Gate"/>) until it returns non-null or <paramref name="timeout"/> passes, then throws
    /// a <see cref="TimeoutException"/> with <paramref name="describeLocked"/>'s text.
    /// </summary>
    public async Task<T> WaitUntilAsync<T>(Func<T?> probeLocked, TimeSpan timeout, Func<string> describeLocked, CancellationToken cancellationToken = default)
        where T : class
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        cts.CancelAfter(timeout);
        while (true)
        {
            Task changed;
            lock (Gate)
            {
                if (probeLocked() is { } found)
                {
                    return found;
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                lock (Gate)
                {
                    return probeLocked() ?? throw new TimeoutException(describeLocked());
                }
            }
        }
    }

    public static string NewHexId(int length = 20) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes((length + 1) / 2))[..length];

    public static async Task WriteJsonAsync(HttpContext ctx, int status, string json)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json; charset=utf-8";
        var bytes = System.Text.Encoding.UTF8.GetBytes(json);
        ctx.Response.ContentLength = bytes.Length;
        await ctx.Response.Body.WriteAsync(bytes, ctx.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync();
        lock (Gate)
        {
            NotifyChangedLocked();
        }

        try
        {
            await _app.StopAsync();
        }
        finally
        {
            await _app.DisposeAsync();
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
