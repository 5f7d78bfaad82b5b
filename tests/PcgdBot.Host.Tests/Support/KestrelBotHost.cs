using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PcgdBot.Conversations;

namespace PcgdBot.Host.Tests.Support;

/// <summary>
/// The real host (Program) on Kestrel at a loopback port, so platform stand-ins can post webhooks to it over HTTP,
/// with its own LiteDB file. Channel tests add their settings (tokens, stand-in addresses).
/// </summary>
public abstract class KestrelBotHost : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> settings = [];

    /// <param name="folder">Where the database file is; give the folder of an earlier host to restart on its data.</param>
    protected KestrelBotHost(string prefix, int port, string? folder)
    {
        Folder = folder ?? Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N"));
        Port = port == 0 ? FreePort() : port;
        settings["Bot:DatabasePath"] = DatabasePath;
        UseKestrel(Port);
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public string Folder { get; }

    public string DatabasePath => Path.Combine(Folder, "bot.db");

    public ChatEngine Engine => Services.GetRequiredService<ChatEngine>();

    public void Start() => StartServer();

    protected void Set(string key, string? value) => settings[key] = value;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    public void DeleteFiles()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS.
        }
    }

    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
