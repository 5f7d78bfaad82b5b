using System.Text.RegularExpressions;

namespace PcgdBot.Zalo.Bot;

/// <summary>How updates arrive from the Zalo Bot Platform (the two exclude each other there).</summary>
public enum ZaloBotMode
{
    /// <summary>getUpdates in a loop: works behind NAT with no public address (the default without a public URL).</summary>
    Polling,

    /// <summary>The platform POSTs to <c>{PublicUrl}/api/zalo/bot</c> with the secret in X-Bot-Api-Secret-Token.</summary>
    Webhook,
}

/// <summary>The "Zalo:Bot" configuration section (environment: <c>Zalo__Bot__Token</c>, …).</summary>
public sealed partial class ZaloBotOptions
{
    public const string SectionName = "Zalo:Bot";
    public const string DefaultApiBaseUrl = "https://bot-api.zaloplatforms.com";
    public const string WebhookPath = "/api/zalo/bot";

    /// <summary>The bot's token from Zalo Bot Creator; empty turns the channel off.</summary>
    public string? Token { get; set; }

    /// <summary>polling or webhook; empty means webhook when a public URL is set, else polling.</summary>
    public ZaloBotMode? Mode { get; set; }

    /// <summary>The https address the Zalo Bot Platform can reach this host at (webhook mode).</summary>
    public string? PublicUrl { get; set; }

    /// <summary>Sent to setWebhook and expected back in X-Bot-Api-Secret-Token on every webhook call: 8–256 characters.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>A test stand-in instead of bot-api.zaloplatforms.com.</summary>
    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>How long one getUpdates call may wait for an update, in seconds.</summary>
    public int PollingTimeoutSeconds { get; set; } = 30;

    /// <summary>Tries for one outgoing message on network errors and 429 answers before giving up.</summary>
    public int MaxSendAttempts { get; set; } = 4;

    /// <summary>The longest single 429 back-off; a message that would need a longer wait is given up (it is logged).</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a turn may take before the person sees "typing…".</summary>
    public TimeSpan TypingDelay { get; set; } = TimeSpan.FromMilliseconds(300);

    public const int DefaultMaxTurnAttempts = 3;

    /// <summary>
    /// Tries for one message whose turn fails for an internal reason (the platform re-delivers it, or polling asks
    /// again); after the last the person gets a polite note and the message counts as handled.
    /// </summary>
    public int MaxTurnAttempts { get; set; } = DefaultMaxTurnAttempts;

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Token);

    public ZaloBotMode EffectiveMode => Mode ?? (string.IsNullOrWhiteSpace(PublicUrl) ? ZaloBotMode.Polling : ZaloBotMode.Webhook);

    /// <summary>What is wrong with the settings, in words an operator can act on; empty when they are usable.</summary>
    public IEnumerable<string> Problems()
    {
        if (!IsEnabled)
        {
            yield break;
        }

        // The token's exact shape is not documented; it goes into the URL path, so only what would break that is refused.
        if (!TokenPattern().IsMatch(Token!))
        {
            yield return "Zalo:Bot:Token is not a bot token (as Zalo Bot Creator gives it: no spaces, '/', '?' or '#').";
        }

        if (!Uri.TryCreate(ApiBaseUrl, UriKind.Absolute, out var api) || api.Scheme is not ("http" or "https"))
        {
            yield return "Zalo:Bot:ApiBaseUrl must be an http(s) address.";
        }

        if (EffectiveMode == ZaloBotMode.Webhook)
        {
            // The platform posts to https only; a test stand-in may post to http on loopback.
            if (!Uri.TryCreate(PublicUrl, UriKind.Absolute, out var url) || !(url.Scheme == "https" || (url.Scheme == "http" && url.IsLoopback)))
            {
                yield return "Zalo:Bot:PublicUrl must be the https address the Zalo Bot Platform can reach (webhook mode).";
            }

            if (string.IsNullOrEmpty(WebhookSecret) || !SecretPattern().IsMatch(WebhookSecret))
            {
                yield return "Zalo:Bot:WebhookSecret is required in webhook mode: 8-256 visible ASCII characters, no spaces.";
            }
        }

        if (PollingTimeoutSeconds is < 0 or > 60)
        {
            yield return "Zalo:Bot:PollingTimeoutSeconds must be between 0 and 60.";
        }

        if (MaxSendAttempts is < 1 or > 10)
        {
            yield return "Zalo:Bot:MaxSendAttempts must be between 1 and 10.";
        }

        if (MaxTurnAttempts is < 1 or > 20)
        {
            yield return "Zalo:Bot:MaxTurnAttempts must be between 1 and 20.";
        }

        if (MaxRetryAfter < TimeSpan.FromSeconds(1))
        {
            yield return "Zalo:Bot:MaxRetryAfter must be at least 1 second (the first back-off after a 429).";
        }
    }

    [GeneratedRegex(@"^[^\s/?#]{8,512}$")]
    private static partial Regex TokenPattern();

    // It travels in an HTTP header: visible ASCII only.
    [GeneratedRegex(@"^[\x21-\x7E]{8,256}$")]
    private static partial Regex SecretPattern();
}
