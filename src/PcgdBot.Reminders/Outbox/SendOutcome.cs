namespace PcgdBot.Reminders.Outbox;

/// <summary>
/// What the platform answered to one message; the transport maps the platform's answers onto these four.
/// </summary>
public abstract record SendOutcome
{
    private SendOutcome()
    {
    }

    /// <summary>The platform took the message. The record becomes <see cref="OutboxState.Sent"/> and is never sent again.</summary>
    public sealed record Accepted(string? PlatformMessageId) : SendOutcome;

    /// <summary>
    /// The person cannot be reached on this account: blocked the bot, never started it, outside the platform's
    /// messaging window. Not retried; the record becomes <see cref="OutboxState.Unreachable"/>.
    /// </summary>
    public sealed record Unreachable(string Reason) : SendOutcome;

    /// <summary>The platform refused the message itself (a 400). Not retried; the record becomes <see cref="OutboxState.Failed"/>.</summary>
    public sealed record Rejected(string Reason) : SendOutcome;

    /// <summary>
    /// Try again later: 429, 5xx, a network error or a timeout. Retried with back-off (1 s, 2 s, 4 s…), never sooner
    /// than <paramref name="RetryAfter"/> when the platform names a wait, up to <see cref="OutboxOptions.MaxAttempts"/>
    /// attempts; then <see cref="OutboxState.Failed"/>. A <paramref name="RetryAfter"/> also pauses the whole channel
    /// that long (Telegram's 429 is about the bot as a whole).
    /// </summary>
    public sealed record Transient(string Reason, TimeSpan? RetryAfter = null) : SendOutcome;
}

/// <summary>
/// Sends one outbox message to its platform (proactively, through the channel adapter's ContinueConversationAsync).
/// </summary>
/// <remarks>
/// Called concurrently, up to <see cref="OutboxOptions.MaxConcurrentSends"/> per channel. An exception is taken as
/// <see cref="SendOutcome.Transient"/>. Pacing is the sender's job: the transport sends at once.
/// </remarks>
public interface IOutboxTransport
{
    Task<SendOutcome> SendAsync(OutboxMessage message, CancellationToken cancellationToken);
}
