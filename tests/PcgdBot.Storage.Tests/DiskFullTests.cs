using System.Diagnostics;

namespace PcgdBot.Storage.Tests;

/// <summary>A full disk under a real LiteDB file (a tiny tmpfs): writes fail at once, nothing half-written, usable again after.</summary>
public sealed class DiskFullTests
{
    private static string Big(int n) => "{\"note\":\"" + new string('x', n) + "\"}";

    [SkippableFact]
    public void Writes_on_a_full_disk_fail_at_once_with_a_disk_full_error_and_work_again_once_space_is_back()
    {
        using var disk = SmallDisk.TryMount(768, out var reason);
        Skip.If(disk is null, reason);
        var path = Path.Combine(disk!.Path, "bot.db");
        using (var database = PcgdBotDatabase.Open(path))
        {
            var store = new DocumentStore(database);
            store.Write("before", "{\"x\":1}", null);
            Assert.True(database.CheckHealth().Writable);
            var filler = disk.Fill();

            var first = Assert.ThrowsAny<DatabaseException>(() => store.Write("big-0", Big(40_000), null));
            Assert.IsType<DatabaseFullException>(first);
            Assert.Contains("Đĩa đầy", first.Message);
            Assert.Contains("No space left on device", first.Message);

            // Many writers at once: each is refused quickly, none waits for a lock time-out.
            var clock = Stopwatch.StartNew();
            var failures = Enumerable.Range(1, 8).AsParallel().Select(i =>
            {
                try
                {
                    store.Write("big-" + i, Big(40_000), null);
                    return null;
                }
                catch (DatabaseException e)
                {
                    return e;
                }
            }).ToList();
            Assert.All(failures, Assert.NotNull);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"8 refused writes took {clock.Elapsed}");

            var health = database.CheckHealth();
            Assert.False(health.Writable);
            Assert.True(health.DiskFull);
            Assert.Equal("{\"x\":1}", store.Read("before")!.Json);

            File.Delete(filler);
            Assert.True(database.CheckHealth().Writable);
            store.Write("after", "{\"x\":2}", null);
            Assert.Equal("{\"x\":2}", store.Read("after")!.Json);
            Assert.Null(store.Read("big-0"));
        }

        // And the file opens again with what was saved, without the refused writes.
        using var reopened = PcgdBotDatabase.Open(path);
        var again = new DocumentStore(reopened);
        Assert.NotNull(again.Read("before"));
        Assert.NotNull(again.Read("after"));
        Assert.Null(again.Read("big-3"));
    }

    [SkippableFact]
    public void Opening_a_new_data_file_on_a_full_disk_says_the_disk_is_full()
    {
        using var disk = SmallDisk.TryMount(256, out var reason);
        Skip.If(disk is null, reason);
        disk!.Fill();

        var error = Assert.ThrowsAny<DatabaseException>(() => PcgdBotDatabase.Open(Path.Combine(disk.Path, "bot.db")).Dispose());

        Assert.True(error is DatabaseFullException || error.Message.Contains("No space left on device"), error.Message);
    }
}
