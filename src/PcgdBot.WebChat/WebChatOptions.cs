namespace PcgdBot.WebChat;

/// <summary>The "WebChat" configuration section: the page at <c>/</c> and its Direct Line endpoint.</summary>
public sealed class WebChatOptions
{
    public const string SectionName = "WebChat";
    public const string DirectLinePath = "/v3/directline";

    /// <summary>Off: no page, no Direct Line (the host answers <c>/</c> with a line of text).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The HMAC-SHA256 key that signs tokens, base64 (at least 32 bytes). Empty: a key is made once and kept in the
    /// database, so browsers keep their identity across restarts.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>How long a conversation token works; Web Chat refreshes it every 15 minutes.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long the browser's identity (kept in local storage, renewed on every visit) works without a visit.</summary>
    public TimeSpan IdentityLifetime { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Largest request body on the Direct Line endpoints.</summary>
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Longest message text the bot reads; a longer one gets a polite Vietnamese answer.</summary>
    public int MaxTextLength { get; set; } = 2000;

    /// <summary>Conversations (tokens/generate and conversation starts) one IP address may begin per minute.</summary>
    public int StartsPerMinutePerIp { get; set; } = 30;

    /// <summary>Activities one IP address may post per minute (an office behind one address shares it).</summary>
    public int PostsPerMinutePerIp { get; set; } = 300;

    /// <summary>How recent a poll must be for the page to count as open (messages the bot starts go elsewhere otherwise).</summary>
    public TimeSpan LiveWindow { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a turn may take before the page shows "typing…".</summary>
    public TimeSpan TypingDelay { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Activities kept per conversation for reconnects and reloads (older ones are dropped).</summary>
    public int HistoryLimit { get; set; } = 200;

    /// <summary>Conversations kept in memory; past this, those idle longer than <see cref="IdleTimeout"/> are dropped.</summary>
    public int MaxConversations { get; set; } = 5_000;

    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Keep-alive interval on the WebSocket (proxies close silent sockets).</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>What is wrong with the settings, in words an operator can act on; empty when they are usable.</summary>
    public IEnumerable<string> Problems()
    {
        if (!Enabled)
        {
            yield break;
        }

        if (!string.IsNullOrWhiteSpace(SigningKey) && KeyBytes() is not { Length: >= 32 })
        {
            yield return "WebChat:SigningKey must be base64 of at least 32 random bytes (openssl rand -base64 32).";
        }

        if (TokenLifetime < TimeSpan.FromMinutes(1) || TokenLifetime > TimeSpan.FromHours(24))
        {
            yield return "WebChat:TokenLifetime must be between 1 minute and 24 hours.";
        }

        if (MaxBodyBytes is < 1024 or > 1024 * 1024)
        {
            yield return "WebChat:MaxBodyBytes must be between 1024 and 1048576.";
        }

        if (MaxTextLength < 1 || StartsPerMinutePerIp < 1 || PostsPerMinutePerIp < 1 || HistoryLimit < 1 || MaxConversations < 1)
        {
            yield return "WebChat:MaxTextLength, StartsPerMinutePerIp, PostsPerMinutePerIp, HistoryLimit and MaxConversations must be positive.";
        }
    }

    /// <summary>The configured key's bytes, or null when none is configured or it is not base64.</summary>
    public byte[]? KeyBytes()
    {
        if (string.IsNullOrWhiteSpace(SigningKey))
        {
            return null;
        }

        try
        {
            return Convert.FromBase64String(SigningKey.Trim());
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
