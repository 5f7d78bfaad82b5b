using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PcgdBot.Conversations;
using PcgdBot.Zalo.Tests.StandIn;

namespace PcgdBot.Zalo.Tests.Support;

/// <summary>The real host on Kestrel at a loopback port with its own LiteDB file, its Zalo OA pointed at the stand-in.</summary>
public sealed class ZaloBotHost : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> settings;

    /// <param name="api">The stand-in OA the host's Zalo OA channel uses; null leaves the OA channel off.</param>
    public ZaloBotHost(ZaloOaStandIn? api, string? folder = null, IDictionary<string, string?>? extra = null)
    {
        Folder = folder ?? Path.Combine(Path.GetTempPath(), "pcgdbot-zalo-" + Guid.NewGuid().ToString("N"));
        Port = FreePort();
        settings = new() { ["Bot:DatabasePath"] = Path.Combine(Folder, "bot.db") };
        if (api is not null)
        {
            settings["Zalo:Oa:AppId"] = api.AppId;
            settings["Zalo:Oa:OaSecretKey"] = api.OaSecretKey;
            settings["Zalo:Oa:AppSecret"] = api.AppSecret;
            settings["Zalo:Oa:AccessToken"] = api.InitialAccessToken;
            settings["Zalo:Oa:RefreshToken"] = api.InitialRefreshToken;
            settings["Zalo:Oa:ApiBaseUrl"] = api.BaseUrl;
            settings["Zalo:Oa:OAuthBaseUrl"] = api.BaseUrl;
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        UseKestrel(Port);
    }

    public string Folder { get; }

    public int Port { get; }

    public string WebhookUrl => $"http://127.0.0.1:{Port}/api/zalo/oa";

    public string DatabasePath => Path.Combine(Folder, "bot.db");

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
