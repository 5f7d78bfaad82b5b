using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PcgdBot.Reminders.Outbox;

namespace PcgdBot.Reminders.Tests.Outbox;

/// <summary>Delivery, retries and give-ups, on a channel without pace and a clock the test moves.</summary>
public sealed class OutboxSenderTests : IDisposable
{
    private readonly OutboxDatabase _file = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
    private readonly OutboxStore _store;
    private readonly FakeTransport _platform;

    public OutboxSenderTests()
    {
        _store = new OutboxStore(_file.Database, _time);
        _platform = new FakeTransport(_time);
    }

    public void Dispose() => _file.Dispose();

    private OutboxSender Sender(OutboxOptions? options = null) =>
        new(_store, _platform, options ?? Broadcasts.Unpaced(), _time, NullLogger<OutboxSender>.Instance);

    [Fact]
    public async Task Every_record_of_a_broadcast_is_sent_exactly_once()
    {
        _store.Enqueue(Broadcasts.Make("b1", 57));
        using var sender = Sender();

        var answered = await sender.DrainOnceAsync(CancellationToken.None);

        Assert.Equal(57, answered);
        Assert.Equal(57, _platform.Calls.Count);
        Assert.Empty(_platform.Duplicates());
        var stats = _store.Stats("b1");
        Assert.Equal((57, true), (stats.Sent, stats.IsFinished));
        Assert.All(_store.ForBroadcast("b1"), r => Assert.StartsWith("m", r.PlatformMessageId));
        Assert.Equal(0, await sender.DrainOnceAsync(CancellationToken.None));
        Assert.Equal(57, _platform.Calls.Count);
    }

    [Fact]
    public async Task The_transport_gets_the_message_as_it_was_enqueued()
    {
        var message = Broadcasts.Make("b1", 1).Single() with { Text = "Chào anh Minh, hạn báo cáo là 15/3." };
        _store.Enqueue([message]);
        using var sender = Sender();

        await sender.DrainOnceAsync(CancellationToken.None);

        var sent = Assert.Single(_platform.Calls).Message;
        Assert.Equal(message with { Buttons = [] }, sent with { Buttons = [] });
        Assert.Equal(message.Buttons, sent.Buttons);
    }

    [Fact]
    public async Task A_transient_failure_is_retried_after_one_then_two_seconds_and_then_sent()
    {
        _store.Enqueue(Broadcasts.Make("b1", 1));
        var id = "b1:00000";
        _platform.Script(id, new SendOutcome.Transient("HTTP 502"), new SendOutcome.Transient("network: connection reset"));
        using var sender = Sender();
        var start = _time.GetUtcNow();

        await sender.DrainOnceAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(999));
        await sender.DrainOnceAsync(CancellationToken.None);
        Assert.Equal(1, _platform.CountFor(id));

        _time.Advance(TimeSpan.FromMilliseconds(1));
        await sender.DrainOnceAsync(CancellationToken.None);
        Assert.Equal(2, _platform.CountFor(id));
        Assert.Equal("network: connection reset", _store.Get(id)!.LastError);

        _time.Advance(TimeSpan.FromMilliseconds(1999));
        await sender.DrainOnceAsync(CancellationToken.None);
        Assert.Equal(2, _platform.CountFor(id));

        _time.Advance(TimeSpan.FromMilliseconds(1));
        await sender.DrainOnceAsync(CancellationToken.None);

