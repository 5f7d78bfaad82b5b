namespace PcgdBot.Reminders.Outbox;

/// <summary>
/// One message of a broadcast to one recipient (one chat account of a person), as it is enqueued and as the transport
/// receives it.
/// </summary>
/// <param name="Id">Unique and stable: enqueueing the same id again is a no-op, so a broadcast retried after a failure
/// does not double its messages. For example <c>"{broadcastId}:{channel}:{userId}"</c>.</param>
/// <param name="ConversationId">The chat the message goes to (Telegram chat id, Zalo user id); the per-chat limit is
/// counted on it.</param>
/// <param name="Buttons">Quick replies shown under the text; empty for none.</param>
public sealed record OutboxMessage(
    string Id,
    string BroadcastId,
    string PersonId,
    string Channel,
    string UserId,
    string ConversationId,
    string Text,
    IReadOnlyList<string> Buttons);

/// <summary>Where a record stands.</summary>
public enum OutboxState
{
    /// <summary>Waiting for its turn (first attempt, or a retry after <see cref="OutboxRecord.NextAttemptAt"/>).</summary>
    Pending,

    /// <summary>
    /// Claimed by the sender: being sent, or about to be. Written before the platform call, so that after a crash these
    /// are the only records whose delivery is unknown.
    /// </summary>
    Sending,

    /// <summary>The platform accepted it. Never sent again.</summary>
    Sent,

    /// <summary>Refused by the platform (a bad request), or still failing after the last attempt.</summary>
    Failed,

    /// <summary>The person cannot be reached on this account (blocked the bot, outside the platform's window).</summary>
    Unreachable,
}

/// <summary>
/// A stored outbox record: the message, its state and its attempts, in the <c>outbox</c> collection.
/// </summary>
/// <remarks>
/// A mutable class with a parameterless constructor because that is what LiteDB's mapper reads; only
/// <see cref="OutboxStore"/> changes stored records. Times are UTC.
/// </remarks>
public sealed class OutboxRecord
{
    public string Id { get; set; } = string.Empty;

    public string BroadcastId { get; set; } = string.Empty;

    public string PersonId { get; set; } = string.Empty;

    public string Channel { get; set; } = string.Empty;

    public string UserId { get; set; } = string.Empty;

    public string ConversationId { get; set; } = string.Empty;

    public string Text { get; set; } = string.Empty;

    public List<string> Buttons { get; set; } = [];

    public OutboxState State { get; set; }

    /// <summary>Platform calls started for this record (counted when it is claimed, before the call).</summary>
    public int Attempts { get; set; }

    /// <summary>When the record may next be sent; null when no attempt is planned (not <see cref="OutboxState.Pending"/>).</summary>
    public DateTime? NextAttemptAt { get; set; }

    /// <summary>
    /// <c>"{Channel}\u001F{NextAttemptAt ticks}"</c> while pending, null otherwise: indexed, so the sender claims one
    /// channel's due records in order without reading the other channels' (a broadcast of 10,000 would otherwise be
    /// scanned for every batch).
    /// </summary>
    public string? DueKey { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? SentAt { get; set; }

    public string? PlatformMessageId { get; set; }

    public string? LastError { get; set; }

    /// <summary>When the person confirmed they had read it ("đã nhận").</summary>
    public DateTime? AcknowledgedAt { get; set; }

    public OutboxMessage ToMessage() =>
        new(Id, BroadcastId, PersonId, Channel, UserId, ConversationId, Text, Buttons);
}
