using Microsoft.Extensions.Time.Testing;
using PcgdBot.Reminders.Outbox;

namespace PcgdBot.Reminders.Tests.Outbox;

public sealed class OutboxStoreTests : IDisposable
{
    private readonly OutboxDatabase _file = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
    private readonly OutboxStore _store;

    public OutboxStoreTests()
    {
        _store = new OutboxStore(_file.Database, _time);
    }

    public void Dispose() => _file.Dispose();

    [Fact]
    public void An_enqueued_broadcast_is_stored_pending_and_due_now()
    {
        var added = _store.Enqueue(Broadcasts.Make("b1", 3));

        Assert.Equal(3, added);
        var records = _store.ForBroadcast("b1");
        Assert.Equal(["b1:00000", "b1:00001", "b1:00002"], records.Select(r => r.Id));
        Assert.All(records, r =>
        {
            Assert.Equal(OutboxState.Pending, r.State);
            Assert.Equal(0, r.Attempts);
            Assert.Equal(_time.GetUtcNow().UtcDateTime, r.NextAttemptAt);
            Assert.Equal(DateTimeKind.Utc, r.CreatedAt.Kind);
            Assert.Equal(["Đã nhận", "Cần hỗ trợ"], r.Buttons);
        });
    }

    [Fact]
    public void A_broadcast_with_one_bad_message_is_not_stored_at_all()
    {
        var messages = Broadcasts.Make("b1", 5);
        messages[3] = messages[3] with { Channel = "" };

        Assert.Throws<ArgumentException>(() => _store.Enqueue(messages));

        Assert.Empty(_store.ForBroadcast("b1"));
        Assert.Empty(_store.AllBroadcastIds());
    }

    [Fact]
    public void A_broadcast_whose_list_fails_halfway_is_not_stored_at_all()
    {
        static IEnumerable<OutboxMessage> FailingHalfway()
        {
            foreach (var message in Broadcasts.Make("b1", 10).Take(5))
            {
                yield return message;
            }

            throw new InvalidOperationException("the recipient list could not be read");
        }

        Assert.Throws<InvalidOperationException>(() => _store.Enqueue(FailingHalfway()));

        Assert.Empty(_store.ForBroadcast("b1"));
    }

    [Fact]
    public void Enqueueing_the_same_messages_again_leaves_them_as_they_are()
    {
        _store.Enqueue(Broadcasts.Make("b1", 3));
        var claimed = _store.ClaimDue(10);
        _store.MarkSent(claimed[0].Id, "m1");

        var added = _store.Enqueue(Broadcasts.Make("b1", 4));

        Assert.Equal(1, added);
        var records = _store.ForBroadcast("b1");
        Assert.Equal(4, records.Count);
        Assert.Equal(OutboxState.Sent, records.Single(r => r.Id == claimed[0].Id).State);
        Assert.Equal(2, records.Count(r => r.State == OutboxState.Sending));
    }

    [Fact]
    public void Claiming_marks_due_records_sending_counts_the_attempt_and_skips_the_rest()
    {
        _store.Enqueue(Broadcasts.Make("b1", 5));

        var first = _store.ClaimDue(3);
        var second = _store.ClaimDue(3);
        var third = _store.ClaimDue(3);

        Assert.Equal(3, first.Count);
        Assert.Equal(2, second.Count);
        Assert.Empty(third);
        Assert.Equal(5, first.Concat(second).Select(r => r.Id).Distinct().Count());
        Assert.All(_store.ForBroadcast("b1"), r =>
        {
            Assert.Equal(OutboxState.Sending, r.State);
            Assert.Equal(1, r.Attempts);
            Assert.Null(r.NextAttemptAt);
        });
    }

