using System.Threading.RateLimiting;

namespace PcgdBot.Reminders.Outbox;

/// <summary>
/// A <see cref="RateLimiter"/> that hands out one permit at a time, evenly spaced, and never more than each limit's
/// permits within any window of its length (sliding, not per calendar second), on a <see cref="TimeProvider"/>.
/// </summary>
/// <remarks>
/// <para>
/// Why not <see cref="TokenBucketRateLimiter"/>: it replenishes from its own timer (or <c>TryReplenish</c>) on the real
/// clock only, a replenishment that comes late is lost (the rate falls below the limit), and a full bucket lets a burst
/// through, so some second would hold up to twice the limit. Platforms count sliding windows and answer 429.
/// </para>
/// <para>
/// Two rules decide when the next permit may go:
/// <list type="bullet">
/// <item>the even schedule: one permit every window/permits (20 ms at 50/s). A grant that came late (the timer fired
/// late, the caller was busy) is made up if it is less than <see cref="CatchUp"/> behind, so small delays do not lower
/// the rate; after a longer pause the schedule starts afresh rather than bursting;</item>
/// <item>the limits themselves: the grant <c>n</c> waits until the grant <c>n − permits</c> is one window old. This is
/// what makes "never more than the limit in any second" hold exactly, whatever the timer does.</item>
/// </list>
/// Only 0 or 1 permit may be asked for. A waiter is granted from the timer callback and its continuation runs there,
/// so a caller that makes its call right after the grant makes it on time.
/// </para>
/// </remarks>
internal sealed class PacingRateLimiter : RateLimiter
{
    /// <summary>How far behind the even schedule a grant may fall and still be made up.</summary>
    internal static readonly TimeSpan CatchUp = TimeSpan.FromMilliseconds(25);

    private static readonly RateLimitLease Granted = new Lease(true, null);

    private readonly TimeProvider time;
    private readonly Window[] windows;
    private readonly long spacing;
    private readonly long catchUp;
    private readonly long longestWindow;
    private readonly long createdAt;
    private readonly Queue<Waiter> waiters = new();
    private readonly Lock gate = new();
    private ITimer? timer;
    private long schedule = long.MinValue / 2;
    private long pausedUntil = long.MinValue / 2;
    private long lastGrant = long.MinValue / 2;
    private long successful;
    private long failed;
    private bool disposed;

