using System.Globalization;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json;
using PcgdBot.Storage;

// Not "PcgdBot.Host.Storage": inside PcgdBot.Host.* that namespace would hide PcgdBot.Storage from code written "Storage.X".
namespace PcgdBot.Host.BotStorage;

/// <summary>
/// Bot Framework state (<see cref="ConversationState"/>, <see cref="UserState"/>, dialog state…) in the bot's LiteDB
/// file, through <see cref="DocumentStore"/> (collection <c>state</c>, one document per storage key).
/// </summary>
/// <remarks>
/// <para>
/// Values are serialized with Newtonsoft.Json and <see cref="TypeNameHandling.All"/>, as <see cref="MemoryStorage"/> does,
/// so typed state objects read back as their own types. Dates are not re-parsed from strings on reading (a string that
/// looks like a date stays the string it was).
/// </para>
/// <para>
/// ETags, for values that are <see cref="IStoreItem"/>: <c>"*"</c> or <c>null</c> writes unconditionally; any other ETag,
/// the empty string included, must be the stored one, else <see cref="ETagConflictException"/> and nothing of the batch
/// is written; an ETag for a key that is not stored creates it (as <see cref="MemoryStorage"/>). After a successful write
/// each written <see cref="IStoreItem"/> carries its new ETag, so it can be written again without reading it first.
/// Other values (BotState's property bags are plain dictionaries) always overwrite.
/// </para>
/// <para>A batch of changes or deletions is one transaction: all of it or nothing.</para>
/// <para>
/// A stored item that can no longer be read (its type was renamed or removed since it was saved) is logged and read as
/// absent, so the conversation starts afresh and the next save replaces it, instead of every turn failing.
/// </para>
/// </remarks>
public sealed class LiteDbBotStorage : IStorage
{
    private static readonly JsonSerializerSettings SerializerSettings = new()
    {
        TypeNameHandling = TypeNameHandling.All,
        ReferenceLoopHandling = ReferenceLoopHandling.Error,
        MaxDepth = null,
        DateParseHandling = DateParseHandling.None,
        Culture = CultureInfo.InvariantCulture,
    };

    private readonly PcgdBotDatabase _database;
    private readonly DocumentStore _documents;
    private readonly ILogger _logger;

    public LiteDbBotStorage(PcgdBotDatabase database, ILogger<LiteDbBotStorage>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        _documents = new DocumentStore(database);
        _logger = logger ?? NullLogger<LiteDbBotStorage>.Instance;
    }

    /// <summary>The stored items among <paramref name="keys"/>; keys with nothing stored are left out.</summary>
    public Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        cancellationToken.ThrowIfCancellationRequested();

        var items = new Dictionary<string, object>(keys.Length, StringComparer.Ordinal);
        foreach (var document in _documents.Read(keys))
        {
            object? value;
            try
            {
                value = JsonConvert.DeserializeObject<object>(document.Json, SerializerSettings);
            }
            catch (JsonException e)
            {
                _logger.LogWarning(e, "Stored bot state {Key} in {DatabasePath} cannot be read any more; it is treated as absent and will be replaced by the next save.", document.Key, _database.Path);
                continue;
            }

            if (value is null)
            {
                continue;
            }

            if (value is IStoreItem item)
            {
                item.ETag = document.ETag;
            }

            items[document.Key] = value;
        }

        return Task.FromResult<IDictionary<string, object>>(items);
    }

    /// <exception cref="ETagConflictException">An <see cref="IStoreItem"/> carried an ETag that is not the stored one.</exception>
    public Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        cancellationToken.ThrowIfCancellationRequested();
        if (changes.Count == 0)
        {
            return Task.CompletedTask;
        }

        var pending = changes
            .Select(change => (change.Key, Json: JsonConvert.SerializeObject(change.Value, typeof(object), SerializerSettings), Item: change.Value as IStoreItem))
            .ToList();

        var written = _database.Write(_ => pending.Select(p => _documents.Write(p.Key, p.Json, p.Item?.ETag)).ToList());

        for (var i = 0; i < pending.Count; i++)
        {
            if (pending[i].Item is { } item)
            {
                item.ETag = written[i].ETag;
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Deletes the items; keys with nothing stored are fine.</summary>
    public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        cancellationToken.ThrowIfCancellationRequested();
        if (keys.Length == 0)
        {
            return Task.CompletedTask;
        }

        _database.Write(_ =>
        {
            foreach (var key in keys)
            {
                _documents.Delete(key);
            }
        });
        return Task.CompletedTask;
    }
}
