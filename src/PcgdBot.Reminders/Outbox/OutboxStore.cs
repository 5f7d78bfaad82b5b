using System.Globalization;
using System.Text;
using LiteDB;
using PcgdBot.Storage;

namespace PcgdBot.Reminders.Outbox;

/// <summary>Records waiting to be sent and when the oldest of them was created (UTC).</summary>
public sealed record OutboxBacklog(int Waiting, DateTime? OldestCreatedAt);

/// <summary>How far a broadcast has got.</summary>
/// <param name="Acknowledged">Records whose person confirmed reading them.</param>
/// <param name="Undelivered">The Failed and Unreachable records, to name who did not get the message.</param>
public sealed record OutboxStats(
    string BroadcastId,
    int Total,
    int Pending,
    int Sending,
    int Sent,
    int Failed,
    int Unreachable,
    int Acknowledged,
    IReadOnlyList<OutboxRecord> Undelivered)
{
    /// <summary>Nothing left to send: every record was delivered, refused or given up.</summary>
    public bool IsFinished => Pending == 0 && Sending == 0;
}

/// <summary>
/// The durable outbox in the bot's LiteDB file (collection <c>outbox</c>): one record per recipient per broadcast,
/// with its state and attempts. Every change is one transaction.
/// </summary>
/// <remarks>
/// <para>
/// A record goes Pending → Sending (<see cref="ClaimDue(int)"/>, written before the platform call) → Sent, Failed,
/// Unreachable, or back to Pending for a retry. The outcome marks only apply to a record that is Sending, so a record
/// the platform accepted (Sent) is never claimed, nor changed, again.
/// </para>
/// <para>
/// Duplicates after a crash: a record is claimed (Sending, committed) before its platform call and marked right after
/// the platform answers. If the process dies in between, the file says Sending and nobody knows whether the platform
/// got it; <see cref="RecoverInFlight"/> puts those back to Pending and they are sent again. So the messages a crash
/// can duplicate are at most the records in Sending at that moment, and among them only those whose call had started:
/// at most <see cref="OutboxOptions.MaxConcurrentSends"/> per channel. Everything marked Sent is never repeated.
/// </para>
/// <para>
/// What "committed" means here: LiteDB 5 returns from a commit once the log pages are queued, and its background
/// writer puts them in the file a moment later (measured: microseconds; longer only if the thread pool is starved).
/// A kill in that moment loses the last commits as if they had not happened: a lost claim leaves the record Pending,
/// a lost answer leaves it Sending — either way it is sent again, and either way its call was among those just made.
/// So the bound is the calls in flight plus, at worst, those answered in the last instant before the kill. A power
/// cut can also lose what the operating system had not yet written to disk.
/// </para>
/// </remarks>
public sealed class OutboxStore
{
    public const string CollectionName = "outbox";

    /// <summary>LiteDB index keys are limited to 1023 bytes; ids and channel names stay well below.</summary>
    public const int MaxIdBytes = 400;

    /// <summary>Separates the channel from the due time in <see cref="OutboxRecord.DueKey"/>; below every character a channel id may hold.</summary>
    private const char DueSeparator = '\u001F';

    /// <summary>The first character above <see cref="DueSeparator"/> that a channel id may not hold: <c>channel + " "</c> sorts after all of the channel's keys.</summary>
    private const char AfterDueKeys = ' ';