    [Fact]
    public void A_record_waiting_for_its_retry_is_claimed_only_once_it_is_due()
    {
        _store.Enqueue(Broadcasts.Make("b1", 1));
        var id = _store.ClaimDue(1).Single().Id;
        _store.MarkRetry(id, "HTTP 502", _time.GetUtcNow().UtcDateTime.AddSeconds(2));

        Assert.Empty(_store.ClaimDue(10));
        Assert.Empty(_store.DueChannels());
        Assert.Equal(_time.GetUtcNow().UtcDateTime.AddSeconds(2), _store.NextDueAt());

        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(["test"], _store.DueChannels());
        var again = Assert.Single(_store.ClaimDue(10, "test"));
        Assert.Equal(2, again.Attempts);
        Assert.Equal("HTTP 502", again.LastError);
    }

    [Fact]
    public void Records_are_claimed_per_channel_earliest_due_first()
    {
        _store.Enqueue(Broadcasts.Make("retried", 2, channel: "zalo"));
        foreach (var record in _store.ClaimDue(2, "zalo"))
        {
            _store.MarkRetry(record.Id, "HTTP 503", _time.GetUtcNow().UtcDateTime.AddSeconds(5));
        }

        _time.Advance(TimeSpan.FromSeconds(1));
        _store.Enqueue(Broadcasts.Make("fresh", 2, channel: "zalo"));
        _store.Enqueue(Broadcasts.Make("tg", 3, channel: "telegram"));
        _store.Enqueue(Broadcasts.Make("zb", 1, channel: "zalo-bot"));
        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(["telegram", "zalo", "zalo-bot"], _store.DueChannels());
        Assert.Equal(["fresh", "fresh", "retried"], _store.ClaimDue(3, "zalo").Select(r => r.BroadcastId));
        Assert.Equal(["tg", "tg", "tg"], _store.ClaimDue(10, "telegram").Select(r => r.BroadcastId));
        Assert.Equal(["zalo", "zalo-bot"], _store.DueChannels());
    }

    [Fact]
    public void Outcomes_apply_only_to_records_being_sent()
    {
        _store.Enqueue(Broadcasts.Make("b1", 2));
        var sending = _store.ClaimDue(1).Single();
        var pending = _store.ForBroadcast("b1").Single(r => r.State == OutboxState.Pending);

        Assert.True(_store.MarkSent(sending.Id, "m42"));
        Assert.False(_store.MarkFailed(sending.Id, "late answer"));
        Assert.False(_store.MarkRetry(sending.Id, "late answer", _time.GetUtcNow().UtcDateTime));
        Assert.False(_store.MarkSent(pending.Id, "never sent"));
        Assert.False(_store.MarkUnreachable("unknown", "no such record"));

        var sent = _store.Get(sending.Id)!;
        Assert.Equal(OutboxState.Sent, sent.State);
        Assert.Equal("m42", sent.PlatformMessageId);
        Assert.Equal(_time.GetUtcNow().UtcDateTime, sent.SentAt);
        Assert.Equal(OutboxState.Pending, _store.Get(pending.Id)!.State);
    }

    [Fact]
    public void Records_left_sending_by_a_crash_go_back_to_pending_at_start()
    {
        _store.Enqueue(Broadcasts.Make("b1", 4));
        var claimed = _store.ClaimDue(3);
        _store.MarkSent(claimed[0].Id, "m1");

        var recovered = _store.RecoverInFlight();

        Assert.Equal(2, recovered);
        var records = _store.ForBroadcast("b1");
        Assert.Equal(OutboxState.Sent, records.Single(r => r.Id == claimed[0].Id).State);
        Assert.Equal(3, records.Count(r => r.State == OutboxState.Pending));
        Assert.All(records.Where(r => r.Id == claimed[1].Id || r.Id == claimed[2].Id), r => Assert.Equal(1, r.Attempts));
        Assert.Equal(0, _store.RecoverInFlight());
    }

    [Fact]
    public void Releasing_claimed_records_puts_them_back_without_counting_an_attempt()
    {
        _store.Enqueue(Broadcasts.Make("b1", 2));
        var claimed = _store.ClaimDue(2);

        Assert.Equal(2, _store.Release(claimed.Select(r => r.Id)));

        Assert.All(_store.ForBroadcast("b1"), r =>
        {
            Assert.Equal(OutboxState.Pending, r.State);
            Assert.Equal(0, r.Attempts);
        });
    }