    /// <param name="limits">Each: at most <c>Permits</c> within any <c>Window</c>. None: no limit (only <see cref="PauseFor"/>).</param>
    public PacingRateLimiter(TimeProvider time, params IReadOnlyList<(int Permits, TimeSpan Window)> limits)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(limits);
        this.time = time;
        windows = [.. limits.Select(l =>
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(l.Permits, 1, nameof(limits));
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(l.Window, TimeSpan.Zero, nameof(limits));
            return new Window(l.Permits, ToUnits(l.Window));
        })];

        // Rounded up: a permit a nanosecond early is a permit over the limit.
        spacing = windows.Length == 0 ? 0 : windows.Max(w => (w.Length + w.Permits - 1) / w.Permits);
        longestWindow = windows.Length == 0 ? 0 : windows.Max(w => w.Length);
        catchUp = ToUnits(CatchUp);
        createdAt = time.GetTimestamp();
    }

    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (gate)
            {
                DropCancelled();
                if (waiters.Count > 0)
                {
                    return null;
                }

                // Not idle while a past grant still counts in a window: a fresh limiter in its place would forget it.
                var now = time.GetTimestamp();
                var busyUntil = Math.Max(Math.Max(schedule, pausedUntil), Math.Max(lastGrant + longestWindow, createdAt));
                return now < busyUntil ? null : ToTimeSpan(now - busyUntil);
            }
        }
    }

    /// <summary>Holds every permit back until <paramref name="delay"/> from now (the platform said to wait).</summary>
    public void PauseFor(TimeSpan delay)
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            var now = time.GetTimestamp();
            pausedUntil = Math.Max(pausedUntil, now + ToUnits(delay));
            if (waiters.Count > 0)
            {
                Arm(now);
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (gate)
        {
            DropCancelled();
            var now = time.GetTimestamp();
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = waiters.Count == 0 && NextFreeAt() <= now ? 1 : 0,
                CurrentQueuedCount = waiters.Count,
                TotalSuccessfulLeases = successful,
                TotalFailedLeases = failed,
            };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        CheckCount(permitCount);
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            DropCancelled();
            var now = time.GetTimestamp();
            if (waiters.Count == 0 && NextFreeAt() <= now)
            {
                Grant(now, permitCount);
                return Granted;
            }

            failed++;
            var wait = Math.Max(0, NextFreeAt() - now) + (waiters.Count * spacing);
            return new Lease(false, ToTimeSpan(wait));
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        CheckCount(permitCount);
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            DropCancelled();
            var now = time.GetTimestamp();
            if (waiters.Count == 0 && NextFreeAt() <= now)
            {
                Grant(now, permitCount);
                return new ValueTask<RateLimitLease>(Granted);
            }

            if (cancellationToken.IsCancellationRequested)
            {
                return ValueTask.FromCanceled<RateLimitLease>(cancellationToken);
            }

            var waiter = new Waiter(permitCount, cancellationToken);
            waiters.Enqueue(waiter);
            if (cancellationToken.CanBeCanceled)
            {
                waiter.Registration = cancellationToken.Register(static state => ((Waiter)state!).Cancel(), waiter);
            }

            Arm(now);
            return new ValueTask<RateLimitLease>(waiter.Task);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (!disposing)
        {
            return;
        }

        List<Waiter> left;
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            timer?.Dispose();
            left = [.. waiters];
            waiters.Clear();
        }

        foreach (var waiter in left)
        {
            waiter.Registration.Dispose();
            waiter.TrySetResult(new Lease(false, null));
        }
    }

    protected override ValueTask DisposeAsyncCore()
    {
        Dispose(true);
        return ValueTask.CompletedTask;
    }

    private void OnTimer(object? state)
    {
        while (true)
        {
            Waiter ready;
            lock (gate)
            {
                if (disposed)
                {
                    return;
                }

                DropCancelled();
                if (waiters.Count == 0)
                {
                    return;
                }

                var now = time.GetTimestamp();
                if (NextFreeAt() > now)
                {
                    Arm(now);
                    return;
                }

                ready = waiters.Dequeue();
                Grant(now, ready.Count);
            }

            // Outside the lock: the waiter's continuation runs here and may ask again.
            ready.Registration.Dispose();
            ready.TrySetResult(Granted);
        }
    }

    private long NextFreeAt()
    {
        var at = Math.Max(schedule, pausedUntil);
        foreach (var window in windows)
        {
            at = Math.Max(at, window.FreeAt);
        }

        return at;
    }

    private void Grant(long now, int permitCount)
    {
        successful++;
        if (permitCount == 0)
        {
            return;
        }

        foreach (var window in windows)
        {
            window.Add(now);
        }

        // Late by less than the catch-up: the next one keeps to the schedule. Later than that the limiter was idle (or
        // stalled), and the schedule starts again from now rather than letting the missed permits out in a burst.
        schedule = (now - schedule <= catchUp ? schedule : now) + spacing;
        lastGrant = now;
    }

    private void Arm(long now)
    {
        var wait = NextFreeAt() - now;

        // Timers count whole milliseconds and would fire early on a fraction: round up.
        var due = wait <= 0 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Math.Ceiling(wait * 1000.0 / time.TimestampFrequency));
        timer ??= time.CreateTimer(OnTimer, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        timer.Change(due, Timeout.InfiniteTimeSpan);
    }

    private void DropCancelled()
    {
        while (waiters.TryPeek(out var head) && head.Task.IsCompleted)
        {
            waiters.Dequeue();
        }
    }

    private long ToUnits(TimeSpan span) => (long)((Int128)span.Ticks * time.TimestampFrequency / TimeSpan.TicksPerSecond);

    private TimeSpan ToTimeSpan(long units) => TimeSpan.FromTicks((long)((Int128)units * TimeSpan.TicksPerSecond / time.TimestampFrequency));

    private static void CheckCount(int permitCount) =>
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)permitCount, 1u, nameof(permitCount));

    /// <summary>One limit: the times of the last <see cref="Permits"/> grants, oldest at <c>next</c> once full.</summary>
    private sealed class Window(int permits, long length)
    {
        private readonly long[] recent = new long[permits];
        private int count;
        private int next;

        public int Permits => permits;

        public long Length => length;

        public long FreeAt => count < permits ? long.MinValue / 2 : recent[next] + length;

        public void Add(long at)
        {
            recent[next] = at;
            next = (next + 1) % permits;
            count = Math.Min(count + 1, permits);
        }
    }

    private sealed class Waiter(int count, CancellationToken cancellationToken) : TaskCompletionSource<RateLimitLease>
    {
        public int Count => count;

        public CancellationTokenRegistration Registration { get; set; }

        public void Cancel() => TrySetCanceled(cancellationToken);
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (retryAfter is { } wait && metadataName == MetadataName.RetryAfter.Name)
            {
                metadata = wait;
                return true;
            }

            metadata = null;
            return false;
        }
    }
}
