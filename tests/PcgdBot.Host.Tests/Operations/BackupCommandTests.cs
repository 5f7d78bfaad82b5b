using LiteDB;
using PcgdBot.Host.Operations;
using PcgdBot.Host.Tests.Support;
using PcgdBot.Storage;

namespace PcgdBot.Host.Tests.Operations;

public sealed class BackupCommandTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "pcgdbot-backupcmd-" + Guid.NewGuid().ToString("N"));

    private string DatabasePath => Path.Combine(folder, "bot.db");

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Backup_writes_a_dated_copy_that_restore_puts_back_keeping_the_old_file_aside()
    {
        AddPeople(3);
        var outFolder = Path.Combine(folder, "copies");

        var backup = await CommandLineRun.RunAsync("", "backup", "--out", outFolder, "--db", DatabasePath);

        Assert.True(backup.ExitCode == 0, backup.Error);
        Assert.Contains("Đã sao lưu vào", backup.Output);
        Assert.Contains("3 người", backup.Output);
        var copy = Assert.Single(DatabaseBackups.Copies(outFolder));
        Assert.Matches(@"pcgdbot-\d{8}-\d{6}\.db$", copy);

        AddPeople(2, from: 3);
        var restore = await CommandLineRun.RunAsync("", "restore", copy, "--db", DatabasePath);

        Assert.True(restore.ExitCode == 0, restore.Error);
        Assert.Contains("Đã khôi phục", restore.Output);
        Assert.Contains("Tệp cũ được giữ lại ở", restore.Output);
        using var database = PcgdBotDatabase.Open(DatabasePath);
        Assert.Equal(3, database.Raw.GetCollection("people").Count());
        var kept = Assert.Single(Directory.GetFiles(folder, "bot.db.before-restore-*"));
        Assert.Equal(5, PcgdBotDatabase.CheckFile(kept).Counts["people"]);
    }

    [Fact]
    public async Task Backup_keeps_only_the_last_copies_it_is_told_to()
    {
        AddPeople(1);
        var outFolder = Path.Combine(folder, "copies");
        Directory.CreateDirectory(outFolder);
        foreach (var old in new[] { "pcgdbot-20250101-020000.db", "pcgdbot-20250102-020000.db", "pcgdbot-20250103-020000.db" })
        {
            File.WriteAllText(Path.Combine(outFolder, old), "old");
        }

        File.WriteAllText(Path.Combine(outFolder, "notes.txt"), "not a copy");

        var result = await CommandLineRun.RunAsync("", "backup", "--out", outFolder, "--keep", "2", "--db", DatabasePath);

        Assert.True(result.ExitCode == 0, result.Error);
        var copies = DatabaseBackups.Copies(outFolder).Select(Path.GetFileName).ToList();
        Assert.Equal(2, copies.Count);
        Assert.Equal("pcgdbot-20250103-020000.db", copies[1]);
        Assert.True(File.Exists(Path.Combine(outFolder, "notes.txt")));
    }

    [Fact]
    public async Task Restore_of_a_file_that_is_not_a_backup_says_so_and_changes_nothing()
    {
        AddPeople(2);
        var bogus = Path.Combine(folder, "bogus.db");
        File.WriteAllBytes(bogus, new byte[40000]);

        var result = await CommandLineRun.RunAsync("", "restore", bogus, "--db", DatabasePath);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("không phải tệp dữ liệu LiteDB", result.Error);
        Assert.Empty(Directory.GetFiles(folder, "bot.db.before-restore-*"));
        using var database = PcgdBotDatabase.Open(DatabasePath);
        Assert.Equal(2, database.Raw.GetCollection("people").Count());
    }

    [Fact]
    public async Task Restore_while_the_bot_holds_the_data_file_is_refused_with_a_clear_message()
    {
        AddPeople(1);
        using var held = PcgdBotDatabase.Open(DatabasePath);
        var copy = held.Backup(Path.Combine(folder, "copy.db")).File;

        var result = await CommandLineRun.RunAsync("", "restore", copy, "--db", DatabasePath);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("đang được một tiến trình PcgdBot khác sử dụng", result.Error);
    }

    [Theory]
    [InlineData("2026-12-07T18:30:00Z", "2026-12-07T19:00:00Z")] // 01:30 in Hà Nội: tonight at 02:00
    [InlineData("2026-12-07T19:00:00Z", "2026-12-08T19:00:00Z")] // exactly 02:00: the next night
    [InlineData("2026-12-07T03:00:00Z", "2026-12-07T19:00:00Z")] // 10:00 in the morning
    public void The_nightly_backup_runs_at_two_in_the_morning_office_time(string now, string expected)
    {
        var next = NightlyBackupService.NextRun(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), new TimeOnly(2, 0), OfficeClock.Zone);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), next);
    }

    private void AddPeople(int count, int from = 0)
    {
        using var database = PcgdBotDatabase.Open(DatabasePath);
        database.Write(db =>
        {
            for (var i = from; i < from + count; i++)
            {
                db.GetCollection("people").Insert(new BsonDocument { ["_id"] = "p" + i, ["Name"] = "Người " + i });
            }
        });
    }
}
