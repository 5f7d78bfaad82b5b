namespace PcgdBot.Storage.Tests;

public sealed class DocumentStoreTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();
    private readonly PcgdBotDatabase _database;
    private readonly DocumentStore _store;

    public DocumentStoreTests()
    {
        _database = PcgdBotDatabase.Open(_folder.File());
        _store = new DocumentStore(_database);
    }

    public void Dispose()
    {
        _database.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public void A_written_document_reads_back_with_its_etag()
    {
        var written = _store.Write("emulator/conversations/c1", """{"step":1,"tên":"Lan"}""", expectedETag: null);

        var read = _store.Read("emulator/conversations/c1");

        Assert.Equal(written, read);
        Assert.Equal("""{"step":1,"tên":"Lan"}""", read!.Json);
        Assert.False(string.IsNullOrEmpty(read.ETag));
    }

    [Fact]
    public void An_unknown_key_reads_as_null()
    {
        Assert.Null(_store.Read("unknown"));
    }

    [Fact]
    public void Several_keys_read_in_the_order_asked_without_the_missing_ones()
    {
        _store.Write("a", "1", null);
        _store.Write("b", "2", null);
        _store.Write("c", "3", null);

        var read = _store.Read(["c", "missing", "a", "c"]);

        Assert.Equal(["c", "a"], read.Select(d => d.Key));
        Assert.Equal(["3", "1"], read.Select(d => d.Json));
        Assert.Empty(_store.Read([]));
    }

    [Fact]
    public void Every_write_gets_a_new_etag()
    {
        var etags = Enumerable.Range(0, 5).Select(i => _store.Write("k", $"{i}", null).ETag).ToList();

        Assert.Equal(5, etags.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(etags[^1], _store.Read("k")!.ETag);
    }

    [Fact]
    public void A_write_with_the_current_etag_succeeds()
    {
        var first = _store.Write("k", "1", null);

        var second = _store.Write("k", "2", first.ETag);

        Assert.NotEqual(first.ETag, second.ETag);
        Assert.Equal(second, _store.Read("k"));
    }

    [Fact]
    public void A_stale_etag_is_refused_and_the_stored_document_is_kept()
    {
        var first = _store.Write("k", "1", null);
        var second = _store.Write("k", "2", first.ETag);

        var conflict = Assert.Throws<ETagConflictException>(() => _store.Write("k", "stale", first.ETag));

        Assert.Equal("k", conflict.Key);
        Assert.Contains("ETag", conflict.Message, StringComparison.Ordinal);
        Assert.Equal(second, _store.Read("k"));
    }

    [Fact]
    public void An_empty_etag_is_a_concrete_etag_and_is_refused()
    {
        var stored = _store.Write("k", "1", null);

        Assert.Throws<ETagConflictException>(() => _store.Write("k", "2", ""));

        Assert.Equal(stored, _store.Read("k"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("*")]
    public void A_null_or_star_etag_overwrites_whatever_is_stored(string? expected)
    {
        _store.Write("k", "1", null);

        var overwritten = _store.Write("k", "2", expected);

        Assert.Equal(overwritten, _store.Read("k"));
        Assert.Equal("2", overwritten.Json);
    }

    [Fact]
    public void A_concrete_etag_for_a_missing_key_creates_it_as_MemoryStorage_does()
    {
        var created = _store.Write("never-written", "1", "etag-from-elsewhere");
        Assert.Equal(created, _store.Read("never-written"));

        var stored = _store.Write("deleted", "1", null);
        _store.Delete("deleted");
        var recreated = _store.Write("deleted", "2", stored.ETag);
        Assert.Equal("2", _store.Read("deleted")!.Json);
        Assert.NotEqual(stored.ETag, recreated.ETag);
    }

    [Fact]
    public void Deleting_says_whether_there_was_a_document()
    {
        _store.Write("k", "1", null);

        Assert.True(_store.Delete("k"));
        Assert.Null(_store.Read("k"));
        Assert.False(_store.Delete("k"));
    }

    [Fact]
    public void Keys_that_differ_only_in_case_are_different_documents()
    {
        _store.Write("User/Ab", "upper", null);
        _store.Write("User/ab", "lower", null);

        Assert.Equal("upper", _store.Read("User/Ab")!.Json);
        Assert.Equal("lower", _store.Read("User/ab")!.Json);
        Assert.Null(_store.Read("user/ab"));
    }

    [Fact]
    public void Odd_keys_are_stored_as_they_are_and_too_long_keys_are_refused()
    {
        const string crazy = "!@#$%^&*()~/\\><,.?';\"`~ đ ";
        _store.Write(crazy, "1", null);
        Assert.Equal("1", _store.Read(crazy)!.Json);

        Assert.Throws<ArgumentException>(() => _store.Write(new string('x', DocumentStore.MaxKeyBytes + 1), "1", null));
        Assert.Throws<ArgumentException>(() => _store.Read(""));
    }

    [Fact]
    public void Of_twenty_parallel_writers_with_the_same_etag_exactly_one_wins()
    {
        for (var round = 0; round < 5; round++)
        {
            var key = $"race-{round}";
            var start = _store.Write(key, "start", null);

            var outcomes = RunTogether(20, i => _store.Write(key, $"writer {i}", start.ETag));

            var winner = Assert.Single(outcomes, o => o.Written is not null).Written!;
            Assert.All(outcomes.Where(o => o.Written is null), o => Assert.IsType<ETagConflictException>(o.Error));
            Assert.Equal(winner, _store.Read(key));
        }
    }

    [Fact]
    public void Of_twenty_parallel_creators_of_a_new_key_with_a_concrete_etag_exactly_one_wins()
    {
        // The collection does not exist yet either: the first insert creates it.
        var outcomes = RunTogether(20, i => _store.Write("fresh", $"writer {i}", "some-etag"));

        var winner = Assert.Single(outcomes, o => o.Written is not null).Written!;
        Assert.All(outcomes.Where(o => o.Written is null), o => Assert.IsType<ETagConflictException>(o.Error));
        Assert.Equal(winner, _store.Read("fresh"));
    }

    [Fact]
    public void Parallel_writers_of_different_keys_all_succeed()
    {
        var outcomes = RunTogether(20, i => _store.Write($"key-{i}", $"{i}", null));

        Assert.All(outcomes, o => Assert.NotNull(o.Written));
        Assert.Equal(20, _store.Read(Enumerable.Range(0, 20).Select(i => $"key-{i}")).Count);
    }

    [Fact]
    public void Documents_are_there_after_reopening_the_file()
    {
        var path = _folder.File("other/pcgdbot.db");
        StoredDocument written;
        using (var database = PcgdBotDatabase.Open(path))
        {
            written = new DocumentStore(database).Write("k", """{"x":1}""", null);
        }

        using var reopened = PcgdBotDatabase.Open(path);
        Assert.Equal(written, new DocumentStore(reopened).Read("k"));
    }

    [Fact]
    public void Document_writes_inside_a_failed_database_write_are_rolled_back()
    {
        var before = _store.Write("a", "before", null);

        Assert.Throws<InvalidOperationException>(() => _database.Write(_ =>
        {
            _store.Write("a", "after", before.ETag);
            _store.Write("b", "new", null);
            throw new InvalidOperationException("stop");
        }));

        Assert.Equal(before, _store.Read("a"));
        Assert.Null(_store.Read("b"));
    }

    [Fact]
    public void A_conflict_inside_a_database_write_rolls_back_the_other_changes()
    {
        var a = _store.Write("a", "1", null);
        _store.Write("b", "1", null);
        _store.Write("b", "2", null);

        Assert.Throws<ETagConflictException>(() => _database.Write(_ =>
        {
            _store.Write("a", "2", a.ETag);
            _store.Write("b", "3", "stale");
        }));

        Assert.Equal(a, _store.Read("a"));
        Assert.Equal("2", _store.Read("b")!.Json);
    }

    private sealed record Outcome(StoredDocument? Written, Exception? Error);

    /// <summary>Runs the writers on their own threads, released at the same moment.</summary>
    private static List<Outcome> RunTogether(int count, Func<int, StoredDocument> write)
    {
        var outcomes = new Outcome[count];
        using var barrier = new Barrier(count);
        var threads = Enumerable.Range(0, count).Select(i => new Thread(() =>
        {
            barrier.SignalAndWait();
            try
            {
                outcomes[i] = new Outcome(write(i), null);
            }
            catch (Exception e)
            {
                outcomes[i] = new Outcome(null, e);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        return [.. outcomes];
    }
}
