using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using PcgdBot.Reminders.Outbox;

namespace PcgdBot.Reminders.Tests.Outbox;

/// <summary>Real-time tests, run alone so other tests' CPU load does not skew their clocks.</summary>
[CollectionDefinition(nameof(RealTimePacing), DisableParallelization = true)]
public sealed class RealTimePacing : ICollectionFixture<ResponsiveThreadPool>;

/// <summary>
/// The test host blocks thread-pool threads during its first seconds (seen on 2 cores: two stalls of 0.7–0.9 s with
/// no pool thread free, so no timer fired, until the pool grew). That makes a measured run slower, never faster, and
/// says nothing about the sender; a higher minimum lets the pool grow at once.
/// </summary>
public sealed class ResponsiveThreadPool
{
    public ResponsiveThreadPool()
    {
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, 16), completionPorts);
    }
}

/// <summary>Pacing on the real clock: the rate reached, and never a second over the limit.</summary>
[Collection(nameof(RealTimePacing))]
public sealed class OutboxPacingTests : IDisposable
{
    /// <summary>
    /// Slack for the clock reading itself: the platform's timestamp is taken inside the call, microseconds after the
    /// permit; a preempted thread can shift one reading by a little. The limiter's own grant times have none.
    /// </summary>
    private static readonly TimeSpan Reading = TimeSpan.FromMilliseconds(1);

    private readonly OutboxDatabase _file = new();
    private readonly OutboxStore _store;
    private readonly FakeTransport _platform = new(TimeProvider.System);

    public OutboxPacingTests()
    {
        _store = new OutboxStore(_file.Database, TimeProvider.System);
    }

    public void Dispose() => _file.Dispose();

    private OutboxSender Sender(ChannelLimit limit) => new(
        _store,
        _platform,
        new OutboxOptions { Channels = new() { ["paced"] = limit } },
        TimeProvider.System,
        NullLogger<OutboxSender>.Instance);

    [Fact]
    public async Task Fifty_per_second_is_reached_within_five_percent_and_no_second_holds_more_than_fifty()
    {
        _store.Enqueue(Broadcasts.Make("b1", 200, channel: "paced"));
        using var sender = Sender(new ChannelLimit(PerSecond: 50));

        await sender.DrainOnceAsync(CancellationToken.None);

        var times = CallTimes();
        Assert.Equal(200, times.Count);
        Assert.Empty(_platform.Duplicates());
        Assert.True(Rate(times) is >= 0.95 * 50 and <= 50 * 1.001, $"{Rate(times):F2}/s; gaps over 40 ms: {Gaps(times)}");
        Assert.InRange(MostInAnyWindow(times, TimeSpan.FromSeconds(1) - Reading), 1, 50);
    }

    [Fact]
    public async Task Zalo_four_thousand_a_minute_is_spread_evenly_and_reached_within_five_percent()
    {
        _store.Enqueue(Broadcasts.Make("b1", 120, channel: "paced"));
        using var sender = Sender(new ChannelLimit(PerMinute: 4000));

        await sender.DrainOnceAsync(CancellationToken.None);

        // Evenly spread, one call every 15 ms, not 120 at once: any second holds the 67 of the even schedule, plus at
        // most the one or two that a late timer lets through together (PacingRateLimiter.CatchUp, 25 ms).
        var times = CallTimes();
        Assert.True(Rate(times) is >= 0.95 * 4000 / 60 and <= 4000 / 60.0 * 1.001, $"{Rate(times):F2}/s; gaps over 40 ms: {Gaps(times)}");
        Assert.InRange(MostInAnyWindow(times, TimeSpan.FromSeconds(1) - Reading), 1, 67 + 2);
    }

    [Fact]
    public async Task One_chat_gets_at_most_one_message_a_second_while_the_others_go_on()
    {
        var messages = Broadcasts.Make("b1", 24, channel: "paced", chat: i => i < 8 ? (i % 2 == 0 ? "group-A" : "group-B") : $"chat-{i}");
        _store.Enqueue(messages);
        using var sender = Sender(new ChannelLimit(PerSecond: 50, PerChatPerSecond: 1));
        var start = Stopwatch.GetTimestamp();

        await sender.DrainOnceAsync(CancellationToken.None);

        Assert.Equal(24, _platform.Calls.Count);
        foreach (var chat in new[] { "group-A", "group-B" })
        {
            var toChat = _platform.Calls.Where(c => c.Message.ConversationId == chat).Select(c => c.Timestamp).Order().ToList();
            Assert.Equal(4, toChat.Count);
            Assert.All(toChat.Zip(toChat.Skip(1)), pair => Assert.True(
                Stopwatch.GetElapsedTime(pair.First, pair.Second) >= TimeSpan.FromSeconds(1) - Reading,
                $"{chat}: {Stopwatch.GetElapsedTime(pair.First, pair.Second).TotalMilliseconds} ms apart"));
        }

        // The 16 other chats are not kept waiting behind the two busy ones.
        var others = _platform.Calls.Where(c => c.Message.ConversationId.StartsWith("chat-", StringComparison.Ordinal)).Max(c => c.Timestamp);
        Assert.True(Stopwatch.GetElapsedTime(start, others) < TimeSpan.FromSeconds(0.8));
        Assert.True(_store.Stats("b1") is { Sent: 24, IsFinished: true });
    }

    [Fact]
    public async Task A_retry_after_pauses_the_whole_channel_for_that_long()
    {
        _store.Enqueue(Broadcasts.Make("b1", 20, channel: "paced"));
        _platform.Script("b1:00004", new SendOutcome.Transient("429 Too Many Requests: retry after 0.3", TimeSpan.FromSeconds(0.3)));
        using var sender = Sender(new ChannelLimit(PerSecond: 100));

        await sender.DrainOnceAsync(CancellationToken.None);

        var calls = _platform.Calls.OrderBy(c => c.Timestamp).ToList();
        var refused = calls.First(c => c.Message.Id == "b1:00004").Timestamp;

        // Calls already granted when the 429 came back may go; after those, nothing for 0.3 s.
        var next = calls.Where(c => c.Timestamp > refused).Skip(1).First().Timestamp;
        Assert.True(Stopwatch.GetElapsedTime(refused, next) >= TimeSpan.FromSeconds(0.3) - Reading);
        Assert.Equal(19, _store.Stats("b1").Sent);
        Assert.Equal(OutboxState.Pending, _store.Get("b1:00004")!.State);
    }

    private static string Gaps(List<long> times) => string.Join(" ", times.Zip(times.Skip(1))
        .Select((pair, i) => (i, ms: Stopwatch.GetElapsedTime(pair.First, pair.Second).TotalMilliseconds))
        .Where(g => g.ms > 40)
        .Select(g => $"#{g.i}:{g.ms:F0}"));

    private List<long> CallTimes() => [.. _platform.Calls.Select(c => c.Timestamp).Order()];

    /// <summary>Calls per second as the platform sees them: n calls at exactly L/s span (n − 1)/L seconds.</summary>
    private static double Rate(List<long> times) =>
        (times.Count - 1) / Stopwatch.GetElapsedTime(times[0], times[^1]).TotalSeconds;

    /// <summary>The most calls within any window of <paramref name="length"/> (sliding, starting at each call).</summary>
    private static int MostInAnyWindow(List<long> times, TimeSpan length)
    {
        var most = 0;
        var end = 0;
        for (var start = 0; start < times.Count; start++)
        {
            while (end < times.Count && Stopwatch.GetElapsedTime(times[start], times[end]) < length)
            {
                end++;
            }

            most = Math.Max(most, end - start);
        }

        return most;
    }
}
