using PcgdBot.Host.Tests.Support;

namespace PcgdBot.Telegram.Tests.Support;

/// <summary>
/// The real host on Kestrel talking to a stand-in Bot API. Webhook mode registers <c>{its address}/api/telegram</c>
/// with the stand-in at start-up.
/// </summary>
public sealed class TelegramBotHost : KestrelBotHost
{
    public const string Secret = "test-secret_123";

    /// <param name="folder">Where the database file is; give the folder of an earlier host to restart on its data.</param>
    public TelegramBotHost(string apiBaseUrl, string token, TelegramMode mode, int port = 0, string? folder = null)
        : base("pcgdbot-tg-", port, folder)
    {
        Set("Telegram:Token", token);
        Set("Telegram:ApiBaseUrl", apiBaseUrl);
        Set("Telegram:Mode", mode.ToString());
        Set("Telegram:PollingTimeoutSeconds", "1");
        Set("Telegram:TypingDelay", "00:00:00");
        if (mode == TelegramMode.Webhook)
        {
            Set("Telegram:PublicUrl", BaseUrl);
            Set("Telegram:WebhookSecret", Secret);
        }
    }
}
