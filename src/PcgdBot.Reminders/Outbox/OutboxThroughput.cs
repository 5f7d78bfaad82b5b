using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using PcgdBot.Storage;

namespace PcgdBot.Reminders.Outbox;

/// <summary>What <see cref="OutboxThroughput.RunAsync"/> measured.</summary>
/// <param name="Sent">Records that ended Sent.</param>
/// <param name="Calls">Platform calls made (more than <paramref name="Sent"/> only if the transport asked for retries).</param>
/// <param name="EnqueueElapsed">Storing the broadcast (one transaction).</param>
/// <param name="Elapsed">From the start of sending until every answer was written.</param>
/// <param name="CallSpan">From the first platform call to the last.</param>
/// <param name="LimitPerSecond">The pace asked for; 0 for none.</param>
public sealed record OutboxRunResult(
    int Recipients,
    int Sent,
    int Calls,
    TimeSpan EnqueueElapsed,
    TimeSpan Elapsed,
    TimeSpan CallSpan,
    int LimitPerSecond)
{
    /// <summary>Records settled per second, database included: the figure that matters with limits off.</summary>
    public double RecordsPerSecond => Elapsed > TimeSpan.Zero ? Sent / Elapsed.TotalSeconds : 0;

    /// <summary>
    /// Calls per second as the platform saw them: intervals between calls over the time they span (n calls at exactly
    /// L/s span (n − 1)/L seconds).
    /// </summary>
    public double AchievedPerSecond => Calls > 1 && CallSpan > TimeSpan.Zero ? (Calls - 1) / CallSpan.TotalSeconds : 0;

    /// <summary><see cref="AchievedPerSecond"/> as a share of the limit; null without a limit.</summary>
    public double? PercentOfLimit => LimitPerSecond > 0 ? 100 * AchievedPerSecond / LimitPerSecond : null;
}

/// <summary>
/// Sends a broadcast of <c>recipients</c> messages through the outbox and times it, for a benchmark command:
/// "10,000 recipients at L/s: achieved X/s (Y % of L)", "limits off: Z records/s". Counting duplicates is the
/// transport's business (it sees every call).
/// </summary>
public static class OutboxThroughput
{
    /// <summary>The channel the run uses, so it cannot pick up (nor send) anything else in the file.</summary>
    public const string Channel = "bench";

    /// <param name="perSecond">The pace; 0 for none.</param>
    public static async Task<OutboxRunResult> RunAsync(
        PcgdBotDatabase db, IOutboxTransport transport, int recipients, int perSecond /* 0 = unlimited */, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentOutOfRangeException.ThrowIfLessThan(recipients, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(perSecond);

        var time = TimeProvider.System;
        var store = new OutboxStore(db, time);
        var options = new OutboxOptions
        {
            Channels = new() { [Channel] = perSecond > 0 ? new ChannelLimit(PerSecond: perSecond) : ChannelLimit.None },
            BatchSize = 200,
            MaxConcurrentSends = 32,
        };

        var broadcast = "bench_" + Guid.NewGuid().ToString("N");
        var messages = Enumerable.Range(0, recipients).Select(i => new OutboxMessage(
            $"{broadcast}:{i}",
            broadcast,
            $"bench-person-{i}",
            Channel,
            $"bench-user-{i}",
            $"bench-chat-{i}",
            "Nhắc việc: hạn nộp báo cáo tiến độ là thứ Sáu tuần này. Trả lời \"đã nhận\" khi đã đọc.",
            ["Đã nhận"])).ToList();

        var clock = Stopwatch.StartNew();
        store.Enqueue(messages);
        var enqueueElapsed = clock.Elapsed;

        var timed = new TimedTransport(transport, time);
        using var sender = new OutboxSender(store, timed, options, time, NullLogger<OutboxSender>.Instance);
        clock.Restart();
        var stats = store.Stats(broadcast);
        while (!stats.IsFinished && !ct.IsCancellationRequested)
        {
            if (await sender.DrainChannelOnceAsync(Channel, ct).ConfigureAwait(false) == 0)
            {
                // Only retries left, due later.
                await Task.Delay(TimeSpan.FromMilliseconds(50), ct).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            }

            stats = store.Stats(broadcast);
        }

        return new OutboxRunResult(recipients, stats.Sent, timed.Calls, enqueueElapsed, clock.Elapsed, timed.Span, perSecond);
    }

    /// <summary>Notes when the first and last calls were made.</summary>
    private sealed class TimedTransport(IOutboxTransport inner, TimeProvider time) : IOutboxTransport
    {
        private readonly Lock gate = new();
        private long first;
        private long last;
        private int calls;

        public int Calls => Volatile.Read(ref calls);

        public TimeSpan Span
        {
            get
            {
                lock (gate)
                {
                    return calls > 1 ? time.GetElapsedTime(first, last) : TimeSpan.Zero;
                }
            }
        }

        public Task<SendOutcome> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            var now = time.GetTimestamp();
            lock (gate)
            {
                if (calls++ == 0)
                {
                    first = now;
                }

                last = now;
            }

            return inner.SendAsync(message, cancellationToken);
        }
    }
}
