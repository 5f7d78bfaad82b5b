using LiteDB;

namespace PcgdBot.Storage.Tests;

public sealed class SchemaMigrationTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();
    private readonly List<int> _applied = [];

    public void Dispose() => _folder.Dispose();

    private SchemaMigration Step(int version, Action<LiteDatabase>? apply = null) => new(version, $"step {version}", db =>
    {
        _applied.Add(version);
        apply?.Invoke(db);
    });

    private PcgdBotDatabase Open(string path, params SchemaMigration[] migrations) =>
        PcgdBotDatabase.Open(path, migrations, TimeSpan.FromSeconds(2));

    [Fact]
    public void Migrations_run_in_order_once_and_not_again_on_reopening()
    {
        var path = _folder.File();
        SchemaMigration[] steps = [Step(1), Step(2), Step(3)];

        using (var database = Open(path, steps))
        {
            Assert.Equal(3, database.Raw.UserVersion);
        }

        using (var reopened = Open(path, steps))
        {
            Assert.Equal(3, reopened.Raw.UserVersion);
        }

        Assert.Equal([1, 2, 3], _applied);
    }

    [Fact]
    public void Only_the_new_steps_run_on_a_file_from_an_older_version()
    {
        var path = _folder.File();
        using (Open(path, Step(1)))
        {
        }

        using var upgraded = Open(path, Step(1), Step(2, db => db.GetCollection("counters").Insert(new BsonDocument { ["_id"] = "added-by-2" })));

        Assert.Equal([1, 2], _applied);
        Assert.Equal(2, upgraded.Raw.UserVersion);
        Assert.NotNull(upgraded.Raw.GetCollection("counters").FindById("added-by-2"));
    }

    [Fact]
    public void A_failing_step_changes_nothing_and_leaves_the_file_at_the_previous_version()
    {
        var path = _folder.File();
        var failing = Step(2, db =>
        {
            db.GetCollection("counters").Insert(new BsonDocument { ["_id"] = "half" });
            throw new InvalidOperationException("broken step");
        });

        var error = Assert.Throws<DatabaseException>(() => Open(path, Step(1), failing));

        Assert.Contains("schema 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("broken step", error.Message, StringComparison.Ordinal);
        using var reopened = Open(path, Step(1));
        Assert.Equal(1, reopened.Raw.UserVersion);
        Assert.Null(reopened.Raw.GetCollection("counters").FindById("half"));
        Assert.Equal([1, 2], _applied);
    }

    [Fact]
    public void A_step_committed_just_before_a_crash_is_not_run_again()
    {
        var path = _folder.File();
        using (Open(path, Step(1), Step(2)))
        {
        }

        // The process died between step 2's commit and setting UserVersion.
        using (var raw = new LiteDatabase(path))
        {
            raw.UserVersion = 1;
        }

        using var reopened = Open(path, Step(1), Step(2));

        Assert.Equal([1, 2], _applied);
        Assert.Equal(2, reopened.Raw.UserVersion);
    }

    [Fact]
    public void A_file_whose_log_is_ahead_of_the_code_is_refused()
    {
        var path = _folder.File();
        using (Open(path, Step(1), Step(2)))
        {
        }

        using (var raw = new LiteDatabase(path))
        {
            raw.UserVersion = 1;
        }

        var error = Assert.Throws<DatabaseException>(() => Open(path, Step(1)));

        Assert.Contains("(schema 2 > 1)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Steps_numbered_out_of_order_are_a_programming_error()
    {
        Assert.Throws<InvalidOperationException>(() => Open(_folder.File(), Step(1), Step(3)));
        Assert.Throws<InvalidOperationException>(() => Open(_folder.File(), Step(2), Step(1)));
    }
}
