using System.Threading.RateLimiting;
using Microsoft.Extensions.Time.Testing;
using PcgdBot.Reminders.Outbox;

namespace PcgdBot.Reminders.Tests.Outbox;

/// <summary>The pacing rules on a clock the test moves (its timers fire when the test advances it, late by the step).</summary>
public sealed class PacingRateLimiterTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Permits_come_one_interval_apart_from_the_first_and_never_sooner()
    {
        using var limiter = new PacingRateLimiter(_time, [(50, TimeSpan.FromSeconds(1))]);

        Assert.True(limiter.AttemptAcquire().IsAcquired);
        var refused = limiter.AttemptAcquire();
        Assert.False(refused.IsAcquired);
        Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));
        Assert.Equal(TimeSpan.FromMilliseconds(20), retryAfter);

        _time.Advance(TimeSpan.FromMilliseconds(19));
        Assert.False(limiter.AttemptAcquire().IsAcquired);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(limiter.AttemptAcquire().IsAcquired);
    }

    [Fact]
    public void A_look_with_no_permits_takes_nothing()
    {
        using var limiter = new PacingRateLimiter(_time, [(1, TimeSpan.FromSeconds(1))]);

        Assert.True(limiter.AttemptAcquire(0).IsAcquired);
        Assert.True(limiter.AttemptAcquire(0).IsAcquired);
        Assert.True(limiter.AttemptAcquire(1).IsAcquired);
        Assert.False(limiter.AttemptAcquire(0).IsAcquired);
        Assert.Throws<ArgumentOutOfRangeException>(() => limiter.AttemptAcquire(2));
    }

    [Fact]
    public async Task Waiters_are_granted_in_order_as_time_passes()
    {
        using var limiter = new PacingRateLimiter(_time, [(50, TimeSpan.FromSeconds(1))]);

        var first = limiter.AcquireAsync().AsTask();
        var second = limiter.AcquireAsync().AsTask();
        var third = limiter.AcquireAsync().AsTask();

        Assert.True((await first).IsAcquired);
        Assert.False(second.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(20));
        Assert.True(second.IsCompletedSuccessfully);
        Assert.True((await second).IsAcquired);
        Assert.False(third.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(20));
        Assert.True(third.IsCompletedSuccessfully);
        Assert.True((await third).IsAcquired);
    }

    [Fact]
    public void A_slightly_late_permit_is_made_up_but_after_an_idle_spell_the_schedule_starts_afresh()
    {
        using var limiter = new PacingRateLimiter(_time, [(10, TimeSpan.FromSeconds(1))]);
        Assert.True(limiter.AttemptAcquire().IsAcquired);

        // 10 ms late (under the catch-up): the next one still comes at 200 ms, not 210.
        _time.Advance(TimeSpan.FromMilliseconds(110));
        Assert.True(limiter.AttemptAcquire().IsAcquired);
        _time.Advance(TimeSpan.FromMilliseconds(90));
        Assert.True(limiter.AttemptAcquire().IsAcquired);

        // Idle for a second: one permit now, and the next a full interval later — no burst of the missed ones.
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(limiter.AttemptAcquire().IsAcquired);
        Assert.False(limiter.AttemptAcquire().IsAcquired);
        _time.Advance(TimeSpan.FromMilliseconds(99));
        Assert.False(limiter.AttemptAcquire().IsAcquired);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(limiter.AttemptAcquire().IsAcquired);
    }

    [Theory]
    [InlineData(5, 1)]
    [InlineData(30, 7)]
    [InlineData(50, 3)]
    public async Task No_window_ever_holds_more_than_the_limit_however_late_the_timer_fires(int perSecond, int seed)
    {
        using var limiter = new PacingRateLimiter(_time, [(perSecond, TimeSpan.FromSeconds(1))]);
        var random = new Random(seed);
        var grants = new List<long>();
        var start = _time.GetTimestamp();
        var pending = limiter.AcquireAsync().AsTask();

        // Ten seconds of steady demand, the clock moving in uneven steps up to 20 ms (each timer fires that late).
        while (_time.GetElapsedTime(start) < TimeSpan.FromSeconds(10))
        {
            while (pending.IsCompleted)
            {
                Assert.True((await pending).IsAcquired);
                grants.Add(_time.GetTimestamp());
                pending = limiter.AcquireAsync().AsTask();
            }

            _time.Advance(TimeSpan.FromMilliseconds(random.Next(1, 21)));
        }

        for (var i = 0; i + perSecond < grants.Count; i++)
        {
            Assert.True(_time.GetElapsedTime(grants[i], grants[i + perSecond]) >= TimeSpan.FromSeconds(1), $"grants {i}..{i + perSecond} within a second");
        }

        var rate = (grants.Count - 1) / _time.GetElapsedTime(grants[0], grants[^1]).TotalSeconds;
        Assert.InRange(rate, 0.95 * perSecond, perSecond);
    }

    [Fact]
    public void A_pause_holds_every_permit_back_even_without_a_limit()
    {
        using var limiter = new PacingRateLimiter(_time);
        Assert.True(limiter.AttemptAcquire().IsAcquired);
        Assert.True(limiter.AttemptAcquire().IsAcquired);

        limiter.PauseFor(TimeSpan.FromMilliseconds(300));

        Assert.False(limiter.AttemptAcquire().IsAcquired);
        _time.Advance(TimeSpan.FromMilliseconds(299));
        Assert.False(limiter.AttemptAcquire().IsAcquired);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(limiter.AttemptAcquire().IsAcquired);
        Assert.True(limiter.AttemptAcquire().IsAcquired);
    }

    [Fact]
    public void It_is_not_idle_while_its_last_permit_still_counts()
    {
        using var limiter = new PacingRateLimiter(_time, [(1, TimeSpan.FromSeconds(1))]);
        Assert.NotNull(limiter.IdleDuration);

        Assert.True(limiter.AttemptAcquire().IsAcquired);
        Assert.Null(limiter.IdleDuration);
        _time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Null(limiter.IdleDuration);
        _time.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(TimeSpan.FromMilliseconds(2999), limiter.IdleDuration);
    }

    [Fact]
    public async Task A_cancelled_waiter_gives_its_turn_to_the_next()
    {
        using var limiter = new PacingRateLimiter(_time, [(10, TimeSpan.FromSeconds(1))]);
        Assert.True(limiter.AttemptAcquire().IsAcquired);
        using var cancel = new CancellationTokenSource();

        var cancelled = limiter.AcquireAsync(1, cancel.Token).AsTask();
        var next = limiter.AcquireAsync().AsTask();
        await cancel.CancelAsync();
        _time.Advance(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.True(next.IsCompletedSuccessfully);
        Assert.True((await next).IsAcquired);
    }

    [Fact]
    public async Task Disposing_turns_the_waiters_away()
    {
        var limiter = new PacingRateLimiter(_time, [(10, TimeSpan.FromSeconds(1))]);
        Assert.True(limiter.AttemptAcquire().IsAcquired);
        var waiting = limiter.AcquireAsync().AsTask();

        limiter.Dispose();

        Assert.False((await waiting).IsAcquired);
        Assert.Throws<ObjectDisposedException>(() => limiter.AttemptAcquire());
    }

    [Fact]
    public async Task A_per_chat_limit_through_a_partitioned_limiter_is_counted_per_chat()
    {
        using var perChat = PartitionedRateLimiter.Create<string, string>(
            chat => RateLimitPartition.Get(chat, _ => new PacingRateLimiter(_time, [(1, TimeSpan.FromSeconds(1))])));

        Assert.True((await perChat.AcquireAsync("chat-a")).IsAcquired);
        Assert.True(perChat.AttemptAcquire("chat-b").IsAcquired);
        Assert.False(perChat.AttemptAcquire("chat-a").IsAcquired);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(perChat.AttemptAcquire("chat-a").IsAcquired);
    }
}
