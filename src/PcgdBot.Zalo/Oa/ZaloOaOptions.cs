namespace PcgdBot.Zalo.Oa;

/// <summary>The "Zalo:Oa" configuration section (environment: <c>Zalo__Oa__AppId</c>, …).</summary>
public sealed class ZaloOaOptions
{
    public const string SectionName = "Zalo:Oa";
    public const string WebhookPath = "/api/zalo/oa";

    /// <summary>The Zalo App the OA(s) authorised; webhooks carry it as app_id.</summary>
    public string? AppId { get; set; }

    /// <summary>The OA Secret Key: signs webhooks (X-ZEvent-Signature). Not the App Secret.</summary>
    public string? OaSecretKey { get; set; }

    /// <summary>The App Secret: refreshes access tokens.</summary>
    public string? AppSecret { get; set; }

    /// <summary>An initial token pair (also settable with <c>zalo set-token</c>); stored in the database once used.</summary>
    public string? AccessToken { get; set; }

    public string? RefreshToken { get; set; }

    /// <summary>The OA these tokens belong to; empty: the OA of the first event that arrives.</summary>
    public string? OaId { get; set; }

    public string ApiBaseUrl { get; set; } = "https://openapi.zalo.me";

    public string OAuthBaseUrl { get; set; } = "https://oauth.zaloapp.com";

    /// <summary>Tries per message on rate limits and network errors.</summary>
    public int MaxSendAttempts { get; set; } = 4;

    /// <summary>Tokens are renewed this long before they expire (they live 25 hours).</summary>
    public TimeSpan RefreshBeforeExpiry { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Events handled at once; one person's events are always handled in order.</summary>
    public int InboxWorkers { get; set; } = 4;

    /// <summary>The largest webhook body read (Zalo's events are a few KB); larger is 413, checked before the signature.</summary>
    public int MaxBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Events older than this (by their own timestamp) are answered 200 and dropped: replays of old signed events do nothing.</summary>
    public TimeSpan MaxEventAge { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How far the event's clock may be ahead of ours (or behind, on top of the age).</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Tries for one event whose turn fails for an internal reason; after the last the person gets a polite note.</summary>
    public int MaxTurnAttempts { get; set; } = 3;

    /// <summary>The first pause before an event that failed is tried again (doubling after each failure).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    public bool IsEnabled => !string.IsNullOrWhiteSpace(AppId) && !string.IsNullOrWhiteSpace(OaSecretKey);

    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(AppId) != string.IsNullOrWhiteSpace(OaSecretKey))
        {
            yield return "Zalo:Oa:AppId and Zalo:Oa:OaSecretKey go together: webhooks cannot be checked with one of them.";
        }

        if (!IsEnabled)
        {
            yield break;
        }

        foreach (var (name, value) in new[] { ("Zalo:Oa:ApiBaseUrl", ApiBaseUrl), ("Zalo:Oa:OAuthBaseUrl", OAuthBaseUrl) })
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                yield return $"{name} must be an http(s) address.";
            }
        }

        if (string.IsNullOrWhiteSpace(AccessToken) != string.IsNullOrWhiteSpace(RefreshToken))
        {
            yield return "Zalo:Oa:AccessToken and Zalo:Oa:RefreshToken go together (or set them with `zalo set-token`).";
        }

        if (!string.IsNullOrWhiteSpace(RefreshToken) && string.IsNullOrWhiteSpace(AppSecret))
        {
            yield return "Zalo:Oa:AppSecret is needed to refresh the access token.";
        }

        if (MaxSendAttempts is < 1 or > 10)
        {
            yield return "Zalo:Oa:MaxSendAttempts must be between 1 and 10.";
        }

        if (MaxBodyBytes is < 16 * 1024 or > 1 << 20)
        {
            yield return "Zalo:Oa:MaxBodyBytes must be between 16384 and 1048576.";
        }

        if (MaxEventAge < TimeSpan.FromMinutes(1) || MaxClockSkew < TimeSpan.Zero || MaxClockSkew > TimeSpan.FromHours(1))
        {
            yield return "Zalo:Oa:MaxEventAge must be at least 1 minute and Zalo:Oa:MaxClockSkew between 0 and 1 hour.";
        }

        if (MaxTurnAttempts is < 1 or > 20)
        {
            yield return "Zalo:Oa:MaxTurnAttempts must be between 1 and 20.";
        }

        if (RetryDelay < TimeSpan.Zero || RetryDelay > TimeSpan.FromMinutes(10))
        {
            yield return "Zalo:Oa:RetryDelay must be between 0 and 10 minutes.";
        }

        if (InboxWorkers is < 1 or > 64)
        {
            yield return "Zalo:Oa:InboxWorkers must be between 1 and 64.";
        }
    }
}