    // Finite bounds for date queries: LiteDB matches nothing against DateTime.MaxValue when the machine's zone is
    // ahead of UTC (Vietnam's is). Due times are kept within them.
    private static readonly DateTime Earliest = new(1900, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Latest = new(9000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly PcgdBotDatabase _database;
    private readonly TimeProvider _time;

    public OutboxStore(PcgdBotDatabase database, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(time);
        _database = database;
        _time = time;

        // Here rather than in a schema step: PcgdBot.Storage does not know the outbox, and EnsureIndex is a no-op once done.
        _database.Write(db =>
        {
            var outbox = db.GetCollection<OutboxRecord>(CollectionName);
            outbox.EnsureIndex(nameof(OutboxRecord.BroadcastId));
            outbox.EnsureIndex(nameof(OutboxRecord.PersonId));
            outbox.EnsureIndex(nameof(OutboxRecord.State));
            outbox.EnsureIndex(nameof(OutboxRecord.NextAttemptAt));
            outbox.EnsureIndex(nameof(OutboxRecord.DueKey));
        });
    }

    private ILiteCollection<OutboxRecord> Collection => _database.Raw.GetCollection<OutboxRecord>(CollectionName);

    private DateTime Now => ToMilliseconds(_time.GetUtcNow().UtcDateTime);

    /// <summary>
    /// Stores the messages as Pending, due now, all in one transaction: a broadcast is stored whole or not at all.
    /// A message whose id is already stored is left as it is (whatever its state), so enqueueing again is harmless.
    /// </summary>
    /// <returns>How many were new.</returns>
    /// <exception cref="ArgumentException">A message is incomplete; nothing was stored.</exception>
    public int Enqueue(IEnumerable<OutboxMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);

        // Read and check everything before the transaction: a bad message (or a failing sequence) stores nothing.
        var list = messages.ToList();
        list.ForEach(Check);
        if (list.Count == 0)
        {
            return 0;
        }

        var now = Now;
        return _database.Write(db =>
        {
            var outbox = db.GetCollection<OutboxRecord>(CollectionName);
            var added = 0;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var message in list)
            {
                if (!seen.Add(message.Id) || outbox.FindById(message.Id) is not null)
                {
                    continue;
                }

                var record = new OutboxRecord
                {
                    Id = message.Id,
                    BroadcastId = message.BroadcastId,
                    PersonId = message.PersonId,
                    Channel = message.Channel,
                    UserId = message.UserId,
                    ConversationId = message.ConversationId,
                    Text = message.Text,
                    Buttons = [.. message.Buttons ?? []],
                    CreatedAt = now,
                };
                SetPending(record, now);
                outbox.Insert(record);
                added++;
            }

            return added;
        });
    }

    /// <summary>
    /// Claims up to <paramref name="max"/> due Pending records of any channel, earliest due first: marks them Sending
    /// and counts the attempt, in one transaction, before anything is sent.
    /// </summary>
    public IReadOnlyList<OutboxRecord> ClaimDue(int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var now = Now;
        return Claim(outbox => outbox.Query()
            .Where(Query.Between(nameof(OutboxRecord.NextAttemptAt), Earliest, now))
            .OrderBy(nameof(OutboxRecord.NextAttemptAt))
            .Limit(max)
            .ToList());
    }