    [Fact]
    public void Acknowledging_without_a_broadcast_marks_the_persons_latest_delivered_message()
    {
        _store.Enqueue(Broadcasts.Make("old", 2));
        foreach (var record in _store.ClaimDue(10))
        {
            _store.MarkSent(record.Id, null);
        }

        _time.Advance(TimeSpan.FromHours(1));
        _store.Enqueue(Broadcasts.Make("new", 2));
        foreach (var record in _store.ClaimDue(10))
        {
            _store.MarkSent(record.Id, null);
        }

        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.True(_store.Acknowledge("person-1"));

        var acknowledged = Assert.Single(_store.ForBroadcast("new"), r => r.AcknowledgedAt is not null);
        Assert.Equal("person-1", acknowledged.PersonId);
        Assert.Equal(_time.GetUtcNow().UtcDateTime, acknowledged.AcknowledgedAt);
        Assert.All(_store.ForBroadcast("old"), r => Assert.Null(r.AcknowledgedAt));

        Assert.True(_store.Acknowledge("person-0", "old"));
        Assert.Equal("person-0", Assert.Single(_store.ForBroadcast("old"), r => r.AcknowledgedAt is not null).PersonId);
    }

    [Fact]
    public void Acknowledging_without_a_delivered_message_returns_false()
    {
        _store.Enqueue(Broadcasts.Make("b1", 1));

        Assert.False(_store.Acknowledge("person-0"));
        Assert.False(_store.Acknowledge("person-0", "b1"));
        Assert.False(_store.Acknowledge("nobody"));
        Assert.All(_store.ForBroadcast("b1"), r => Assert.Null(r.AcknowledgedAt));
    }

    [Fact]
    public void Stats_count_every_state_and_name_who_did_not_get_the_message()
    {
        _store.Enqueue(Broadcasts.Make("b1", 6));
        var claimed = _store.ClaimDue(5);
        _store.MarkSent(claimed[0].Id, "m1");
        _store.MarkSent(claimed[1].Id, "m2");
        _store.MarkFailed(claimed[2].Id, "Bad Request: chat not found");
        _store.MarkUnreachable(claimed[3].Id, "Forbidden: bot was blocked by the user");
        _store.Acknowledge(claimed[0].PersonId, "b1");

        var stats = _store.Stats("b1");

        Assert.Equal(6, stats.Total);
        Assert.Equal(1, stats.Pending);
        Assert.Equal(1, stats.Sending);
        Assert.Equal(2, stats.Sent);
        Assert.Equal(1, stats.Failed);
        Assert.Equal(1, stats.Unreachable);
        Assert.Equal(1, stats.Acknowledged);
        Assert.False(stats.IsFinished);
        Assert.Equal(
            [(claimed[2].PersonId, "Bad Request: chat not found"), (claimed[3].PersonId, "Forbidden: bot was blocked by the user")],
            stats.Undelivered.Select(r => (r.PersonId, r.LastError)).Order());
    }

    [Fact]
    public void All_broadcast_ids_are_listed_once_each()
    {
        _store.Enqueue(Broadcasts.Make("2026-03-nhac-viec", 3));
        _store.Enqueue(Broadcasts.Make("2026-02-nhac-viec", 2, channel: "zalo"));
        _store.Enqueue(Broadcasts.Make("2026-02-nhac-viec-b", 1));

        Assert.Equal(["2026-02-nhac-viec", "2026-02-nhac-viec-b", "2026-03-nhac-viec"], _store.AllBroadcastIds());
    }

    [Fact]
    public void The_records_read_back_from_a_reopened_file()
    {
        _store.Enqueue(Broadcasts.Make("b1", 2));
        _store.MarkSent(_store.ClaimDue(1).Single().Id, "m1");

        var reopened = new OutboxStore(_file.Reopen(), _time);

        var stats = reopened.Stats("b1");
        Assert.Equal((1, 1), (stats.Sent, stats.Pending));
    }
}