        Assert.Equal([TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)], _platform.Calls.Select(c => c.At - start));
        var record = _store.Get(id)!;
        Assert.Equal((OutboxState.Sent, 3), (record.State, record.Attempts));
    }

    [Fact]
    public async Task A_retry_after_from_the_platform_is_honoured_over_the_back_off()
    {
        _store.Enqueue(Broadcasts.Make("b1", 1));
        var id = "b1:00000";
        _platform.Script(id, new SendOutcome.Transient("429 Too Many Requests", TimeSpan.FromSeconds(7)));
        using var sender = Sender();
        var start = _time.GetUtcNow();

        await sender.DrainOnceAsync(CancellationToken.None);
        Assert.Equal(start.UtcDateTime.AddSeconds(7), _store.Get(id)!.NextAttemptAt);

        _time.Advance(TimeSpan.FromSeconds(6.9));
        await sender.DrainOnceAsync(CancellationToken.None);
        Assert.Equal(1, _platform.CountFor(id));

        _time.Advance(TimeSpan.FromSeconds(0.1));
        await sender.DrainOnceAsync(CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(7), _platform.Calls[1].At - start);
        Assert.Equal(OutboxState.Sent, _store.Get(id)!.State);
    }

    [Fact]
    public async Task Unreachable_and_rejected_records_are_not_retried()
    {
        _store.Enqueue(Broadcasts.Make("b1", 3));
        _platform.Script("b1:00000", new SendOutcome.Unreachable("Forbidden: bot was blocked by the user"));
        _platform.Script("b1:00001", new SendOutcome.Rejected("Bad Request: message text is empty"));
        using var sender = Sender();

        await sender.DrainOnceAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromHours(1));
        await sender.DrainOnceAsync(CancellationToken.None);

        Assert.Equal(3, _platform.Calls.Count);
        Assert.Equal(OutboxState.Unreachable, _store.Get("b1:00000")!.State);
        Assert.Equal(OutboxState.Failed, _store.Get("b1:00001")!.State);
        Assert.Equal("Bad Request: message text is empty", _store.Get("b1:00001")!.LastError);
        Assert.Equal(OutboxState.Sent, _store.Get("b1:00002")!.State);
        Assert.Equal(["person-0", "person-1"], _store.Stats("b1").Undelivered.Select(r => r.PersonId));
    }

    [Fact]
    public async Task A_record_that_keeps_failing_is_given_up_after_max_attempts()
    {
        _store.Enqueue(Broadcasts.Make("b1", 1));
        var id = "b1:00000";
        _platform.Script(id, [.. Enumerable.Repeat<SendOutcome>(new SendOutcome.Transient("HTTP 500"), 10)]);
        using var sender = Sender(Broadcasts.Unpaced(maxAttempts: 4));

        for (var pass = 0; pass < 10; pass++)
        {
            await sender.DrainOnceAsync(CancellationToken.None);
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(4, _platform.CountFor(id));
        var record = _store.Get(id)!;
        Assert.Equal((OutboxState.Failed, 4), (record.State, record.Attempts));
        Assert.Contains("HTTP 500", record.LastError);
        Assert.Contains("4", record.LastError);
    }

    [Fact]
    public async Task A_transport_that_throws_counts_as_a_transient_failure()
    {
        _store.Enqueue(Broadcasts.Make("b1", 2));
        var calls = 0;
        _platform.Behaviour = (message, _) => Interlocked.Increment(ref calls) switch
        {
            1 => throw new HttpRequestException("Connection refused"),
            2 => Task.FromException<SendOutcome>(new TaskCanceledException("The request timed out")),
            _ => Task.FromResult<SendOutcome>(new SendOutcome.Accepted(null)),
        };
        using var sender = Sender(Broadcasts.Unpaced(maxConcurrentSends: 1));

        await sender.DrainOnceAsync(CancellationToken.None);

        var records = _store.ForBroadcast("b1");
        Assert.All(records, r => Assert.Equal(OutboxState.Pending, r.State));
        Assert.Contains(records, r => r.LastError!.Contains("Connection refused", StringComparison.Ordinal));
        Assert.Contains(records, r => r.LastError!.Contains("timed out", StringComparison.Ordinal));

        _time.Advance(TimeSpan.FromSeconds(1));
        await sender.DrainOnceAsync(CancellationToken.None);

        Assert.True(_store.Stats("b1") is { Sent: 2, IsFinished: true });
    }

    [Fact]
    public async Task Calls_in_flight_never_exceed_the_configured_number()
    {
        _store.Enqueue(Broadcasts.Make("b1", 40));
        var inFlight = 0;
        var most = 0;
        _platform.Behaviour = async (_, _) =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref most, now);
            await Task.Delay(5);
            Interlocked.Decrement(ref inFlight);
            return new SendOutcome.Accepted(null);
        };
        using var sender = Sender(Broadcasts.Unpaced(maxConcurrentSends: 3));

        await sender.DrainOnceAsync(CancellationToken.None);

        Assert.Equal(40, _store.Stats("b1").Sent);
        Assert.InRange(most, 2, 3);
    }

    [Fact]
    public async Task A_message_that_was_interrupted_too_often_is_given_up_without_sending()
    {
        _store.Enqueue(Broadcasts.Make("b1", 1));
        for (var crash = 0; crash < 3; crash++)
        {
            _store.ClaimDue(1);
            _store.RecoverInFlight();
        }

        using var sender = Sender(Broadcasts.Unpaced(maxAttempts: 3));
        await sender.DrainOnceAsync(CancellationToken.None);

        Assert.Empty(_platform.Calls);
        Assert.Equal(OutboxState.Failed, _store.Get("b1:00000")!.State);
    }

    [Fact]
    public async Task A_cancelled_pass_puts_back_what_it_had_not_sent_and_leaves_the_interrupted_call_sending()
    {
        _store.Enqueue(Broadcasts.Make("b1", 30));
        using var stop = new CancellationTokenSource();
        _platform.Behaviour = async (_, cancellationToken) =>
        {
            if (_platform.Calls.Count >= 2)
            {
                // The second call hangs until the stop aborts it: delivered or not, nobody knows.
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return new SendOutcome.Accepted(null);
        };
        using var sender = Sender(Broadcasts.Unpaced(maxConcurrentSends: 1, batchSize: 10));

        var pass = sender.DrainOnceAsync(stop.Token);
        while (_platform.Calls.Count < 2)
        {
            await Task.Delay(5);
        }

        await stop.CancelAsync();
        await pass;

        var stats = _store.Stats("b1");
        Assert.Equal(1, stats.Sent);
        Assert.Equal(1, stats.Sending);
        Assert.Equal(28, stats.Pending);
        Assert.All(_store.ForBroadcast("b1").Where(r => r.State == OutboxState.Pending), r => Assert.Equal(0, r.Attempts));
    }

    [Fact]
    public async Task An_answer_that_arrives_after_the_stop_is_still_recorded()
    {
        _store.Enqueue(Broadcasts.Make("b1", 5));
        using var stop = new CancellationTokenSource();
        var answer = new TaskCompletionSource<SendOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        _platform.Behaviour = (_, _) => answer.Task;
        using var sender = Sender(Broadcasts.Unpaced(maxConcurrentSends: 1));

        var pass = sender.DrainOnceAsync(stop.Token);
        while (_platform.Calls.Count < 1)
        {
            await Task.Delay(5);
        }

        await stop.CancelAsync();
        answer.SetResult(new SendOutcome.Accepted("m1"));
        await pass;

        var stats = _store.Stats("b1");
        Assert.Equal((1, 0, 4), (stats.Sent, stats.Sending, stats.Pending));
    }

    [Fact]
    public async Task The_background_sender_delivers_a_broadcast_when_woken_and_recovers_at_start()
    {
        using var file = new OutboxDatabase();
        var store = new OutboxStore(file.Database, TimeProvider.System);
        store.Enqueue(Broadcasts.Make("crashed", 3));
        store.ClaimDue(2);
        var platform = new FakeTransport(TimeProvider.System);
        var options = Broadcasts.Unpaced();
        options.IdlePoll = TimeSpan.FromSeconds(30);
        using var sender = new OutboxSender(store, platform, options, TimeProvider.System, NullLogger<OutboxSender>.Instance);

        await sender.StartAsync(CancellationToken.None);
        await WaitUntil(() => store.Stats("crashed").Sent == 3);
        store.Enqueue(Broadcasts.Make("b2", 25));
        sender.Wake();
        await WaitUntil(() => store.Stats("b2").Sent == 25);
        await sender.StopAsync(CancellationToken.None);

        Assert.Equal(28, platform.Calls.Count);
        Assert.Empty(platform.Duplicates());
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(10);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
