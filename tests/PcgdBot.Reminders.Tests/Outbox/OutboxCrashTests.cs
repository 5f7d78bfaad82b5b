using Microsoft.Extensions.Logging.Abstractions;
using PcgdBot.Reminders.Outbox;
using PcgdBot.Storage;

namespace PcgdBot.Reminders.Tests.Outbox;

/// <summary>
/// Killed mid-broadcast and restarted: the broadcast is finished, nothing recorded as Sent is sent again, and the only
/// messages repeated are those in flight at the crash — at most the records in Sending then, and at most
/// <see cref="OutboxOptions.MaxConcurrentSends"/> of them.
/// </summary>
public sealed class OutboxCrashTests : IDisposable
{
    private readonly OutboxDatabase _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task After_the_database_is_closed_mid_broadcast_only_the_calls_in_flight_are_repeated()
    {
        var platform = new FakeTransport(TimeProvider.System);
        var store = new OutboxStore(_file.Database, TimeProvider.System);
        store.Enqueue(Broadcasts.Make("b1", 30));

        // The run before the crash: 10 claimed and sent, 6 answers written, 4 answers lost with the process; then 5
        // more claimed that were still waiting for their turn.
        var claimed = store.ClaimDue(10);
        foreach (var record in claimed)
        {
            await platform.SendAsync(record.ToMessage(), CancellationToken.None);
        }

        var delivered = claimed.Take(6).Select(r => r.Id).ToList();
        var inFlight = claimed.Skip(6).Select(r => r.Id).ToList();
        delivered.ForEach(id => store.MarkSent(id, null));
        var waiting = store.ClaimDue(5).Select(r => r.Id).ToList();

        // Killed: nothing more is written.
        var reopened = new OutboxStore(_file.Reopen(), TimeProvider.System);
        var sendingAtCrash = reopened.Stats("b1").Sending;
        var recovered = reopened.RecoverInFlight();
        using var sender = new OutboxSender(reopened, platform, Broadcasts.Unpaced(), TimeProvider.System, NullLogger<OutboxSender>.Instance);
        await sender.DrainOnceAsync(CancellationToken.None);

        Assert.Equal(inFlight.Count + waiting.Count, sendingAtCrash);
        Assert.Equal(sendingAtCrash, recovered);
        Assert.True(reopened.Stats("b1") is { Sent: 30, IsFinished: true });
        Assert.All(delivered, id => Assert.Equal(1, platform.CountFor(id)));
        Assert.All(waiting, id => Assert.Equal(1, platform.CountFor(id)));
        Assert.Equal(inFlight, platform.Duplicates());
        Assert.InRange(platform.Duplicates().Count, 0, sendingAtCrash);
        Assert.Equal(30 + inFlight.Count, platform.Calls.Count);
    }

    [Fact]
    public async Task A_sender_killed_mid_broadcast_finishes_it_after_the_restart_without_resending_what_was_delivered()
    {
        const int MaxConcurrentSends = 4;
        var options = Broadcasts.Unpaced(maxConcurrentSends: MaxConcurrentSends, batchSize: 20);
        var platform = new FakeTransport(TimeProvider.System);
        var answered = 0;
        using var killed = new CancellationTokenSource();

        // The platform accepts every call; the first 10 answers come back, then the process is killed with the next
        // calls made but their answers never received.
        platform.Behaviour = async (_, cancellationToken) =>
        {
            if (Interlocked.Increment(ref answered) > 10)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return new SendOutcome.Accepted(null);
        };
        var store = new OutboxStore(_file.Database, TimeProvider.System);
        store.Enqueue(Broadcasts.Make("b1", 60));
        var before = new OutboxSender(store, platform, options, TimeProvider.System, NullLogger<OutboxSender>.Instance);
        var run = before.DrainOnceAsync(killed.Token);
        await WaitUntil(() => platform.Calls.Count == 10 + MaxConcurrentSends);
        await Task.Delay(50);

        // The files as a kill -9 leaves them: copied while the first process still has them open.
        var snapshot = Snapshot(_file.Database);
        var callsBeforeCrash = platform.Calls.Select(c => c.Message.Id).ToList();
        await killed.CancelAsync();
        await run;
        before.Dispose();

        using var restarted = PcgdBotDatabase.Open(snapshot);
        var after = new OutboxStore(restarted, TimeProvider.System);
        var atCrash = after.Stats("b1");
        platform.Behaviour = null;
        using var sender = new OutboxSender(after, platform, options, TimeProvider.System, NullLogger<OutboxSender>.Instance);
        await sender.DrainOnceAsync(CancellationToken.None);

        var deliveredBeforeCrash = callsBeforeCrash.Take(10).ToList();
        var inFlightAtCrash = callsBeforeCrash.Skip(10).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(10, atCrash.Sent);
        Assert.Equal(20, atCrash.Sending);
        Assert.True(after.Stats("b1") is { Sent: 60, IsFinished: true });
        Assert.All(deliveredBeforeCrash, id => Assert.Equal(1, platform.CountFor(id)));
        Assert.Equal(inFlightAtCrash, platform.Duplicates());
        Assert.InRange(platform.Duplicates().Count, 0, Math.Min(MaxConcurrentSends, atCrash.Sending));
        Assert.Equal(60 + MaxConcurrentSends, platform.Calls.Count);
    }

    /// <summary>Copies the data file and its log, as they are on disk now, to a new folder; returns the copy's path.</summary>
    private string Snapshot(PcgdBotDatabase database)
    {
        var folder = Path.Combine(_file.Folder, "after-kill");
        Directory.CreateDirectory(folder);
        var source = Path.GetDirectoryName(database.Path)!;
        foreach (var file in Directory.GetFiles(source).Where(f => !f.EndsWith(".lock", StringComparison.Ordinal)))
        {
            using var from = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var to = File.Create(Path.Combine(folder, Path.GetFileName(file)));
            from.CopyTo(to);
        }

        return Path.Combine(folder, Path.GetFileName(database.Path));
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(5);
        }
    }
}
