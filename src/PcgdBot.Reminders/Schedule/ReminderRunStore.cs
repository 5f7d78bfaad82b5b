using LiteDB;
using PcgdBot.Storage;

namespace PcgdBot.Reminders.Schedule;

/// <summary>What became of one occurrence: recorded before it was handed over, then sent or failed.</summary>
public enum ReminderRunStatus
{
    /// <summary>Recorded and being handed to the dispatcher; stays so if the process died in between.</summary>
    Started,

    Sent,

    /// <summary>The dispatcher threw; not tried again (see <see cref="ReminderRun.Error"/>).</summary>
    Failed,
}

/// <summary>One row of <c>reminder_runs</c>.</summary>
public sealed record ReminderRun(string OccurrenceKey, DateTimeOffset DueAt, DateTimeOffset FiredAt, bool Late, ReminderRunStatus Status, string? Error);

/// <summary>
/// The occurrences already fired, by occurrence key, in the bot's data file: a restart reads them back, so nothing
/// is fired twice. Also the moment the scheduler first ran on this file, so a new installation does not send a
/// month of old reminders at once.
/// </summary>
public sealed class ReminderRunStore(PcgdBotDatabase database)
{
    public const string CollectionName = "reminder_runs";
    public const string StateCollectionName = "reminder_state";
    private const string FirstStartId = "first-start";
    private DateTimeOffset? firstStart;

    /// <summary>Whether the occurrence was fired (or at least recorded) already.</summary>
    public bool Contains(string occurrenceKey) =>
        database.Raw.GetCollection(CollectionName).Exists(Query.EQ("_id", occurrenceKey));

    /// <summary>
    /// Records the occurrence as started unless it is already recorded, in one transaction: true means this caller
    /// owns it and must dispatch it; false means someone did already (another pass, or a run before a restart).
    /// </summary>
    public bool TryStart(string occurrenceKey, DateTimeOffset dueAt, DateTimeOffset firedAt, bool late)
    {
        ArgumentException.ThrowIfNullOrEmpty(occurrenceKey);
        return database.Write(db =>
        {
            var runs = db.GetCollection(CollectionName);
            if (runs.Exists(Query.EQ("_id", occurrenceKey)))
            {
                return false;
            }

            runs.Insert(new BsonDocument
            {
                ["_id"] = occurrenceKey,
                ["dueAt"] = dueAt.UtcDateTime,
                ["firedAt"] = firedAt.UtcDateTime,
                ["late"] = late,
                ["status"] = StatusName(ReminderRunStatus.Started),
            });
            return true;
        });
    }

    public void MarkSent(string occurrenceKey) => SetStatus(occurrenceKey, ReminderRunStatus.Sent, null);

    public void MarkFailed(string occurrenceKey, string reason) => SetStatus(occurrenceKey, ReminderRunStatus.Failed, reason);

    public ReminderRun? Find(string occurrenceKey) =>
        database.Raw.GetCollection(CollectionName).FindById(occurrenceKey) is { } document ? Read(document) : null;

    /// <summary>Every run, by due time.</summary>
    public IReadOnlyList<ReminderRun> All() =>
        [.. database.Raw.GetCollection(CollectionName).FindAll().Select(Read).OrderBy(r => r.DueAt).ThenBy(r => r.OccurrenceKey, StringComparer.Ordinal)];

    /// <summary>When the scheduler first ran on this data file; records <paramref name="now"/> if it never did.</summary>
    public DateTimeOffset FirstStartedAt(DateTimeOffset now)
    {
        if (firstStart is { } known)
        {
            return known;
        }

        var at = database.Write(db =>
        {
            var state = db.GetCollection(StateCollectionName);
            if (state.FindById(FirstStartId) is { } document)
            {
                return document["at"].AsDateTime.ToUniversalTime();
            }

            state.Insert(new BsonDocument { ["_id"] = FirstStartId, ["at"] = now.UtcDateTime });
            return now.UtcDateTime;
        });
        firstStart = new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc));
        return firstStart.Value;
    }

    private void SetStatus(string occurrenceKey, ReminderRunStatus status, string? error) => database.Write(db =>
    {
        var runs = db.GetCollection(CollectionName);
        if (runs.FindById(occurrenceKey) is not { } document)
        {
            throw new InvalidOperationException($"Reminder run {occurrenceKey} was never started.");
        }

        document["status"] = StatusName(status);
        document["error"] = error is null ? BsonValue.Null : new BsonValue(error);
        runs.Update(document);
    });

    private static ReminderRun Read(BsonDocument document) => new(
        document["_id"].AsString,
        Utc(document["dueAt"]),
        Utc(document["firedAt"]),
        document["late"].AsBoolean,
        document["status"].AsString switch
        {
            "sent" => ReminderRunStatus.Sent,
            "failed" => ReminderRunStatus.Failed,
            _ => ReminderRunStatus.Started,
        },
        document["error"].IsNull ? null : document["error"].AsString);

    // LiteDB hands dates back in local time; the rows are instants.
    private static DateTimeOffset Utc(BsonValue value) => new(DateTime.SpecifyKind(value.AsDateTime.ToUniversalTime(), DateTimeKind.Utc));

    private static string StatusName(ReminderRunStatus status) => status switch
    {
        ReminderRunStatus.Sent => "sent",
        ReminderRunStatus.Failed => "failed",
        _ => "started",
    };
}
