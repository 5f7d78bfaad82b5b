using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace PcgdBot.Telegram.Tests.StandIn;

/// <summary>A tiny HTTP endpoint on loopback that plays a bot's webhook for the stand-in's self-tests.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<(string Body, string? SecretToken)> Received { get; } = new();

    /// <summary>What to answer: status code and body (e.g. a {"method":"sendMessage",...} reply).</summary>
    public Func<string, (int Status, string? Body)> Respond { get; set; } = _ => (200, null);

    public string Url { get; private set; } = string.Empty;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.Run(async ctx =>
        {
            using var reader = new StreamReader(ctx.Request.Body);
            var body = await reader.ReadToEndAsync(ctx.RequestAborted);
            var secret = ctx.Request.Headers.TryGetValue("X-Telegram-Bot-Api-Secret-Token", out var s) ? s.ToString() : null;
            receiver.Received.Enqueue((body, secret));
            var (status, answer) = receiver.Respond(body);
            ctx.Response.StatusCode = status;
            if (answer is not null)
            {
                ctx.Response.ContentType = "application/json";
                await ctx.Response.WriteAsync(answer, ctx.RequestAborted);
            }
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = address.TrimEnd('/') + "/api/telegram";
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
