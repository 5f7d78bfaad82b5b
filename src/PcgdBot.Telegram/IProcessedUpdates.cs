namespace PcgdBot.Telegram;

/// <summary>Update ids already handled, kept durably: Telegram re-delivers when a webhook call fails or polling restarts.</summary>
public interface IProcessedUpdates
{
    bool Contains(long updateId);

    void Add(long updateId);
}

/// <summary>What the adapter learns about people's reachability: a 403 or a block means the bot cannot write to them.</summary>
public interface ITelegramReachability
{
    void Unreachable(string userId, string reason);
}

/// <summary>A message the platform did not take, after the adapter's own retries.</summary>
public sealed class ChannelDeliveryException(string channel, string userId, DeliveryFailure failure, string detail)
    : Exception($"{channel}: message to {userId} not delivered ({failure}): {detail}")
{
    public string Channel { get; } = channel;

    public string UserId { get; } = userId;

    public DeliveryFailure Failure { get; } = failure;
}

public enum DeliveryFailure
{
    /// <summary>The person blocked the bot or never started it (403): do not retry.</summary>
    Unreachable,

    /// <summary>The platform refused the message itself (400): retrying will not help.</summary>
    Rejected,

    /// <summary>Rate limits or network errors outlasted the retries: may work later.</summary>
    Transient,
}