    /// <summary>As <see cref="ClaimDue(int)"/>, for one channel only.</summary>
    public IReadOnlyList<OutboxRecord> ClaimDue(int max, string channel)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        CheckChannel(channel);
        var now = Now;
        return Claim(outbox => outbox.Query()
            .Where(Query.Between(nameof(OutboxRecord.DueKey), channel + DueSeparator, DueKeyOf(channel, now)))
            .OrderBy(nameof(OutboxRecord.DueKey))
            .Limit(max)
            .ToList());
    }

    /// <summary>The channels that have due Pending records, in ordinal order.</summary>
    public IReadOnlyList<string> DueChannels()
    {
        var now = Now;
        var channels = new List<string>();
        var from = string.Empty;

        // One index seek per channel: each channel's keys are contiguous and start with its earliest due record.
        while (FirstFrom(nameof(OutboxRecord.DueKey), from) is { } first)
        {
            if (first.NextAttemptAt <= now)
            {
                channels.Add(first.Channel);
            }

            from = first.Channel + AfterDueKeys;
        }

        return channels;
    }

    /// <summary>
    /// What waits to go out (Pending, including retries, and Sending) and since when the oldest of them was created:
    /// for health checks and metrics. A record waiting long means the platform or the sender is stuck.
    /// </summary>
    public OutboxBacklog Backlog()
    {
        var waiting = Collection.Query()
            .Where(r => r.State == OutboxState.Pending || r.State == OutboxState.Sending)
            .Select(r => r.CreatedAt)
            .ToList();
        return new OutboxBacklog(waiting.Count, waiting.Count == 0 ? null : ToUtc(waiting.Min()));
    }

    /// <summary>When the earliest Pending record is due (possibly already); null when nothing is pending.</summary>
    public DateTime? NextDueAt() =>
        Collection.Query()
            .Where(Query.Between(nameof(OutboxRecord.NextAttemptAt), Earliest, Latest))
            .OrderBy(nameof(OutboxRecord.NextAttemptAt))
            .Limit(1)
            .FirstOrDefault() is { } first
            ? ToUtc(first.NextAttemptAt)
            : null;

    /// <summary>The platform accepted the record: Sent, for good.</summary>
    /// <returns>False when the record is not Sending (unknown, or already settled).</returns>
    public bool MarkSent(string id, string? platformMessageId)
    {
        var now = Now;
        return Settle(id, record =>
        {
            record.State = OutboxState.Sent;
            record.SentAt = now;
            record.PlatformMessageId = platformMessageId;
            record.LastError = null;
        });
    }

    /// <summary>A transient failure: back to Pending, due at <paramref name="nextAttemptAt"/>.</summary>
    public bool MarkRetry(string id, string reason, DateTime nextAttemptAt)
    {
        var utc = ToUtc(nextAttemptAt);
        var due = ToMilliseconds(utc < Earliest ? Earliest : utc > Latest ? Latest : utc);
        return Settle(id, record =>
        {
            record.LastError = reason;
            SetPending(record, due);
        });
    }

    /// <summary>Refused by the platform, or given up: Failed, not retried.</summary>
    public bool MarkFailed(string id, string reason) => Settle(id, record =>
    {
        record.State = OutboxState.Failed;
        record.LastError = reason;
    });

    /// <summary>The person cannot be reached on this account: Unreachable, not retried.</summary>
    public bool MarkUnreachable(string id, string reason) => Settle(id, record =>
    {
        record.State = OutboxState.Unreachable;
        record.LastError = reason;
    });

    /// <summary>
    /// Claimed records that were not sent after all (the sender is stopping): back to Pending, due now, the attempt
    /// not counted.
    /// </summary>
    /// <returns>How many were put back.</returns>
    public int Release(IEnumerable<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var list = ids.ToList();
        if (list.Count == 0)
        {
            return 0;
        }

        var now = Now;
        return _database.Write(db =>
        {
            var outbox = db.GetCollection<OutboxRecord>(CollectionName);
            var released = 0;
            foreach (var id in list)
            {
                if (outbox.FindById(id) is { State: OutboxState.Sending } record)
                {
                    record.Attempts = Math.Max(0, record.Attempts - 1);
                    SetPending(record, now);
                    outbox.Update(record);
                    released++;
                }
            }

            return released;
        });
    }

    /// <summary>
    /// At start, before anything is sent: records left Sending by a crash go back to Pending, due now (their attempt
    /// stays counted, so a message that crashes the bot every time stops after <see cref="OutboxOptions.MaxAttempts"/>).
    /// </summary>
    /// <remarks>
    /// These are the only records that may be sent twice: the platform may have accepted them just before the crash,
    /// the answer never recorded. They are at most the records in Sending at the crash, and among them only those whose
    /// platform call had started — at most <see cref="OutboxOptions.MaxConcurrentSends"/> per channel; the others were
    /// waiting for their turn and were never sent. Calling this while a sender of this file is running would put its
    /// in-flight records back too, and they would be sent twice.
    /// </remarks>
    /// <returns>How many records were put back.</returns>
    public int RecoverInFlight()
    {
        var now = Now;
        return _database.Write(db =>
        {
            var outbox = db.GetCollection<OutboxRecord>(CollectionName);
            var inFlight = outbox.Find(Query.EQ(nameof(OutboxRecord.State), nameof(OutboxState.Sending))).ToList();
            foreach (var record in inFlight)
            {
                record.LastError = "Đang gửi thì bot dừng; gửi lại (interrupted while sending; sent again)";
                SetPending(record, now);
                outbox.Update(record);
            }

            return inFlight.Count;
        });
    }

    /// <summary>
    /// The person confirms they read a broadcast: their delivered (Sent) records of <paramref name="broadcastId"/> — or,
    /// when it is null, of the broadcast they were last sent — are marked acknowledged. The first acknowledgement's time
    /// is kept.
    /// </summary>
    /// <returns>False when the person has no delivered record to acknowledge.</returns>
    public bool Acknowledge(string personId, string? broadcastId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(personId);
        var now = Now;
        return _database.Write(db =>
        {
            var outbox = db.GetCollection<OutboxRecord>(CollectionName);
            var delivered = outbox.Find(Query.EQ(nameof(OutboxRecord.PersonId), personId))
                .Where(r => r.State == OutboxState.Sent)
                .ToList();
            var broadcast = broadcastId
                ?? delivered.OrderByDescending(r => r.SentAt).ThenByDescending(r => r.CreatedAt).FirstOrDefault()?.BroadcastId;
            var acknowledged = delivered.Where(r => r.BroadcastId == broadcast).ToList();
            foreach (var record in acknowledged.Where(r => r.AcknowledgedAt is null))
            {
                record.AcknowledgedAt = now;
                outbox.Update(record);
            }

            return acknowledged.Count > 0;
        });
    }

    /// <summary>Counts by state, acknowledgements, and the records that did not get through.</summary>
    public OutboxStats Stats(string broadcastId)
    {
        var records = ForBroadcast(broadcastId);
        int InState(OutboxState state) => records.Count(r => r.State == state);
        return new OutboxStats(
            broadcastId,
            records.Count,
            InState(OutboxState.Pending),
            InState(OutboxState.Sending),
            InState(OutboxState.Sent),
            InState(OutboxState.Failed),
            InState(OutboxState.Unreachable),
            records.Count(r => r.AcknowledgedAt is not null),
            [.. records.Where(r => r.State is OutboxState.Failed or OutboxState.Unreachable)]);
    }

    /// <summary>The records of a broadcast, in the order they were enqueued.</summary>
    public IReadOnlyList<OutboxRecord> ForBroadcast(string broadcastId)
    {
        ArgumentException.ThrowIfNullOrEmpty(broadcastId);
        return [.. Collection.Find(Query.EQ(nameof(OutboxRecord.BroadcastId), broadcastId))
            .Select(Normalize)
            .OrderBy(r => r.CreatedAt)
            .ThenBy(r => r.Id, StringComparer.Ordinal)];
    }

    /// <summary>Every broadcast with records in the outbox, in ordinal order of id.</summary>
    public IReadOnlyList<string> AllBroadcastIds()
    {
        var ids = new List<string>();

        // One index seek per broadcast rather than reading every record.
        var from = string.Empty;
        while (FirstFrom(nameof(OutboxRecord.BroadcastId), from) is { } first)
        {
            ids.Add(first.BroadcastId);
            from = first.BroadcastId + '\0';
        }

        return ids;
    }

    public OutboxRecord? Get(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return Collection.FindById(id) is { } record ? Normalize(record) : null;
    }

    /// <summary>Runs several of this store's changes in one transaction (each joins it): the sender's group commit.</summary>
    internal T InOneTransaction<T>(Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return _database.Write(_ => work());
    }

    private IReadOnlyList<OutboxRecord> Claim(Func<ILiteCollection<OutboxRecord>, List<OutboxRecord>> due)
    {
        var now = Now;
        return _database.Write(db =>
        {
            var outbox = db.GetCollection<OutboxRecord>(CollectionName);

            // Materialised before the updates: they move the records in the very index being read.
            var claimed = due(outbox);
            foreach (var record in claimed)
            {
                record.State = OutboxState.Sending;
                record.Attempts++;
                record.NextAttemptAt = null;
                record.DueKey = null;
                outbox.Update(record);
            }

            return (IReadOnlyList<OutboxRecord>)[.. claimed.Select(Normalize)];
        });
    }

    /// <summary>Applies an outcome to a record that is Sending; anything else is left alone.</summary>
    private bool Settle(string id, Action<OutboxRecord> change)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return _database.Write(db =>
        {
            var outbox = db.GetCollection<OutboxRecord>(CollectionName);
            if (outbox.FindById(id) is not { State: OutboxState.Sending } record)
            {
                return false;
            }

            record.NextAttemptAt = null;
            record.DueKey = null;
            change(record);
            outbox.Update(record);
            return true;
        });
    }

    private OutboxRecord? FirstFrom(string field, string from) =>
        Collection.Query()
            .Where(Query.GTE(field, from))
            .OrderBy(field)
            .Limit(1)
            .FirstOrDefault();

    private static void SetPending(OutboxRecord record, DateTime due)
    {
        record.State = OutboxState.Pending;
        record.NextAttemptAt = due;
        record.DueKey = DueKeyOf(record.Channel, due);
    }

    private static string DueKeyOf(string channel, DateTime due) =>
        channel + DueSeparator + due.Ticks.ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>LiteDB keeps milliseconds; the due key must agree with the stored time.</summary>
    private static DateTime ToMilliseconds(DateTime utc) =>
        new(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);

    /// <summary>LiteDB reads dates back in local time.</summary>
    private static DateTime ToUtc(DateTime value) => value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime();

    private static DateTime? ToUtc(DateTime? value) => value is { } v ? ToUtc(v) : null;

    private static OutboxRecord Normalize(OutboxRecord record)
    {
        record.CreatedAt = ToUtc(record.CreatedAt);
        record.NextAttemptAt = ToUtc(record.NextAttemptAt);
        record.SentAt = ToUtc(record.SentAt);
        record.AcknowledgedAt = ToUtc(record.AcknowledgedAt);
        return record;
    }

    private static void Check(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        CheckId(message.Id, nameof(OutboxMessage.Id));
        CheckId(message.BroadcastId, nameof(OutboxMessage.BroadcastId));
        CheckId(message.PersonId, nameof(OutboxMessage.PersonId));
        CheckChannel(message.Channel);
        if (string.IsNullOrEmpty(message.UserId) && string.IsNullOrEmpty(message.ConversationId))
        {
            throw new ArgumentException($"Outbox message {message.Id} has neither a user nor a conversation to send to.", "messages");
        }

        if (message.Text is null || message.UserId is null || message.ConversationId is null)
        {
            throw new ArgumentException($"Outbox message {message.Id} has a null text, user or conversation.", "messages");
        }
    }

    private static void CheckId(string value, string what)
    {
        if (string.IsNullOrEmpty(value) || Encoding.UTF8.GetByteCount(value) > MaxIdBytes)
        {
            throw new ArgumentException($"An outbox message's {what} must be 1 to {MaxIdBytes} UTF-8 bytes long.", "messages");
        }
    }

    private static void CheckChannel(string channel)
    {
        if (string.IsNullOrEmpty(channel) || channel.Length > 100 || channel.Any(c => c <= AfterDueKeys))
        {
            throw new ArgumentException($"'{channel}' is not a channel id: 1 to 100 characters, no spaces or control characters.", nameof(channel));
        }
    }
}
