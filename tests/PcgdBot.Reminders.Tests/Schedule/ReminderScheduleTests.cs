using PcgdBot.Reminders.Schedule;

namespace PcgdBot.Reminders.Tests.Schedule;

public sealed class ReminderScheduleTests
{
    private static string OneReminder(string deadline, string offsets, string message = "Còn {days} ngày nữa đến hạn {deadline}.") => $"""
        time-zone: Asia/Ho_Chi_Minh
        reminders:
          - id: thu
            deadline: "{deadline}"
            offsets: {offsets}
            time: "08:00"
            audience: everyone
            message: "{message}"
        """;

    [Fact]
    public void The_bundled_schedule_for_2026_is_the_seven_expected_occurrences_at_8_am_vietnam_time()
    {
        var schedule = ReminderSchedule.Load(Vietnam.BundledDialogs);

        var occurrences = schedule.Occurrences(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));

        Assert.Equal(
            [
                ("deadline-10-12:-14:2026", new DateOnly(2026, 11, 26), new DateOnly(2026, 11, 26)),
                ("deadline-10-12:-7:2026", new DateOnly(2026, 12, 3), new DateOnly(2026, 12, 3)),
                ("deadline-10-12:-3:2026", new DateOnly(2026, 12, 7), new DateOnly(2026, 12, 7)),
                ("deadline-10-12:-1:2026", new DateOnly(2026, 12, 9), new DateOnly(2026, 12, 9)),
                ("late-10-12:1:2026", new DateOnly(2026, 12, 11), new DateOnly(2026, 12, 11)),
                ("deadline-20-12:-3:2026", new DateOnly(2026, 12, 17), new DateOnly(2026, 12, 17)),
                ("deadline-20-12:-1:2026", new DateOnly(2026, 12, 19), new DateOnly(2026, 12, 18)),
            ],
            occurrences.Select(o => (o.OccurrenceKey, o.NominalDate, o.Date)));
        Assert.All(occurrences, o => Assert.Equal(new TimeSpan(1, 0, 0), o.DueAt.UtcDateTime.TimeOfDay));
        Assert.All(occurrences, o => Assert.Equal(TimeSpan.Zero, o.DueAt.Offset));
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 1, 0, 0, TimeSpan.Zero), occurrences[2].DueAt);
    }

    [Fact]
    public void The_message_gets_the_full_deadline_the_year_and_the_days_left_from_the_day_it_is_sent()
    {
        var occurrences = ReminderSchedule.Load(Vietnam.BundledDialogs).Occurrences(new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 31));

        var threeDays = occurrences.Single(o => o.OccurrenceKey == "deadline-10-12:-3:2026");
        Assert.StartsWith("Còn 3 ngày nữa đến hạn báo cáo 10/12/2026.", threeDays.Message, StringComparison.Ordinal);
        Assert.Contains("báo cáo năm 2026", threeDays.Message, StringComparison.Ordinal);
        Assert.True(threeDays.OfferUpdate);
        Assert.Equal(ReminderAudience.NotReported, threeDays.Audience);

        // 19/12/2026 is a Saturday: sent on Friday 18/12, two days before the deadline, and the text says so.
        var moved = occurrences.Single(o => o.OccurrenceKey == "deadline-20-12:-1:2026");
        Assert.True(moved.Moved);
        Assert.StartsWith("Còn 2 ngày nữa đến hạn 20/12/2026:", moved.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_late_notice_leaves_the_late_units_for_the_application_to_fill_in()
    {
        var notice = ReminderSchedule.Load(Vietnam.BundledDialogs)
            .Occurrences(new DateOnly(2026, 12, 11), new DateOnly(2026, 12, 11))
            .Single();

        Assert.Equal("late-10-12", notice.ReminderId);
        Assert.True(notice.ListsLateUnits);
        Assert.Contains("{late}", notice.Message, StringComparison.Ordinal);
        var filled = notice.WithLateUnits(["Xã Mường So", "Xã Nậm Xe"]);
        Assert.EndsWith("năm 2026:\n- Xã Mường So\n- Xã Nậm Xe", filled, StringComparison.Ordinal);
        Assert.DoesNotContain("{", filled, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reminder_falling_on_a_sunday_moves_to_the_friday_before()
    {
        // Deadline Tuesday 15/12/2026: two days before is Sunday 13/12.
        var occurrence = Vietnam.ScheduleWith(OneReminder("15/12", "[-2]")).Occurrences(new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 31)).Single();

        Assert.Equal(new DateOnly(2026, 12, 13), occurrence.NominalDate);
        Assert.Equal(new DateOnly(2026, 12, 11), occurrence.Date);
        Assert.Equal("thu:-2:2026", occurrence.OccurrenceKey);
        Assert.Equal("Còn 4 ngày nữa đến hạn 15/12/2026.", occurrence.Message);
    }

    [Fact]
    public void A_reminder_falling_during_tet_moves_to_the_last_working_day_before_the_break()
    {
        // Deadline Friday 20/02/2026 (mùng 4 Tết): two days before is 18/02, mùng 2. The break runs 14/02 to 22/02,
        // so the reminder goes out on Friday 13/02, a week before the deadline.
        var schedule = Vietnam.ScheduleWith(OneReminder("20/02", "[-2]"));

        var occurrence = schedule.Occurrences(new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31)).Single();

        Assert.Contains("mùng 2", schedule.WorkingDays.HolidayName(occurrence.NominalDate), StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2026, 2, 18), occurrence.NominalDate);
        Assert.Equal(new DateOnly(2026, 2, 13), occurrence.Date);
        Assert.Equal(new DateTimeOffset(2026, 2, 13, 1, 0, 0, TimeSpan.Zero), occurrence.DueAt);
        Assert.Equal("Còn 7 ngày nữa đến hạn 20/02/2026.", occurrence.Message);
    }

    [Fact]
    public void Offsets_that_move_onto_the_same_day_are_sent_once_keeping_the_one_nearest_the_deadline()
    {
        // -7 is Friday 13/02; -3 (17/02, mùng 1) and -1 (19/02, mùng 3) both move back to it.
        var occurrences = Vietnam.ScheduleWith(OneReminder("20/02", "[-7, -3, -1]")).Occurrences(new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31));

        var only = Assert.Single(occurrences);
        Assert.Equal("thu:-1:2026", only.OccurrenceKey);
        Assert.Equal(new DateOnly(2026, 2, 13), only.Date);
        Assert.Equal("Còn 7 ngày nữa đến hạn 20/02/2026.", only.Message);
    }

    [Fact]
    public void A_reminder_after_the_deadline_falling_on_a_day_off_moves_forward_not_back_before_the_deadline()
    {
        // Deadline Friday 13/02/2026; the day after is Saturday 14/02, the start of the Tết break (to 22/02).
        var occurrence = Vietnam.ScheduleWith(OneReminder("13/02", "[1]", "Đã hết hạn {deadline}: {late}"))
            .Occurrences(new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31))
            .Single();

        Assert.Equal(new DateOnly(2026, 2, 14), occurrence.NominalDate);
        Assert.Equal(new DateOnly(2026, 2, 23), occurrence.Date);
    }

    [Fact]
    public void A_saturday_worked_in_exchange_for_a_day_off_is_a_working_day_for_reminders()
    {
        // Saturday 10/01/2026 was worked in exchange for Friday 02/01.
        var occurrence = Vietnam.ScheduleWith(OneReminder("11/01", "[-1]")).Occurrences(new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 31)).Single();

        Assert.False(occurrence.Moved);
        Assert.Equal(new DateOnly(2026, 1, 10), occurrence.Date);
    }

    [Fact]
    public void A_deadline_early_in_the_year_has_its_reminders_in_the_december_before()
    {
        // Deadline Monday 04/01/2027 with a reminder 7 days before: 28/12/2026, sent in the 2026 range, keyed by 2027.
        var occurrence = Vietnam.ScheduleWith(OneReminder("04/01", "[-7]")).Occurrences(new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 31)).Single();

        Assert.Equal("thu:-7:2027", occurrence.OccurrenceKey);
        Assert.Equal(new DateOnly(2026, 12, 28), occurrence.Date);
        Assert.Equal(new DateOnly(2027, 1, 4), occurrence.Deadline);
    }

    [Fact]
    public void Working_days_skip_weekends_and_holidays_in_both_directions()
    {
        var days = HolidayFile.Load(Vietnam.BundledDialogs);

        Assert.Equal(new DateOnly(2026, 12, 18), days.PreviousWorkingDay(new DateOnly(2026, 12, 19)));
        Assert.Equal(new DateOnly(2026, 12, 17), days.PreviousWorkingDay(new DateOnly(2026, 12, 18)));
        Assert.Equal(new DateOnly(2026, 2, 13), days.PreviousWorkingDay(new DateOnly(2026, 2, 22)));
        Assert.Equal(new DateOnly(2026, 2, 23), days.NextWorkingDay(new DateOnly(2026, 2, 13)));
        Assert.Equal(new DateOnly(2026, 4, 28), days.NextWorkingDay(new DateOnly(2026, 4, 24)));   // Giỗ Tổ 26/04 made up on 27/04
        Assert.Equal(new DateOnly(2026, 12, 18), days.OnOrBefore(new DateOnly(2026, 12, 18)));
        Assert.Equal(new DateOnly(2026, 12, 18), WorkingDays.WeekendsOnly.OnOrBefore(new DateOnly(2026, 12, 20)));
    }

    [Fact]
    public void Next_due_is_strictly_after_the_instant_given()
    {
        var schedule = ReminderSchedule.Load(Vietnam.BundledDialogs);

        Assert.Equal("deadline-10-12:-14:2026", schedule.NextDueAfter(Vietnam.Local(2026, 6, 1))!.OccurrenceKey);
        Assert.Equal("deadline-10-12:-7:2026", schedule.NextDueAfter(Vietnam.Local(2026, 11, 26, 8))!.OccurrenceKey);
        Assert.Equal("deadline-10-12:-14:2027", schedule.NextDueAfter(Vietnam.Local(2026, 12, 18, 8))!.OccurrenceKey);
    }
}
