using PcgdBot.Reminders.Schedule;

namespace PcgdBot.Reminders.Tests.Schedule;

public sealed class ReminderFileTests
{
    [Fact]
    public void The_bundled_reminders_and_holidays_load()
    {
        var schedule = ReminderSchedule.Load(Vietnam.BundledDialogs);

        Assert.Equal(["deadline-10-12", "late-10-12", "deadline-20-12"], schedule.Catalog.Reminders.Select(r => r.Id));
        Assert.Equal(Vietnam.Offset, schedule.TimeZone.GetUtcOffset(new DateTime(2026, 12, 10)));

        var units = schedule.Catalog.Reminders[0];
        Assert.Equal((10, 12), (units.DeadlineDay, units.DeadlineMonth));
        Assert.Equal([-14, -7, -3, -1], units.Offsets);
        Assert.Equal(new TimeOnly(8, 0), units.Time);
        Assert.Equal(ReminderAudience.NotReported, units.Audience);
        Assert.True(units.OfferUpdate);

        var late = schedule.Catalog.Reminders[1];
        Assert.Equal([1], late.Offsets);
        Assert.Equal(ReminderAudience.Coordinators, late.Audience);
        Assert.Contains("{late}", late.Message, StringComparison.Ordinal);
        Assert.False(late.OfferUpdate);

        var coordinators = schedule.Catalog.Reminders[2];
        Assert.Equal((20, 12), (coordinators.DeadlineDay, coordinators.DeadlineMonth));
        Assert.Equal([-3, -1], coordinators.Offsets);
        Assert.Equal(ReminderAudience.Coordinators, coordinators.Audience);
    }

    [Fact]
    public void The_bundled_holidays_know_tet_and_the_fixed_holidays_for_2025_to_2027()
    {
        var days = HolidayFile.Load(Vietnam.BundledDialogs);

        Assert.True(days.HasDatesFor(2025));
        Assert.True(days.HasDatesFor(2026));
        Assert.True(days.HasDatesFor(2027));
        foreach (var tet in new[] { new DateOnly(2025, 1, 29), new DateOnly(2026, 2, 17), new DateOnly(2026, 2, 20), new DateOnly(2027, 2, 5) })
        {
            Assert.False(days.IsWorkingDay(tet), $"{tet:dd/MM/yyyy} is Tết");
        }

        Assert.Contains("mùng 1", days.HolidayName(new DateOnly(2026, 2, 17)), StringComparison.Ordinal);
        Assert.False(days.IsWorkingDay(new DateOnly(2026, 4, 27)));   // Giỗ Tổ on a Sunday, made up on Monday
        Assert.False(days.IsWorkingDay(new DateOnly(2027, 4, 16)));   // Giỗ Tổ 2027, a Friday
        Assert.False(days.IsWorkingDay(new DateOnly(2031, 4, 30)));   // every year
        Assert.False(days.IsWorkingDay(new DateOnly(2031, 9, 2)));
        Assert.True(days.IsWorkingDay(new DateOnly(2026, 1, 10)));    // Saturday worked for Friday 02/01
        Assert.True(days.IsWorkingDay(new DateOnly(2026, 12, 10)));
        Assert.False(days.HasDatesFor(2031));
    }

    private const string TimeZoneLine = "time-zone: Asia/Ho_Chi_Minh";

    private static string Yaml(
        string deadline = "\"10/12\"",
        string offsets = "[-1]",
        string time = "\"08:00\"",
        string audience = "not-reported",
        string message = "\"Còn {days} ngày nữa đến hạn {deadline}, năm {period}.\"",
        string zone = TimeZoneLine,
        string more = "") => $"""
        {zone}
        reminders:
          - id: han-a
            deadline: {deadline}
            offsets: {offsets}
            time: {time}
            audience: {audience}
            message: {message}
        {more}
        """;

    [Fact]
    public void The_test_template_itself_is_valid()
    {
        var catalog = ReminderFile.Parse(Yaml(), "reminders.yaml");

        Assert.Equal("han-a", Assert.Single(catalog.Reminders).Id);
    }

