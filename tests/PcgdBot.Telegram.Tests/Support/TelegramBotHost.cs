using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PcgdBot.Conversations;

namespace PcgdBot.Telegram.Tests.Support;

/// <summary>
/// The real host (Program) on Kestrel at a loopback port, with its own LiteDB file, talking to a stand-in Bot API.
/// Webhook mode registers <c>{its address}/api/telegram</c> with the stand-in at start-up.
/// </summary>
public sealed class TelegramBotHost : WebApplicationFactory<Program>
{
    public const string Secret = "test-secret_123";

    private readonly string folder;
    private readonly Dictionary<string, string?> settings;

    /// <param name="folder">Where the database file is; give the folder of an earlier host to restart on its data.</param>
    public TelegramBotHost(string apiBaseUrl, string token, TelegramMode mode, int port = 0, string? folder = null)
    {
        this.folder = folder ?? Path.Combine(Path.GetTempPath(), "pcgdbot-tg-" + Guid.NewGuid().ToString("N"));
        Port = port == 0 ? FreePort() : port;
        settings = new()
        {
            ["Bot:DatabasePath"] = DatabasePath,
            ["Telegram:Token"] = token,
            ["Telegram:ApiBaseUrl"] = apiBaseUrl,
            ["Telegram:Mode"] = mode.ToString(),
            ["Telegram:PollingTimeoutSeconds"] = "1",
            ["Telegram:TypingDelay"] = "00:00:00",
        };
        if (mode == TelegramMode.Webhook)
        {
            settings["Telegram:PublicUrl"] = BaseUrl;
            settings["Telegram:WebhookSecret"] = Secret;
        }

        UseKestrel(Port);
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public string Folder => folder;

    public string DatabasePath => Path.Combine(folder, "bot.db");

    public ChatEngine Engine => Services.GetRequiredService<ChatEngine>();

    public void Start() => StartServer();

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
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS.
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
