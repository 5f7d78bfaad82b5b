namespace PcgdBot.Channels;

/// <summary>Why a platform did not take a message, after the adapter's own retries.</summary>
public enum DeliveryFailure
{
    /// <summary>The person blocked the bot, never started it, or is outside the platform's window: do not retry on this channel.</summary>
    Unreachable,

    /// <summary>The platform refused the message itself (400): retrying will not help.</summary>
    Rejected,

    /// <summary>Rate limits or network errors outlasted the retries: may work later.</summary>
    Transient,
}

/// <summary>A message the platform did not take, after the adapter's own retries.</summary>
public sealed class ChannelDeliveryException(string channel, string userId, DeliveryFailure failure, string detail)
    : Exception($"{channel}: message to {userId} not delivered ({failure}): {detail}")
{
    public string Channel { get; } = channel;

    public string UserId { get; } = userId;

    public DeliveryFailure Failure { get; } = failure;
}

/// <summary>What an adapter learns about people's reachability: they blocked the bot, or the platform's window closed.</summary>
public interface IChannelReachability
{
    void Unreachable(string channel, string userId, string reason);
}
