using System.Collections.Concurrent;
using LiteDB;
using PcgdBot.Storage.Reporting;

namespace PcgdBot.Storage.Tests;

public sealed class BackupTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_backup_taken_while_a_thousand_updates_are_written_holds_every_update_confirmed_before_it_and_restores_cleanly()
    {
        var dataPath = _folder.File();
        var backupPath = _folder.File("backups/pcgdbot-under-load.db");
        var confirmed = new ConcurrentQueue<long>();
        long confirmedBeforeBackup;
        BackupResult backup;
        using (var database = PcgdBotDatabase.Open(dataPath))
        {
            var store = new ReportingStore(database);
            using var halfway = new SemaphoreSlim(0);
            var writer = Task.Run(() =>
            {
                for (var i = 0; i < 1000; i++)
                {
                    var saved = store.SaveUpdate(NewUpdate(i));
                    confirmed.Enqueue(saved.Id);
                    if (i == 300)
                    {
                        halfway.Release();
                    }
                }
            });

            await halfway.WaitAsync(TimeSpan.FromSeconds(30));
            confirmedBeforeBackup = confirmed.Count;
            backup = database.Backup(backupPath);
            await writer;
            Assert.Equal(1000, store.CountUpdates());
        }

        Assert.True(File.Exists(backupPath));
        Assert.False(File.Exists(backupPath + ".partial"));
        var copied = backup.Counts["updates"];
        Assert.InRange(copied, (int)confirmedBeforeBackup, 1000);

        // The copy opens on its own, with every update it counted, numbered without a gap.
        var check = PcgdBotDatabase.CheckFile(backupPath);
        Assert.Equal(copied, check.Counts["updates"]);

        var restored = PcgdBotDatabase.Restore(backupPath, dataPath);
        Assert.NotNull(restored.OldFileKeptAt);
        Assert.True(File.Exists(restored.OldFileKeptAt));
        using var reopened = PcgdBotDatabase.Open(dataPath);
        var ids = new ReportingStore(reopened).UpdatesIn("2026").Select(u => u.Id).ToList();
        Assert.Equal(copied, ids.Count);
        Assert.Equal(Enumerable.Range(1, copied).Select(i => (long)i), ids);
        Assert.All(confirmed.Take((int)confirmedBeforeBackup), id => Assert.Contains(id, ids));
    }

    [Fact]
    public void The_copy_holds_what_the_file_holds_and_the_backup_is_noted_for_status()
    {
        var path = _folder.File();
        using var database = PcgdBotDatabase.Open(path);
        database.Write(db => db.GetCollection("people").Insert(new BsonDocument { ["_id"] = "p1", ["Name"] = "Lò Văn Tú" }));

        var result = database.Backup(_folder.File("out/copy.db"));

        Assert.Equal(1, result.Counts["people"]);
        Assert.True(result.Bytes > 0);
        Assert.Equal(result.File, database.LastBackup()?.File);
        Assert.Equal(1, PcgdBotDatabase.CheckFile(result.File).Counts["people"]);
    }

    [Fact]
    public void A_file_that_is_not_a_data_file_is_refused_for_restore_and_the_data_file_is_left_as_it_was()
    {
        var path = _folder.File();
        using (var database = PcgdBotDatabase.Open(path))
        {
            database.Write(db => db.GetCollection("people").Insert(new BsonDocument { ["_id"] = "p1" }));
        }

        var bogus = _folder.File("bogus.db");
        File.WriteAllText(bogus, new string('x', 20000));

        var error = Assert.ThrowsAny<DatabaseException>(() => PcgdBotDatabase.Restore(bogus, path));
        Assert.Contains("không phải tệp dữ liệu", error.Message);
        using var reopened = PcgdBotDatabase.Open(path);
        Assert.Equal(1, reopened.Raw.GetCollection("people").Count());
    }

    [Fact]
    public void Restore_is_refused_while_another_process_holds_the_data_file()
    {
        var path = _folder.File();
        using var database = PcgdBotDatabase.Open(path);
        var backup = database.Backup(_folder.File("copy.db"));

        var error = Assert.ThrowsAny<DatabaseException>(() => PcgdBotDatabase.Restore(backup.File, path));

        Assert.Contains("đang được một tiến trình PcgdBot khác sử dụng", error.Message);
    }

    private static StatusUpdateRecord NewUpdate(int i) => new()
    {
        PersonId = "p" + (i % 17),
        UnitId = "u" + (i % 5),
        Task = "Điều tra, cập nhật số liệu phổ cập " + i,
        Status = ProgressStatus.InProgress,
        Period = "2026",
        Channel = "telegram",
        CreatedAt = DateTime.UtcNow,
        UpdatedAt = DateTime.UtcNow,
        SourceKey = "load-" + i,
    };
}
