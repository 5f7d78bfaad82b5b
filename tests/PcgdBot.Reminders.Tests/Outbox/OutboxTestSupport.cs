using System.Collections.Concurrent;
using PcgdBot.Reminders.Outbox;
using PcgdBot.Storage;

namespace PcgdBot.Reminders.Tests.Outbox;

/// <summary>A real LiteDB data file in a fresh temp folder, deleted afterwards.</summary>
public sealed class OutboxDatabase : IDisposable
{
    public OutboxDatabase()
    {
        Folder = Path.Combine(Path.GetTempPath(), "pcgdbot-outbox-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        FilePath = Path.Combine(Folder, "pcgdbot.db");
        Database = PcgdBotDatabase.Open(FilePath);
    }

    public string Folder { get; }

    public string FilePath { get; }

    public PcgdBotDatabase Database { get; private set; }

    /// <summary>Closes the file without anything else happening first (the process "dies") and opens it again.</summary>
    public PcgdBotDatabase Reopen()
    {
        Database.Dispose();
        Database = PcgdBotDatabase.Open(FilePath);
        return Database;
    }

    public void Dispose()
    {
        Database.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A failed test may still hold a file; the temp folder is cleaned by the system eventually.
        }
    }
}

/// <summary>One call the fake platform received.</summary>
public sealed record TransportCall(OutboxMessage Message, long Timestamp, DateTimeOffset At);

/// <summary>
/// An in-memory platform: records every call with its time, answers Accepted unless an outcome is scripted for the
/// message (one per call, in order), or a behaviour replaces it altogether.
/// </summary>
public sealed class FakeTransport(TimeProvider clock) : IOutboxTransport
{
    private readonly ConcurrentQueue<TransportCall> calls = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<SendOutcome>> scripts = new(StringComparer.Ordinal);
    private int accepted;

    public Func<OutboxMessage, CancellationToken, Task<SendOutcome>>? Behaviour { get; set; }

    public IReadOnlyList<TransportCall> Calls => [.. calls];

    public void Script(string id, params SendOutcome[] outcomes)
    {
        var script = scripts.GetOrAdd(id, _ => new ConcurrentQueue<SendOutcome>());
        foreach (var outcome in outcomes)
        {
            script.Enqueue(outcome);
        }
    }

    public int CountFor(string id) => calls.Count(c => c.Message.Id == id);

    /// <summary>Ids the platform received more than once.</summary>
    public IReadOnlyList<string> Duplicates() =>
        [.. calls.GroupBy(c => c.Message.Id).Where(g => g.Count() > 1).Select(g => g.Key).Order(StringComparer.Ordinal)];

    public Task<SendOutcome> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        calls.Enqueue(new TransportCall(message, clock.GetTimestamp(), clock.GetUtcNow()));
        if (Behaviour is { } behaviour)
        {
            return behaviour(message, cancellationToken);
        }

        if (scripts.TryGetValue(message.Id, out var script) && script.TryDequeue(out var outcome))
        {
            return Task.FromResult(outcome);
        }

        return Task.FromResult<SendOutcome>(new SendOutcome.Accepted($"m{Interlocked.Increment(ref accepted)}"));
    }
}

public static class Broadcasts
{
    /// <summary><paramref name="count"/> messages of one broadcast, one per person, each to its own chat.</summary>
    public static List<OutboxMessage> Make(string broadcastId, int count, string channel = "test", Func<int, string>? chat = null) =>
        [.. Enumerable.Range(0, count).Select(i => new OutboxMessage(
            $"{broadcastId}:{i:D5}",
            broadcastId,
            $"person-{i}",
            channel,
            $"user-{i}",
            chat?.Invoke(i) ?? $"chat-{i}",
            $"Nhắc việc số {i}: nộp báo cáo trước thứ Sáu.",
            ["Đã nhận", "Cần hỗ trợ"]))];

    /// <summary>Options for tests that drive the clock: the test channel has no pace, retries start at 1 s.</summary>
    public static OutboxOptions Unpaced(int maxAttempts = 5, int maxConcurrentSends = 4, int batchSize = 20) => new()
    {
        Channels = new() { ["test"] = ChannelLimit.None },
        MaxAttempts = maxAttempts,
        MaxConcurrentSends = maxConcurrentSends,
        BatchSize = batchSize,
    };
}
