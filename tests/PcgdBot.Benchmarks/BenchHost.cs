using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using PcgdBot.Host.Web;

namespace PcgdBot.Benchmarks;

/// <summary>The bot's web host on Kestrel at a loopback port with a database in a temp folder, as the webhook benchmarks use it.</summary>
public sealed class BenchHost : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly string folder;

    private BenchHost(WebApplication app, string folder, string baseUrl)
    {
        this.app = app;
        this.folder = folder;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    /// <param name="settings">The channel's settings, given the host's own address (for webhook URLs).</param>
    /// <param name="logging">Extra log providers, for benchmarks that count what the host logs.</param>
    public static async Task<BenchHost> StartAsync(Func<string, IDictionary<string, string?>> settings, Action<ILoggingBuilder>? logging = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "pcgdbot-bench-" + Guid.NewGuid().ToString("N"));
        var baseUrl = $"http://127.0.0.1:{FreePort()}";
        var builder = WebApplication.CreateBuilder([]);
        builder.WebHost.UseUrls(baseUrl);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        logging?.Invoke(builder.Logging);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings(baseUrl)) { ["Bot:DatabasePath"] = Path.Combine(folder, "bench.db") });
        builder.AddPcgdBot();
        var app = builder.Build();
        app.MapPcgdBot();
        await app.StartAsync();
        return new BenchHost(app, folder, baseUrl);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Temp files are the OS's to clean.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
