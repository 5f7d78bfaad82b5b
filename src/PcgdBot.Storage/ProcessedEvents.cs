using LiteDB;

namespace PcgdBot.Storage;

/// <summary>
/// Ids of platform events already handled (Telegram update_id, Zalo msg_id), kept in the database so a re-delivery
/// after a failure or a restart is recognised. Old ids are dropped: platforms re-deliver for a day at most.
/// </summary>
public sealed class ProcessedEvents(PcgdBotDatabase database, TimeProvider time)
{
    public const string CollectionName = "processed_events";
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(3);
    private const int PruneEvery = 1000;
    private int added;

    public bool Contains(string source, string id) => database.Raw.GetCollection(CollectionName).Exists(Query.EQ("_id", Key(source, id)));

    public void Add(string source, string id)
    {
        var now = time.GetUtcNow().UtcDateTime;
        database.Write(db => db.GetCollection(CollectionName).Upsert(new BsonDocument { ["_id"] = Key(source, id), ["at"] = now }));
        if (Interlocked.Increment(ref added) % PruneEvery == 0)
        {
            Prune(now - KeptFor);
        }
    }

    public int Prune(DateTime olderThan) => database.Write(db => db.GetCollection(CollectionName).DeleteMany(Query.LT("at", olderThan)));

    private static string Key(string source, string id) => source + ":" + id;
}
