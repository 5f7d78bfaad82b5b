namespace PcgdBot.Channels;

/// <summary>What became of one platform update; the webhook's status code follows from it.</summary>
public enum UpdateOutcome
{
    /// <summary>Answered (or nothing for the bot) and recorded: 200.</summary>
    Handled,

    /// <summary>Handled before, or being handled right now: 200, nothing done.</summary>
    Duplicate,

    /// <summary>The turn failed for an internal reason and was not recorded: 503, the platform re-delivers it.</summary>
    RetryLater,

    /// <summary>The disk or the data file failed: 503 at once (with Retry-After), nothing recorded.</summary>
    StorageUnavailable,

    /// <summary>Not a usable update (a required part missing, a field beyond the platform's own limits): 400, nothing done.</summary>
    Malformed,
}

/// <summary>The HTTP side of an <see cref="UpdateOutcome"/>.</summary>
public static class UpdateOutcomes
{
    /// <summary>200 for what is done; 503 (never 500) for what the platform should deliver again.</summary>
    public static int StatusCode(this UpdateOutcome outcome) => outcome switch
    {
        UpdateOutcome.Handled or UpdateOutcome.Duplicate => 200,
        UpdateOutcome.Malformed => 400,
        _ => 503,
    };
}
