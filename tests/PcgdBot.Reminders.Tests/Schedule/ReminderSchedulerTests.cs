using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PcgdBot.Reminders.Schedule;
using PcgdBot.Storage;

namespace PcgdBot.Reminders.Tests.Schedule;

public sealed class ReminderSchedulerTests : IDisposable
{
    private readonly ScheduleTempFolder folder = new();
    private readonly ReminderSchedule schedule = ReminderSchedule.Load(Vietnam.BundledDialogs);

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task A_whole_year_on_the_fake_clock_fires_exactly_the_seven_reminders_of_2026_in_order_and_on_time()
    {
        var time = new FakeTimeProvider(Vietnam.Local(2026, 1, 1));
        var dispatcher = new RecordingDispatcher(time);
        var watch = Stopwatch.StartNew();

        await using (var run = await SchedulerRun.StartAsync(schedule, folder.DatabasePath, time, dispatcher))
        {
            await run.RunUntilAsync(Vietnam.Local(2027, 1, 1));
        }

        watch.Stop();
        Assert.Equal(
            [
                ("deadline-10-12:-14:2026", Vietnam.Local(2026, 11, 26, 8)),  // Thursday
                ("deadline-10-12:-7:2026", Vietnam.Local(2026, 12, 3, 8)),    // Thursday
                ("deadline-10-12:-3:2026", Vietnam.Local(2026, 12, 7, 8)),    // Monday
                ("deadline-10-12:-1:2026", Vietnam.Local(2026, 12, 9, 8)),    // Wednesday
                ("late-10-12:1:2026", Vietnam.Local(2026, 12, 11, 8)),        // Friday, the day after Thursday 10/12
                ("deadline-20-12:-3:2026", Vietnam.Local(2026, 12, 17, 8)),   // Thursday; 20/12 is a Sunday
                ("deadline-20-12:-1:2026", Vietnam.Local(2026, 12, 18, 8)),   // Saturday 19/12 moved to Friday
            ],
            dispatcher.Sent.Select(s => (s.Occurrence.OccurrenceKey, s.At)));
        Assert.All(dispatcher.Sent, s => Assert.False(s.Late));
        Assert.All(dispatcher.Sent, s => Assert.Equal(s.Occurrence.DueAt, s.At));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"a year took {watch.Elapsed}");
    }

    [Fact]
    public async Task A_restart_on_the_same_data_file_never_fires_a_reminder_twice()
    {
        var time = new FakeTimeProvider(Vietnam.Local(2026, 11, 20));
        var dispatcher = new RecordingDispatcher(time);

        await using (var first = await SchedulerRun.StartAsync(schedule, folder.DatabasePath, time, dispatcher))
        {
            await first.RunUntilAsync(Vietnam.Local(2026, 11, 26, 9));
        }

        Assert.Equal(["deadline-10-12:-14:2026"], dispatcher.Sent.Select(s => s.Occurrence.OccurrenceKey));

        await using (var second = await SchedulerRun.StartAsync(schedule, folder.DatabasePath, time, dispatcher))
        {
            Assert.Equal(0, await second.Scheduler.RunDueAsync(CancellationToken.None));
            await second.RunUntilAsync(Vietnam.Local(2026, 12, 3, 9));
            Assert.Equal(0, await second.Scheduler.RunDueAsync(CancellationToken.None));
        }

        await using (var third = await SchedulerRun.StartAsync(schedule, folder.DatabasePath, time, dispatcher))
        {
            await third.RunUntilAsync(Vietnam.Local(2026, 12, 3, 12));
            var runs = third.Runs.All();
            Assert.Equal(["deadline-10-12:-14:2026", "deadline-10-12:-7:2026"], runs.Select(r => r.OccurrenceKey));
            Assert.All(runs, r => Assert.Equal(ReminderRunStatus.Sent, r.Status));
        }

        Assert.Equal(["deadline-10-12:-14:2026", "deadline-10-12:-7:2026"], dispatcher.Sent.Select(s => s.Occurrence.OccurrenceKey));
    }

    [Fact]
    public async Task Reminders_that_fell_due_while_the_bot_was_down_are_sent_late_once_and_marked_late()
    {
        var time = new FakeTimeProvider(Vietnam.Local(2026, 11, 20));
        var dispatcher = new RecordingDispatcher(time);
        await using (var before = await SchedulerRun.StartAsync(schedule, folder.DatabasePath, time, dispatcher))
        {
            await before.RunUntilAsync(Vietnam.Local(2026, 11, 21, 12));
        }

        Assert.Empty(dispatcher.Sent);

        // Ten days with no scheduler running: the reminder of Thursday 26/11 08:00 falls due meanwhile.
        time.Advance(TimeSpan.FromDays(10));

        await using (var after = await SchedulerRun.StartAsync(schedule, folder.DatabasePath, time, dispatcher))
        {
            var late = Assert.Single(dispatcher.Sent);
            Assert.Equal("deadline-10-12:-14:2026", late.Occurrence.OccurrenceKey);
            Assert.True(late.Late);
            Assert.Equal(Vietnam.Local(2026, 12, 1, 12), late.At);

            var run = after.Runs.Find("deadline-10-12:-14:2026")!;
            Assert.True(run.Late);
            Assert.Equal(Vietnam.Local(2026, 11, 26, 8), run.DueAt);
            Assert.Equal(Vietnam.Local(2026, 12, 1, 12), run.FiredAt);
            Assert.Equal(ReminderRunStatus.Sent, run.Status);

            Assert.Equal(0, await after.Scheduler.RunDueAsync(CancellationToken.None));
        }

        await using (var again = await SchedulerRun.StartAsync(schedule, folder.DatabasePath, time, dispatcher))
        {
            await again.RunUntilAsync(Vietnam.Local(2026, 12, 3, 9));
        }

        Assert.Equal(
            [("deadline-10-12:-14:2026", true), ("deadline-10-12:-7:2026", false)],
            dispatcher.Sent.Select(s => (s.Occurrence.OccurrenceKey, s.Late)));
    }

    [Fact]
    public async Task A_first_start_on_a_new_data_file_does_not_send_the_past_month_of_reminders()
    {
        var time = new FakeTimeProvider(Vietnam.Local(2026, 12, 15, 12));
        var dispatcher = new RecordingDispatcher(time);

        await using (var run = await SchedulerRun.StartAsync(schedule, folder.DatabasePath, time, dispatcher))
        {
            Assert.Empty(dispatcher.Sent);
            await run.RunUntilAsync(Vietnam.Local(2026, 12, 17, 9));
        }

        Assert.Equal(["deadline-20-12:-3:2026"], dispatcher.Sent.Select(s => s.Occurrence.OccurrenceKey));
    }

    [Fact]
    public async Task A_reminder_the_dispatcher_refuses_is_recorded_as_failed_and_not_tried_again()
    {
        var time = new FakeTimeProvider(Vietnam.Local(2026, 11, 26, 7));
        var dispatcher = new RecordingDispatcher(time) { FailWhen = o => o.Offset == -14 };

        await using var run = await SchedulerRun.StartAsync(schedule, folder.DatabasePath, time, dispatcher);
        await run.RunUntilAsync(Vietnam.Local(2026, 11, 27));

        var failed = run.Runs.Find("deadline-10-12:-14:2026")!;
        Assert.Equal(ReminderRunStatus.Failed, failed.Status);
        Assert.Equal("broadcast refused", failed.Error);
        dispatcher.FailWhen = null;
        Assert.Equal(0, await run.Scheduler.RunDueAsync(CancellationToken.None));
        Assert.Empty(dispatcher.Sent);
    }

    [Fact]
    public async Task One_pass_run_by_hand_fires_what_is_due_and_nothing_ahead_of_time()
    {
        var time = new FakeTimeProvider(Vietnam.Local(2026, 12, 1));
        var dispatcher = new RecordingDispatcher(time);
        using var database = PcgdBotDatabase.Open(folder.DatabasePath);
        using var scheduler = new ReminderScheduler(schedule, new ReminderRunStore(database), dispatcher, time, NullLogger<ReminderScheduler>.Instance);

        Assert.Equal(0, await scheduler.RunDueAsync(CancellationToken.None));
        time.Advance(TimeSpan.FromDays(2) + TimeSpan.FromHours(7) + TimeSpan.FromMinutes(59));
        Assert.Equal(0, await scheduler.RunDueAsync(CancellationToken.None));
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await scheduler.RunDueAsync(CancellationToken.None));
        Assert.Equal(0, await scheduler.RunDueAsync(CancellationToken.None));

        Assert.Equal("deadline-10-12:-7:2026", Assert.Single(dispatcher.Sent).Occurrence.OccurrenceKey);
    }

    [Fact]
    public void A_run_record_is_taken_once_and_survives_closing_the_data_file()
    {
        var due = Vietnam.Local(2026, 12, 3, 8);
        using (var database = PcgdBotDatabase.Open(folder.DatabasePath))
        {
            var store = new ReminderRunStore(database);
            Assert.True(store.TryStart("deadline-10-12:-7:2026", due, due, late: false));
            Assert.False(store.TryStart("deadline-10-12:-7:2026", due, due.AddHours(5), late: true));
        }

        using (var reopened = PcgdBotDatabase.Open(folder.DatabasePath))
        {
            var store = new ReminderRunStore(reopened);
            Assert.False(store.TryStart("deadline-10-12:-7:2026", due, due.AddDays(1), late: true));
            var run = store.Find("deadline-10-12:-7:2026")!;
            Assert.Equal(due, run.FiredAt);
            Assert.False(run.Late);
            Assert.Equal(ReminderRunStatus.Started, run.Status);
        }
    }
}
