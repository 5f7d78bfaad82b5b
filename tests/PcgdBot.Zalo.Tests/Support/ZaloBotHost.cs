using PcgdBot.Host.Tests.Support;
using PcgdBot.Zalo.Tests.StandIn;

namespace PcgdBot.Zalo.Tests.Support;

/// <summary>The real host on Kestrel, its Zalo OA channel pointed at the stand-in (when given), plus any other settings.</summary>
public sealed class ZaloBotHost : KestrelBotHost
{
    /// <param name="api">The stand-in OA the host's Zalo OA channel uses; null leaves the OA channel off.</param>
    /// <summary>Runs a test against a started host whose Zalo OA is a fresh stand-in; the host and its files go afterwards.</summary>
    public static async Task WithOaStandInAsync(Func<ZaloOaStandIn, ZaloBotHost, Task> test)
    {
        await using var api = await ZaloOaStandIn.StartAsync();
        var host = new ZaloBotHost(api);
        try
        {
            host.Start();
            await test(api, host);
        }
        finally
        {
            await host.DisposeAsync();
            host.DeleteFiles();
        }
    }

    public ZaloBotHost(ZaloOaStandIn? api, string? folder = null, IDictionary<string, string?>? extra = null)
        : base("pcgdbot-zalo-", 0, folder)
    {
        if (api is not null)
        {
            Set("Zalo:Oa:AppId", api.AppId);
            Set("Zalo:Oa:OaSecretKey", api.OaSecretKey);
            Set("Zalo:Oa:AppSecret", api.AppSecret);
            Set("Zalo:Oa:AccessToken", api.InitialAccessToken);
            Set("Zalo:Oa:RefreshToken", api.InitialRefreshToken);
            Set("Zalo:Oa:ApiBaseUrl", api.BaseUrl);
            Set("Zalo:Oa:OAuthBaseUrl", api.BaseUrl);
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            Set(key, value);
        }
    }

    public string WebhookUrl => $"{BaseUrl}/api/zalo/oa";

    /// <summary>A setting that needs the host's own address (Files:PublicUrl), given before <see cref="KestrelBotHost.Start"/>.</summary>
    public void Setting(string key, string? value) => Set(key, value);
}