    public static TheoryData<string, int, string> BadFiles => new()
    {
        { Yaml(audience: "teachers"), 7, "unknown audience" },
        { Yaml(deadline: "\"31/02\""), 4, "bad day/month" },
        { Yaml(deadline: "\"29/02\""), 4, "bad day/month" },
        { Yaml(deadline: "\"10-12\""), 4, "bad day/month" },
        { Yaml(time: "\"25:00\""), 6, "bad time" },
        { Yaml(time: "\"8 giờ\""), 6, "bad time" },
        { Yaml(message: "\"Còn {ngay} ngày\""), 8, "unknown placeholder" },
        { Yaml(more: "  - id: han-a\n    deadline: \"20/12\"\n    offsets: [-1]\n    time: \"08:00\"\n    audience: coordinators\n    message: \"x\""), 9, "duplicate id" },
        { Yaml(zone: "time-zone: Mars/Olympus"), 1, "unknown time zone" },
        { Yaml(offsets: "[-1, x]"), 5, "bad offset" },
        { Yaml(offsets: "[-1, -1]"), 5, "duplicate offset" },
        { Yaml(offsets: "[-400]"), 5, "bad offset" },
        { Yaml(offsets: "[1]"), 8, "days after the deadline" },
        { Yaml(message: "\"Chưa báo cáo: {late}\""), 8, "late list before the deadline" },
        { Yaml(more: "  - id: han-b\n    deadline: \"20/12\"\n    offsets: [-1]\n    time: \"08:00\"\n    audience: coordinators\n    mesage: \"x\""), 14, "unknown key" },
        { Yaml(audience: "[coordinators, everyone]"), 7, "scalar expected" },
        { Yaml(message: "\"chưa đóng ngoặc"), 8, "invalid YAML" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void A_bad_reminders_file_is_refused_with_its_line_and_reason(string yaml, int line, string reason)
    {
        var error = Assert.Throws<ReminderFormatException>(() => ReminderFile.Parse(yaml, "reminders.yaml"));

        Assert.StartsWith($"reminders.yaml:{line}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Equal(line, error.Line);
    }

    [Fact]
    public void A_missing_reminders_file_is_refused_by_name()
    {
        var error = Assert.Throws<ReminderFormatException>(() => ReminderFile.Load(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"))));

        Assert.StartsWith("reminders.yaml:0: ", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> BadHolidayLines => new()
    {
        { "31/02/2026\tKhông có ngày này", "bad date" },
        { "13/13\tTháng 13", "bad date" },
        { "29/02\tKhông năm nào cũng có", "bad date" },
        { "01/01/1999\tQuá xa", "bad date" },
        { "mùng 1 Tết\tTết", "bad date" },
        { "01/05/2026", "expected date<TAB>name" },
        { "01/05/2026 Quốc tế Lao động", "expected date<TAB>name" },
        { "02/01/2026\tLàm bù\tlàm bù", "make-up day on a weekday" },
        { "10/01\tLàm bù\tlàm bù", "make-up day without a year" },
        { "10/01/2026\tLàm bù\tlam bu", "unknown kind" },
        { "30/04\tNgày Chiến thắng lần nữa", "duplicate date" },
        { "17/02/2026\tTết\tnghỉ\tghi chú", "too many columns" },
    };

    [Theory]
    [MemberData(nameof(BadHolidayLines))]
    public void A_bad_holidays_line_is_refused_with_its_line_and_reason(string badLine, string reason)
    {
        var text = "# Ngày nghỉ\n\n30/04\tNgày Chiến thắng\n" + badLine + "\n";

        var error = Assert.Throws<ReminderFormatException>(() => HolidayFile.Parse(text, "holidays.tsv"));

        Assert.StartsWith("holidays.tsv:4: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Vietnam_time_is_a_fixed_utc_plus_7_zone_when_the_system_has_no_time_zone_data()
    {
        static TimeZoneInfo NoTzData(string id) => throw new TimeZoneNotFoundException(id);

        var zone = ReminderTimeZones.Find("Asia/Ho_Chi_Minh", NoTzData);

        Assert.NotNull(zone);
        Assert.Equal(TimeSpan.FromHours(7), zone.GetUtcOffset(new DateTime(2026, 6, 1)));
        Assert.Equal(new DateTimeOffset(2026, 12, 10, 1, 0, 0, TimeSpan.Zero), ReminderTimeZones.ToInstant(new DateOnly(2026, 12, 10), new TimeOnly(8, 0), zone));
        Assert.Null(ReminderTimeZones.Find("Mars/Olympus", NoTzData));
    }
}
