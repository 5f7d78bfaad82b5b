using LiteDB;
using PcgdBot.Storage;

namespace PcgdBot.Zalo.Oa;

/// <summary>An event waiting in the inbox.</summary>
public sealed record InboxEntry(string Key, string Body, DateTime ReceivedAt, int Attempts);

/// <summary>
/// The durable inbox of Zalo OA events: an event is written (committed) before Zalo gets its 200, and handled
/// afterwards; what was acknowledged survives a crash and is handled after the restart. The event's key makes a
/// re-delivered event a no-op.
/// </summary>
public sealed class ZaloOaInbox(PcgdBotDatabase database, TimeProvider time)
{
    public const string CollectionName = "zalo_inbox";
    private const string Pending = "pending";
    private const string Done = "done";
    private const string Failed = "failed";

    private ILiteCollection<BsonDocument> Collection => database.Raw.GetCollection(CollectionName);

    /// <summary>Stores the event; false when an event with this key was stored before (a re-delivery).</summary>
    public bool TryAdd(string key, string body) => database.Write(db =>
    {
        var collection = db.GetCollection(CollectionName);
        if (collection.FindById(key) is not null)
        {
            return false;
        }

        collection.Insert(new BsonDocument
        {
            ["_id"] = key,
            ["body"] = body,
            ["state"] = Pending,
            ["receivedAt"] = time.GetUtcNow().UtcDateTime,
            ["attempts"] = 0,
        });
        return true;
    });

    /// <summary>Events not yet handled, oldest first (after a restart: everything acknowledged but not handled).</summary>
    public IReadOnlyList<InboxEntry> PendingEntries() =>
        [.. Collection.Find(Query.EQ("state", Pending)).Select(Entry).OrderBy(e => e.ReceivedAt)];

    public InboxEntry? Get(string key) => Collection.FindById(key) is { } document ? Entry(document) : null;

    public string? StateOf(string key) => Collection.FindById(key)?["state"].AsString;

    public void MarkDone(string key) => SetState(key, Done);

    /// <summary>Counts a failed attempt; after <paramref name="maxAttempts"/> the event is set aside (kept, not retried).</summary>
    public void MarkAttemptFailed(string key, int maxAttempts) => database.Write(db =>
    {
        var collection = db.GetCollection(CollectionName);
        if (collection.FindById(key) is { } document)
        {
            var attempts = document["attempts"].AsInt32 + 1;
            document["attempts"] = attempts;
            document["state"] = attempts >= maxAttempts ? Failed : Pending;
            collection.Update(document);
        }
    });

    /// <summary>
    /// Forgets handled and set-aside events received before <paramref name="olderThan"/> (bodies and keys both): the
    /// freshness window drops any older re-delivery before it reaches the inbox. Pending events are kept.
    /// </summary>
    public int Prune(DateTime olderThan) => database.Write(db =>
        db.GetCollection(CollectionName).DeleteMany(Query.And(Query.Not("state", Pending), Query.LT("receivedAt", olderThan))));

    private void SetState(string key, string state) => database.Write(db =>
    {
        var collection = db.GetCollection(CollectionName);
        if (collection.FindById(key) is { } document)
        {
            document["state"] = state;
            collection.Update(document);
        }
    });

    private static InboxEntry Entry(BsonDocument document) =>
        new(document["_id"].AsString, document["body"].AsString, document["receivedAt"].AsDateTime, document["attempts"].AsInt32);
}
