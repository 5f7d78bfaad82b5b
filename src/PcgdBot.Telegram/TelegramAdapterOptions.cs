using System.Text.RegularExpressions;

namespace PcgdBot.Telegram;

/// <summary>How updates arrive.</summary>
public enum TelegramMode
{
    /// <summary>getUpdates long polling: works behind NAT with no public address (the default without a public URL).</summary>
    Polling,

    /// <summary>Telegram POSTs to <c>{PublicUrl}/api/telegram</c>, checked with the secret token.</summary>
    Webhook,
}

/// <summary>The "Telegram" configuration section (environment: <c>Telegram__Token</c>, …).</summary>
public sealed partial class TelegramAdapterOptions
{
    public const string SectionName = "Telegram";
    public const string DefaultApiBaseUrl = "https://api.telegram.org";
    public const string WebhookPath = "/api/telegram";

    /// <summary>The bot's token from @BotFather; empty turns the channel off.</summary>
    public string? Token { get; set; }

    /// <summary>polling or webhook; empty means webhook when a public URL is set, else polling.</summary>
    public TelegramMode? Mode { get; set; }

    /// <summary>The https address Telegram can reach this host at (webhook mode).</summary>
    public string? PublicUrl { get; set; }

    /// <summary>Telegram sends it back in X-Telegram-Bot-Api-Secret-Token: 1–256 of A–Z, a–z, 0–9, _ and -.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>A local Bot API server or a test stand-in instead of api.telegram.org.</summary>
    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>Long-polling wait per getUpdates call, in seconds.</summary>
    public int PollingTimeoutSeconds { get; set; } = 25;

    /// <summary>Tries for one outgoing message on network errors and 429 answers before giving up.</summary>
    public int MaxSendAttempts { get; set; } = 4;

    /// <summary>The longest 429 wait honoured for one message; longer waits give the message up (it is logged).</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a turn may take before the person sees "typing…".</summary>
    public TimeSpan TypingDelay { get; set; } = TimeSpan.FromMilliseconds(300);

    public const int DefaultMaxTurnAttempts = 3;

    /// <summary>
    /// Tries for one update whose turn fails for an internal reason (Telegram re-delivers it, or polling asks again);
    /// after the last the person gets a polite note and the update counts as handled.
    /// </summary>
    public int MaxTurnAttempts { get; set; } = DefaultMaxTurnAttempts;

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Token);

    public TelegramMode EffectiveMode => Mode ?? (string.IsNullOrWhiteSpace(PublicUrl) ? TelegramMode.Polling : TelegramMode.Webhook);

    /// <summary>What is wrong with the settings, in words an operator can act on; empty when they are usable.</summary>
    public IEnumerable<string> Problems()
    {
        if (!IsEnabled)
        {
            yield break;
        }

        if (!TokenPattern().IsMatch(Token!))
        {
            yield return "Telegram:Token is not a bot token (digits, ':' and 35 characters, as @BotFather gives it).";
        }

        if (!Uri.TryCreate(ApiBaseUrl, UriKind.Absolute, out var api) || api.Scheme is not ("http" or "https"))
        {
            yield return "Telegram:ApiBaseUrl must be an http(s) address.";
        }

        if (EffectiveMode == TelegramMode.Webhook)
        {
            // Telegram's servers post to https only; a local Bot API server (and a test stand-in) may post to http on loopback.
            if (!Uri.TryCreate(PublicUrl, UriKind.Absolute, out var url) || !(url.Scheme == "https" || (url.Scheme == "http" && url.IsLoopback)))
            {
                yield return "Telegram:PublicUrl must be the https address Telegram can reach (webhook mode).";
            }

            if (string.IsNullOrEmpty(WebhookSecret) || !SecretPattern().IsMatch(WebhookSecret))
            {
                yield return "Telegram:WebhookSecret is required in webhook mode: 1-256 characters A-Z, a-z, 0-9, _ and -.";
            }
        }

        if (PollingTimeoutSeconds is < 0 or > 50)
        {
            yield return "Telegram:PollingTimeoutSeconds must be between 0 and 50.";
        }

        if (MaxSendAttempts is < 1 or > 10)
        {
            yield return "Telegram:MaxSendAttempts must be between 1 and 10.";
        }

        if (MaxTurnAttempts is < 1 or > 20)
        {
            yield return "Telegram:MaxTurnAttempts must be between 1 and 20.";
        }
    }

    [GeneratedRegex(@"^\d{3,20}:[A-Za-z0-9_-]{10,100}$")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,256}$")]
    private static partial Regex SecretPattern();
}
