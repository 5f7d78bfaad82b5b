using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using PcgdBot.Host.Web;

namespace PcgdBot.Telegram.Tests.Fuzz;

/// <summary>
/// The bot's web host (the same AddPcgdBot/MapPcgdBot wiring as <c>serve</c>) on Kestrel at a loopback port, with its own
/// database file and the given channel settings; exceptions logged at Error level are captured.
/// </summary>
public sealed class FuzzBotHost : IAsyncDisposable
{
    private readonly ExceptionLog log;
    private readonly Func<string, IDictionary<string, string?>> settings;
    private readonly string folder = Path.Combine(Path.GetTempPath(), "pcgdbot-fuzz-" + Guid.NewGuid().ToString("N"));
    private WebApplication? app;

    public FuzzBotHost(ExceptionLog log, Func<string, IDictionary<string, string?>> settings)
    {
        this.log = log;
        this.settings = settings;
        BaseUrl = $"http://127.0.0.1:{FreePort()}";
    }

    public string BaseUrl { get; }

    public IServiceProvider Services => app?.Services ?? throw new InvalidOperationException("Not started.");

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateBuilder([]);
        builder.WebHost.UseUrls(BaseUrl);
        builder.Logging.ClearProviders().AddProvider(log).SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings(BaseUrl)) { ["Bot:DatabasePath"] = Path.Combine(folder, "bot.db") });
        builder.AddPcgdBot();
        app = builder.Build();
        app.MapPcgdBot();
        await app.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

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
