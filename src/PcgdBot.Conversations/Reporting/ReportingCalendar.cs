using System.Globalization;

namespace PcgdBot.Conversations.Reporting;

/// <summary>
/// Reporting periods: a year that ends on the plan's deadline (10/12 by default). The period is named by the
/// year it ends in: with the deadline 10/12, 11/12/2025–10/12/2026 is period "2026".
/// </summary>
public sealed class ReportingCalendar(int endDay, int endMonth)
{
    public int EndDay { get; } = endDay;

    public int EndMonth { get; } = endMonth;

    public string PeriodOf(DateOnly day)
    {
        var end = EndIn(day.Year);
        return (day <= end ? day.Year : day.Year + 1).ToString(CultureInfo.InvariantCulture);
    }

    public (DateOnly First, DateOnly Last) RangeOf(string period)
    {
        var year = int.Parse(period, CultureInfo.InvariantCulture);
        return (EndIn(year - 1).AddDays(1), EndIn(year));
    }

    public DateOnly DeadlineOf(string period) => RangeOf(period).Last;

    /// <summary>"11/12/2025 – 10/12/2026".</summary>
    public string Describe(string period)
    {
        var (first, last) = RangeOf(period);
        return first.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) + " – " + last.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
    }

    private DateOnly EndIn(int year) => new(year, EndMonth, Math.Min(EndDay, DateTime.DaysInMonth(year, EndMonth)));

    /// <summary>Reads "10/12" (day/month).</summary>
    public static ReportingCalendar Parse(string dayMonth)
    {
        var parts = dayMonth.Split('/', '-', '.');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(2024, month))
        {
            return new ReportingCalendar(day, month);
        }

        throw new FormatException($"\"{dayMonth}\" không phải ngày/tháng, ví dụ 10/12 (expected day/month)");
    }
}
