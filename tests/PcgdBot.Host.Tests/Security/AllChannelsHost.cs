using PcgdBot.Host.Tests.Support;

namespace PcgdBot.Host.Tests.Security;

/// <summary>The real host on Kestrel with every channel on (Telegram and Zalo Bot webhooks, Zalo OA), against one stand-in API.</summary>
public sealed class AllChannelsHost : KestrelBotHost
{
    public const string TelegramSecret = "telegram-secret_1";
    public const string ZaloBotSecret = "zalo-bot-secret-1";
    public const string OaAppId = "oa-app-1";
    public const string OaSecretKey = "oa-secret-key-1";

    public AllChannelsHost(PlatformApiStandIn api)
        : base("pcgdbot-sec-", 0, null)
    {
        Set("Telegram:Token", PlatformApiStandIn.TelegramToken);
        Set("Telegram:ApiBaseUrl", api.BaseUrl);
        Set("Telegram:Mode", "Webhook");
        Set("Telegram:PublicUrl", BaseUrl);
        Set("Telegram:WebhookSecret", TelegramSecret);
        Set("Telegram:TypingDelay", "00:00:00");
        Set("Zalo:Bot:Token", PlatformApiStandIn.ZaloBotToken);
        Set("Zalo:Bot:Mode", "Webhook");
        Set("Zalo:Bot:PublicUrl", BaseUrl);
        Set("Zalo:Bot:WebhookSecret", ZaloBotSecret);
        Set("Zalo:Bot:ApiBaseUrl", api.BaseUrl);
        Set("Zalo:Oa:AppId", OaAppId);
        Set("Zalo:Oa:OaSecretKey", OaSecretKey);
        Set("Zalo:Oa:AppSecret", "oa-app-secret");
        Set("Zalo:Oa:AccessToken", "oa-access");
        Set("Zalo:Oa:RefreshToken", "oa-refresh");
        Set("Zalo:Oa:ApiBaseUrl", api.BaseUrl);
        Set("Zalo:Oa:OAuthBaseUrl", api.BaseUrl);
    }
}
