using System.Diagnostics;
using LiteDB;

namespace PcgdBot.Storage.Tests;

public sealed class PcgdBotDatabaseTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Opening_creates_the_folder_and_the_file_and_what_was_written_is_there_after_reopening()
    {
        var path = _folder.File("nested/folder/pcgdbot.db");

        using (var database = PcgdBotDatabase.Open(path))
        {
            Assert.Equal(Path.GetFullPath(path), database.Path);
            database.Raw.GetCollection("people").Insert(new BsonDocument { ["_id"] = "p1", ["Name"] = "Lò Văn Tú" });
        }

        Assert.True(File.Exists(path));
        using (var reopened = PcgdBotDatabase.Open(path))
        {
            Assert.Equal("Lò Văn Tú", reopened.Raw.GetCollection("people").FindById("p1")["Name"].AsString);
        }
    }

    [Fact]
    public void The_default_path_is_data_pcgdbot_db_beside_the_program()
    {
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "data", "pcgdbot.db"), PcgdBotDatabase.DefaultPath);
    }

    [Fact]
    public void A_new_file_is_at_the_current_schema_version_and_its_log_says_so()
    {
        using var database = PcgdBotDatabase.Open(_folder.File());

        Assert.Equal(PcgdBotDatabase.SchemaVersion, database.Raw.UserVersion);
        var logged = database.Raw.GetCollection(PcgdBotDatabase.MigrationLogCollection).FindAll().Select(d => d["_id"].AsInt32);
        Assert.Equal(Enumerable.Range(1, PcgdBotDatabase.SchemaVersion), logged);
    }

    [Fact]
    public void The_schema_version_is_the_last_migration_and_migrations_are_numbered_from_one()
    {
        Assert.Equal(PcgdBotDatabase.SchemaVersion, SchemaMigrations.Migrations[^1].Version);
        Assert.Equal(Enumerable.Range(1, PcgdBotDatabase.SchemaVersion), SchemaMigrations.Migrations.Select(m => m.Version));
        Assert.All(SchemaMigrations.Migrations, m => Assert.False(string.IsNullOrWhiteSpace(m.Description)));
    }

    [Fact]
    public void The_first_migration_creates_the_indexes_the_stores_need()
    {
        using var database = PcgdBotDatabase.Open(_folder.File());

        var indexes = database.Raw.GetCollection("$indexes").FindAll()
            .Select(i => $"{i["collection"].AsString}.{i["name"].AsString}")
            .ToHashSet(StringComparer.Ordinal);
        string[] expected =
        [
            "identities.PersonId", "units.ParentId", "memberships.PersonId", "memberships.UnitId",
            "updates.UnitId", "updates.PersonId", "updates.Period", "updates.DutyId", "audit.RecordId",
        ];
        Assert.All(expected, name => Assert.Contains(name, indexes));
    }

    [Fact]
    public void Keys_that_differ_only_in_case_are_different_ids()
    {
        using var database = PcgdBotDatabase.Open(_folder.File());
        var codes = database.Raw.GetCollection("invites");

        codes.Insert(new BsonDocument { ["_id"] = "Ab", ["v"] = 1 });
        codes.Insert(new BsonDocument { ["_id"] = "ab", ["v"] = 2 });

        Assert.Equal(2, codes.Count());
        Assert.Equal(1, codes.FindById("Ab")["v"].AsInt32);
        Assert.Equal(2, codes.FindById("ab")["v"].AsInt32);
        Assert.Null(codes.FindById("AB"));
        Assert.Equal(System.Globalization.CompareOptions.Ordinal, database.Raw.Collation.SortOptions);
    }

    [Fact]
    public void A_file_created_with_LiteDBs_default_case_insensitive_collation_is_refused()
    {
        var path = _folder.File("foreign.db");
        using (var plain = new LiteDatabase(new ConnectionString { Filename = path, Collation = new Collation("en-US/IgnoreCase") }))
        {
            plain.GetCollection("people").Insert(new BsonDocument { ["_id"] = "p1" });
        }

        var error = Assert.Throws<DatabaseException>(() => PcgdBotDatabase.Open(path));

        Assert.IsNotType<DatabaseUnavailableException>(error);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("/Ordinal", error.Message, StringComparison.Ordinal);
        using var stillUsable = new LiteDatabase(path);
        Assert.NotNull(stillUsable.GetCollection("people").FindById("p1"));
    }

    [Fact]
    public void A_file_written_by_a_newer_version_is_refused_in_Vietnamese_and_released()
    {
        var path = _folder.File();
        using (var database = PcgdBotDatabase.Open(path))
        {
            database.Raw.UserVersion = PcgdBotDatabase.SchemaVersion + 1;
        }

        var error = Assert.Throws<DatabaseException>(() => PcgdBotDatabase.Open(path));

        Assert.IsNotType<DatabaseUnavailableException>(error);
        Assert.StartsWith($"Tệp dữ liệu {Path.GetFullPath(path)} được tạo bởi phiên bản PcgdBot mới hơn", error.Message, StringComparison.Ordinal);
        Assert.Contains($"(schema {PcgdBotDatabase.SchemaVersion + 1} > {PcgdBotDatabase.SchemaVersion}); hãy cập nhật PcgdBot", error.Message, StringComparison.Ordinal);
        Assert.Contains("(Data file", error.Message, StringComparison.Ordinal);
        Assert.Equal(Path.GetFullPath(path), error.FilePath);

        // The refusal let go of the file: the newer program could open it right away.
        using var raw = new LiteDatabase(path);
        Assert.Equal(PcgdBotDatabase.SchemaVersion + 1, raw.UserVersion);
    }

    [Fact]
    public void Opening_the_same_file_twice_in_one_process_is_refused_because_the_file_is_exclusive()
    {
        var path = _folder.File();
        using var first = PcgdBotDatabase.Open(path);
        var clock = Stopwatch.StartNew();

        var error = Assert.Throws<DatabaseUnavailableException>(() => PcgdBotDatabase.Open(path));

        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.5), "waits for a closing process before giving up");
        Assert.Contains($"Không mở được tệp dữ liệu {Path.GetFullPath(path)}: tệp đang được một tiến trình PcgdBot khác sử dụng", error.Message, StringComparison.Ordinal);
        Assert.Contains("(Cannot open data file", error.Message, StringComparison.Ordinal);

        // The first one is unharmed.
        first.Raw.GetCollection("people").Insert(new BsonDocument { ["_id"] = "p1" });
        Assert.Equal(1, first.Raw.GetCollection("people").Count());
    }

    [Fact]
    public async Task A_file_released_while_waiting_opens()
    {
        var path = _folder.File();
        var first = PcgdBotDatabase.Open(path);

        var second = Task.Run(() => PcgdBotDatabase.Open(path));
        await Task.Delay(300);
        first.Dispose();

        using var opened = await second;
        Assert.Equal(PcgdBotDatabase.SchemaVersion, opened.Raw.UserVersion);
    }

    [Fact]
    public void A_file_locked_by_another_process_is_refused()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/usr/bin/flock"))
        {
            return; // flock(1) takes the same lock another PcgdBot process would; elsewhere the in-process test covers it.
        }

        var path = _folder.File("other.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var holder = Process.Start(new ProcessStartInfo("/usr/bin/flock", [path + ".lock", "-c", "echo locked; sleep 30"])
        {
            RedirectStandardOutput = true,
        })!;
        try
        {
            Assert.Equal("locked", holder.StandardOutput.ReadLine());

            var error = Assert.Throws<DatabaseUnavailableException>(() => PcgdBotDatabase.Open(path, SchemaMigrations.Migrations, TimeSpan.FromMilliseconds(300)));

            Assert.Contains("đang được một tiến trình PcgdBot khác sử dụng", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            holder.Kill(entireProcessTree: true);
            holder.WaitForExit();
        }

        using var opened = PcgdBotDatabase.Open(path);
    }

    [Fact]
    public void A_file_that_is_not_a_LiteDB_file_is_refused_and_left_as_it_was()
    {
        var path = _folder.File("notes.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var text = string.Concat(Enumerable.Repeat("Đây không phải cơ sở dữ liệu. ", 1000));
        File.WriteAllText(path, text);

        var error = Assert.Throws<DatabaseUnavailableException>(() => PcgdBotDatabase.Open(path));

        Assert.Contains(Path.GetFullPath(path), error.Message, StringComparison.Ordinal);
        Assert.Contains("không phải tệp dữ liệu LiteDB", error.Message, StringComparison.Ordinal);
        Assert.Equal(text, File.ReadAllText(path));
    }

    [Fact]
    public void A_short_foreign_file_is_refused_rather_than_replaced_by_a_new_database()
    {
        // LiteDB itself would cut this file to zero whole pages and start a new database in it.
        var path = _folder.File("short.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "hello");

        Assert.Throws<DatabaseUnavailableException>(() => PcgdBotDatabase.Open(path));

        Assert.Equal("hello", File.ReadAllText(path));
    }

    [Fact]
    public void A_damaged_LiteDB_file_is_refused_without_a_raw_LiteDB_exception()
    {
        var path = _folder.File();
        using (PcgdBotDatabase.Open(path))
        {
        }

        var bytes = File.ReadAllBytes(path);
        Array.Fill(bytes, (byte)0xAB, 64, bytes.Length - 64); // keep the "This is a LiteDB file" banner, ruin the rest
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<DatabaseUnavailableException>(() => PcgdBotDatabase.Open(path));

        Assert.Contains(Path.GetFullPath(path), error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.InnerException);
    }

    [Fact]
    public void An_empty_file_becomes_a_new_database()
    {
        var path = _folder.File("empty.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, []);

        using var database = PcgdBotDatabase.Open(path);

        Assert.Equal(PcgdBotDatabase.SchemaVersion, database.Raw.UserVersion);
    }

    [Fact]
    public void Write_commits_everything_the_work_did_and_returns_its_result()
    {
        using var database = PcgdBotDatabase.Open(_folder.File());

        var count = database.Write(db =>
        {
            db.GetCollection("people").Insert(new BsonDocument { ["_id"] = "p1" });
            db.GetCollection("audit").Insert(new BsonDocument { ["RecordId"] = "p1" });
            return db.GetCollection("people").Count();
        });

        Assert.Equal(1, count);
        Assert.Equal(1, database.Raw.GetCollection("audit").Count());
    }

    [Fact]
    public void Write_rolls_back_everything_when_the_work_throws()
    {
        using var database = PcgdBotDatabase.Open(_folder.File());
        var failure = new InvalidOperationException("stop");

        var error = Assert.Throws<InvalidOperationException>(() => database.Write(db =>
        {
            db.GetCollection("people").Insert(new BsonDocument { ["_id"] = "p1" });
            db.GetCollection("audit").Insert(new BsonDocument { ["RecordId"] = "p1" });
            throw failure;
        }));

        Assert.Same(failure, error);
        Assert.Equal(0, database.Raw.GetCollection("people").Count());
        Assert.Equal(0, database.Raw.GetCollection("audit").Count());

        // The database is fine afterwards.
        database.Write(db => db.GetCollection("people").Insert(new BsonDocument { ["_id"] = "p2" }));
        Assert.Equal(1, database.Raw.GetCollection("people").Count());
    }

    [Fact]
    public void A_write_inside_a_write_joins_it_and_is_rolled_back_with_it()
    {
        using var database = PcgdBotDatabase.Open(_folder.File());

        Assert.Throws<InvalidOperationException>(() => database.Write(db =>
        {
            database.Write(inner => inner.GetCollection("people").Insert(new BsonDocument { ["_id"] = "p1" }));
            Assert.Equal(1, db.GetCollection("people").Count());
            throw new InvalidOperationException("stop");
        }));

        Assert.Equal(0, database.Raw.GetCollection("people").Count());
    }

    [Fact]
    public void Write_refuses_async_work()
    {
        using var database = PcgdBotDatabase.Open(_folder.File());

        Assert.Throws<ArgumentException>(WriteAsyncLambda);
        Assert.Throws<ArgumentException>(WriteReturningTask);
        Assert.Throws<ArgumentException>(() => database.Write(new Action<LiteDatabase>(async db => await Task.Yield())));

        void WriteAsyncLambda() => database.Write(async db => await Task.Yield());
        void WriteReturningTask() => database.Write(db => Task.FromResult(1));
    }

    [Fact]
    public void A_LiteDB_error_swallowed_inside_Write_is_reported_because_LiteDB_already_rolled_back()
    {
        using var database = PcgdBotDatabase.Open(_folder.File());
        database.Raw.GetCollection("people").Insert(new BsonDocument { ["_id"] = "p0" });

        Assert.Throws<InvalidOperationException>(() => database.Write(db =>
        {
            var people = db.GetCollection("people");
            people.Insert(new BsonDocument { ["_id"] = "p1" });
            try
            {
                people.Insert(new BsonDocument { ["_id"] = "p0" }); // duplicate key
            }
            catch (LiteException)
            {
                // LiteDB has rolled back the whole transaction here, p1 included.
            }

            people.Insert(new BsonDocument { ["_id"] = "p2" }); // auto-committed on its own
        }));

        var ids = database.Raw.GetCollection("people").FindAll().Select(d => d["_id"].AsString).Order(StringComparer.Ordinal);
        Assert.Equal(["p0", "p2"], ids);
    }

    [Fact]
    public void A_disposed_database_refuses_writes_and_can_be_disposed_again()
    {
        var database = PcgdBotDatabase.Open(_folder.File());
        database.Dispose();

        Assert.Throws<ObjectDisposedException>(() => database.Write(_ => 1));
        database.Dispose();
    }
}
