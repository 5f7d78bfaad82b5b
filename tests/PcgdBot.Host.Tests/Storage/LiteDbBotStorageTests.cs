using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using PcgdBot.Host.BotStorage;
using PcgdBot.Storage;

namespace PcgdBot.Host.Tests.BotStorage;

/// <summary>
/// The checks of botbuilder-dotnet's StorageBaseTests (create, read unknown, typed objects, odd keys, update with ETags,
/// delete, batch, multi-turn state), against a real LiteDB file in a temp folder.
/// </summary>
public sealed class LiteDbBotStorageTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pcgdbot-host-storage-tests", Guid.NewGuid().ToString("N"));
    private PcgdBotDatabase _database;
    private LiteDbBotStorage _storage;

    public LiteDbBotStorageTests()
    {
        _database = PcgdBotDatabase.Open(DatabasePath);
        _storage = new LiteDbBotStorage(_database);
    }

    private string DatabasePath => Path.Combine(_folder, "pcgdbot.db");

    public void Dispose()
    {
        _database.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task Reading_an_unknown_key_gives_nothing()
    {
        var result = await _storage.ReadAsync(["unknown"]);

        Assert.NotNull(result);
        Assert.False(result.ContainsKey("unknown"));
    }

    [Fact]
    public async Task Plain_objects_and_store_items_are_created_and_read_back_as_their_own_types()
    {
        await _storage.WriteAsync(new Dictionary<string, object>
        {
            ["createPoco"] = new PocoItem { Id = "1" },
            ["createPocoStoreItem"] = new PocoStoreItem { Id = "2" },
        });

        var read = await _storage.ReadAsync(["createPoco", "createPocoStoreItem"]);

        Assert.Equal("1", Assert.IsType<PocoItem>(read["createPoco"]).Id);
        var storeItem = Assert.IsType<PocoStoreItem>(read["createPocoStoreItem"]);
        Assert.Equal("2", storeItem.Id);
        Assert.False(string.IsNullOrEmpty(storeItem.ETag));
    }

    [Fact]
    public async Task Odd_keys_and_Vietnamese_text_round_trip()
    {
        const string key = "!@#$%^&*()~/\\><,.?';\"`~";
        await _storage.WriteAsync(new Dictionary<string, object> { [key] = new PocoStoreItem { Id = "Lò Thị Ánh, trường PTDTBT Mù Sang" } });

        var read = await _storage.ReadAsync([key]);

        Assert.Equal("Lò Thị Ánh, trường PTDTBT Mù Sang", Assert.IsType<PocoStoreItem>(read[key]).Id);
    }

    [Fact]
    public async Task Strings_that_look_like_dates_stay_strings_and_dates_stay_dates()
    {
        var when = new DateTime(2024, 12, 10, 8, 30, 0, DateTimeKind.Utc);
        await _storage.WriteAsync(new Dictionary<string, object>
        {
            ["dated"] = new DatedItem { Text = "2024-12-10T08:30:00", When = when, Bag = new Dictionary<string, object> { ["s"] = "2024-12-20" } },
        });

        var read = Assert.IsType<DatedItem>((await _storage.ReadAsync(["dated"]))["dated"]);

        Assert.Equal("2024-12-10T08:30:00", read.Text);
        Assert.Equal(when, read.When);
        Assert.Equal(DateTimeKind.Utc, read.When.Kind);
        Assert.Equal("2024-12-20", read.Bag["s"]);
    }

    [Fact]
    public async Task Updating_follows_the_ETag_rules()
    {
        await _storage.WriteAsync(new Dictionary<string, object>
        {
            ["pocoItem"] = new PocoItem { Id = "1", Count = 1 },
            ["pocoStoreItem"] = new PocoStoreItem { Id = "1", Count = 1 },
        });
        var loaded = await _storage.ReadAsync(["pocoItem", "pocoStoreItem"]);
        var pocoItem = (PocoItem)loaded["pocoItem"];
        var storeItem = (PocoStoreItem)loaded["pocoStoreItem"];
        var staleETag = storeItem.ETag;
        Assert.NotNull(staleETag);

        // A second write with the ETag just read works.
        pocoItem.Count++;
        storeItem.Count++;
        await _storage.WriteAsync(loaded);

        var reloaded = await _storage.ReadAsync(["pocoItem", "pocoStoreItem"]);
        var reloadedStoreItem = (PocoStoreItem)reloaded["pocoStoreItem"];
        Assert.Equal(2, ((PocoItem)reloaded["pocoItem"]).Count);
        Assert.Equal(2, reloadedStoreItem.Count);
        Assert.NotEqual(staleETag, reloadedStoreItem.ETag);

        // An old copy of a plain object simply overwrites.
        await _storage.WriteAsync(new Dictionary<string, object> { ["pocoItem"] = new PocoItem { Id = "1", Count = 123 } });

        // An old copy of a store item is refused, and nothing changes.
        var stale = new PocoStoreItem { Id = "1", Count = 123, ETag = staleETag };
        var conflict = await Assert.ThrowsAsync<ETagConflictException>(() => _storage.WriteAsync(new Dictionary<string, object> { ["pocoStoreItem"] = stale }));
        Assert.Equal("pocoStoreItem", conflict.Key);
        Assert.Equal(staleETag, stale.ETag);

        var afterConflict = await _storage.ReadAsync(["pocoItem", "pocoStoreItem"]);
        Assert.Equal(123, ((PocoItem)afterConflict["pocoItem"]).Count);
        Assert.Equal(2, ((PocoStoreItem)afterConflict["pocoStoreItem"]).Count);

        // "*" overwrites whatever is stored.
        var wildcard = new PocoStoreItem { Id = "1", Count = 100, ETag = "*" };
        await _storage.WriteAsync(new Dictionary<string, object> { ["pocoItem"] = new PocoItem { Id = "1", Count = 100 }, ["pocoStoreItem"] = wildcard });
        var afterWildcard = await _storage.ReadAsync(["pocoItem", "pocoStoreItem"]);
        Assert.Equal(100, ((PocoItem)afterWildcard["pocoItem"]).Count);
        Assert.Equal(100, ((PocoStoreItem)afterWildcard["pocoStoreItem"]).Count);

        // An empty ETag is not a wildcard.
        var empty = (PocoStoreItem)afterWildcard["pocoStoreItem"];
        empty.ETag = string.Empty;
        empty.Count = 7;
        await Assert.ThrowsAsync<ETagConflictException>(() => _storage.WriteAsync(new Dictionary<string, object> { ["pocoStoreItem"] = empty }));
        Assert.Equal(100, ((PocoStoreItem)(await _storage.ReadAsync(["pocoStoreItem"]))["pocoStoreItem"]).Count);
    }

    [Fact]
    public async Task A_written_store_item_carries_its_new_ETag_and_can_be_written_again()
    {
        var item = new PocoStoreItem { Id = "1", Count = 1 };
        await _storage.WriteAsync(new Dictionary<string, object> { ["item"] = item });
        var first = item.ETag;

        item.Count = 2;
        await _storage.WriteAsync(new Dictionary<string, object> { ["item"] = item });

        Assert.NotNull(first);
        Assert.NotEqual(first, item.ETag);
        var read = (PocoStoreItem)(await _storage.ReadAsync(["item"]))["item"];
        Assert.Equal(item.ETag, read.ETag);
        Assert.Equal(2, read.Count);
    }

    [Fact]
    public async Task A_conflict_in_a_batch_writes_nothing_of_the_batch()
    {
        var current = new PocoStoreItem { Id = "b", Count = 1 };
        await _storage.WriteAsync(new Dictionary<string, object> { ["b"] = current });

        await Assert.ThrowsAsync<ETagConflictException>(() => _storage.WriteAsync(new Dictionary<string, object>
        {
            ["a"] = new PocoItem { Id = "a", Count = 1 },
            ["b"] = new PocoStoreItem { Id = "b", Count = 2, ETag = "stale" },
        }));

        var read = await _storage.ReadAsync(["a", "b"]);
        Assert.False(read.ContainsKey("a"));
        Assert.Equal(1, ((PocoStoreItem)read["b"]).Count);
    }

    [Fact]
    public async Task A_deleted_item_is_gone_and_deleting_unknown_keys_is_fine()
    {
        await _storage.WriteAsync(new Dictionary<string, object> { ["delete1"] = new PocoStoreItem { Id = "1", Count = 1 } });
        Assert.NotNull(((PocoStoreItem)(await _storage.ReadAsync(["delete1"]))["delete1"]).ETag);

        await _storage.DeleteAsync(["delete1", "unknown_key"]);

        Assert.Empty(await _storage.ReadAsync(["delete1"]));
        await _storage.DeleteAsync(["unknown_key"]);
        await _storage.DeleteAsync([]);
    }

    [Fact]
    public async Task Parallel_batches_writing_the_same_key_all_succeed_and_one_of_them_is_stored()
    {
        var batches = Enumerable.Range(0, 3)
            .Select(i => new Dictionary<string, object> { ["createPoco"] = new PocoItem { Id = "1", Count = i } })
            .ToList();

        await Task.WhenAll(batches.Select(batch => Task.Run(() => _storage.WriteAsync(batch))));

        var stored = (PocoItem)(await _storage.ReadAsync(["createPoco"]))["createPoco"];
        Assert.Equal("1", stored.Id);
        Assert.InRange(stored.Count, 0, 2);
    }

    [Fact]
    public async Task State_persists_through_a_multi_turn_conversation()
    {
        await NewFlow(_storage)
            .Test("tên Lan", "đã nhớ tên Lan")
            .Test("đếm", "1")
            .Test("đếm", "2")
            .Test("tên?", "Lan")
            .StartTestAsync();

        // Both kinds of state are documents of the "state" collection, under Bot Framework's keys.
        var documents = new DocumentStore(_database);
        Assert.NotNull(documents.Read("test/conversations/Conversation1"));
        Assert.NotNull(documents.Read("test/users/user1"));
    }

    [Fact]
    public async Task State_is_still_there_after_reopening_the_database_file()
    {
        await NewFlow(_storage)
            .Test("tên Lan", "đã nhớ tên Lan")
            .Test("đếm", "1")
            .StartTestAsync();

        _database.Dispose();
        _database = PcgdBotDatabase.Open(DatabasePath);
        _storage = new LiteDbBotStorage(_database);

        await NewFlow(_storage)
            .Test("tên?", "Lan")
            .Test("đếm", "2")
            .StartTestAsync();
    }

    [Fact]
    public async Task A_stored_item_whose_type_no_longer_exists_reads_as_absent_and_is_overwritten_by_the_next_save()
    {
        // What a renamed state class leaves behind: a $type that no longer resolves.
        var documents = new DocumentStore(_database);
        documents.Write("test/users/user1", """{"$type":"PcgdBot.Gone.OldProfile, PcgdBot.Gone","Name":"Lan"}""", null);
        documents.Write("test/conversations/Conversation1", "{not json", null);

        Assert.Empty(await _storage.ReadAsync(["test/users/user1", "test/conversations/Conversation1"]));

        await NewFlow(_storage)
            .Test("tên?", "chưa biết")
            .Test("tên Lan", "đã nhớ tên Lan")
            .Test("đếm", "1")
            .StartTestAsync();
        Assert.Equal(2, (await _storage.ReadAsync(["test/users/user1", "test/conversations/Conversation1"])).Count);
    }

    [Fact]
    public async Task Cancelled_calls_do_nothing()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _storage.WriteAsync(new Dictionary<string, object> { ["k"] = new PocoItem() }, cancelled.Token));

        Assert.Empty(await _storage.ReadAsync(["k"]));
    }

    /// <summary>A bot that remembers a name in user state and counts in conversation state, saving after each turn.</summary>
    private static TestFlow NewFlow(IStorage storage)
    {
        var userState = new UserState(storage);
        var conversationState = new ConversationState(storage);
        var profile = userState.CreateProperty<UserProfile>("profile");
        var counter = conversationState.CreateProperty<ConversationCounter>("counter");
        var adapter = new TestAdapter().Use(new AutoSaveStateMiddleware(userState, conversationState));

        return new TestFlow(adapter, async (context, cancellationToken) =>
        {
            var text = context.Activity.Text;
            var user = await profile.GetAsync(context, () => new UserProfile(), cancellationToken);
            if (text.StartsWith("tên ", StringComparison.Ordinal) && text != "tên?")
            {
                user.Name = text["tên ".Length..];
                await context.SendActivityAsync($"đã nhớ tên {user.Name}", cancellationToken: cancellationToken);
            }
            else if (text == "tên?")
            {
                await context.SendActivityAsync(user.Name ?? "chưa biết", cancellationToken: cancellationToken);
            }
            else if (text == "đếm")
            {
                var count = await counter.GetAsync(context, () => new ConversationCounter(), cancellationToken);
                count.Turns++;
                await context.SendActivityAsync(count.Turns.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken: cancellationToken);
            }
        });
    }

    public sealed class PocoItem
    {
        public string? Id { get; set; }

        public int Count { get; set; }
    }

    public sealed class PocoStoreItem : IStoreItem
    {
        public string? Id { get; set; }

        public int Count { get; set; }

        public string? ETag { get; set; }
    }

    public sealed class DatedItem
    {
        public string? Text { get; set; }

        public DateTime When { get; set; }

        public Dictionary<string, object> Bag { get; set; } = [];
    }

    public sealed class UserProfile
    {
        public string? Name { get; set; }
    }

    public sealed class ConversationCounter
    {
        public int Turns { get; set; }
    }
}
