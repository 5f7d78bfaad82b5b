using System.Text;
using LiteDB;

namespace PcgdBot.Storage;

/// <summary>A stored JSON document and the ETag of this version of it.</summary>
public sealed record StoredDocument(string Key, string Json, string ETag);

/// <summary>
/// JSON documents by string key with optimistic concurrency, in the <c>state</c> collection
/// (<c>{ _id: key, json, etag, updatedUtc }</c>). Keys are compared exactly (the file's collation is ordinal).
/// Thread-safe; every method is one atomic LiteDB operation or transaction, and joins a surrounding
/// <see cref="PcgdBotDatabase.Write(Action{LiteDatabase})"/> on the same thread.
/// </summary>
/// <remarks>
/// ETag rules (those of Bot Framework's <c>MemoryStorage</c>, except that null also means "any"):
/// <list type="bullet">
/// <item>expected ETag <c>null</c> or <c>"*"</c>: write unconditionally (create or overwrite);</item>
/// <item>a concrete ETag (the empty string too): the stored ETag must be exactly it, else <see cref="ETagConflictException"/>;</item>
/// <item>a concrete ETag for a key that is not stored (never was, or was deleted since): the document is created, as
/// <c>MemoryStorage</c> does — the ETag guards against overwriting a newer version, and there is none. Two writers racing
/// to create the same missing key this way: one wins, the other gets <see cref="ETagConflictException"/>.</item>
/// </list>
/// Every successful write gets a new unique ETag.
/// </remarks>
public sealed class DocumentStore
{
    public const string CollectionName = "state";

    /// <summary>LiteDB index keys are limited to 1023 bytes; keep a margin.</summary>
    public const int MaxKeyBytes = 1000;

    private readonly PcgdBotDatabase _database;

    public DocumentStore(PcgdBotDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    private ILiteCollection<BsonDocument> Collection => _database.Raw.GetCollection(CollectionName);

    public StoredDocument? Read(string key)
    {
        CheckKey(key);
        return Collection.FindById(key) is { } stored ? ToStored(stored) : null;
    }

    /// <summary>The stored ones among <paramref name="keys"/>, in the order asked (missing keys are left out, repeats once).</summary>
    public IReadOnlyList<StoredDocument> Read(IEnumerable<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var wanted = keys.Distinct(StringComparer.Ordinal).ToList();
        wanted.ForEach(CheckKey);
        if (wanted.Count == 0)
        {
            return [];
        }

        // One query, so one consistent snapshot.
        var found = Collection
            .Find(Query.In("_id", new BsonArray(wanted.Select(k => new BsonValue(k)))))
            .Select(ToStored)
            .ToDictionary(d => d.Key, StringComparer.Ordinal);
        return [.. wanted.Where(found.ContainsKey).Select(k => found[k])];
    }

    /// <summary>Creates or replaces the document; see the class remarks for <paramref name="expectedETag"/>.</summary>
    /// <returns>The document as stored, with its new ETag.</returns>
    /// <exception cref="ETagConflictException">The stored document is not the version <paramref name="expectedETag"/> names.</exception>
    public StoredDocument Write(string key, string json, string? expectedETag)
    {
        CheckKey(key);
        ArgumentNullException.ThrowIfNull(json);
        var etag = Guid.NewGuid().ToString("N");
        var now = DateTime.UtcNow;
        var document = new BsonDocument
        {
            ["_id"] = key,
            ["json"] = json,
            ["etag"] = etag,
            ["updatedUtc"] = now,
        };

        try
        {
            _database.Write(db =>
            {
                var collection = db.GetCollection(CollectionName);
                if (expectedETag is null or "*")
                {
                    collection.Upsert(document);
                    return;
                }

                // Compare-and-swap: PcgdBotDatabase.Write runs the process's writes one at a time (and the lock file keeps
                // other processes out), so nothing can change the document between this read and the write below.
                // (LiteDB's own UpdateMany with an expression does the same under its lock, but parsing the expression
                // made every write 30 times slower.)
                var stored = collection.FindById(key);
                if (stored is not null)
                {
                    if (stored["etag"].AsString != expectedETag)
                    {
                        throw new ETagConflictException(key);
                    }

                    collection.Update(document);
                    return;
                }

                collection.Insert(document);
            });
        }
        catch (LiteException e) when (e.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
        {
            // Only possible while the collection is first created: LiteDB re-takes the lock then, and someone else
            // stored the key in that moment. LiteDB has rolled the transaction back.
            throw new ETagConflictException(key);
        }

        return new StoredDocument(key, json, etag);
    }

    /// <returns>Whether there was a document to delete.</returns>
    public bool Delete(string key)
    {
        CheckKey(key);
        return Collection.Delete(key);
    }

    private static StoredDocument ToStored(BsonDocument stored) =>
        new(stored["_id"].AsString, stored["json"].AsString, stored["etag"].AsString);

    private static void CheckKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (Encoding.UTF8.GetByteCount(key) > MaxKeyBytes)
        {
            throw new ArgumentException($"A document key may be at most {MaxKeyBytes} UTF-8 bytes long.", nameof(key));
        }
    }
}
