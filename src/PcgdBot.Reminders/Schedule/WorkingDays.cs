namespace PcgdBot.Reminders.Schedule;

/// <summary>
/// A row of <c>dialogs/holidays.tsv</c>: a day off every year (<see cref="Year"/> null), a day off in one year, or a
/// weekend day worked in one year to make up for a swapped day off (<see cref="IsMakeUpWorkday"/>).
/// </summary>
public sealed record HolidayEntry(int Day, int Month, int? Year, string Name, bool IsMakeUpWorkday = false);

/// <summary>
/// Monday to Friday, less the holidays of <c>dialogs/holidays.tsv</c>, plus the Saturdays worked to make up for a
/// swapped day off.
/// </summary>
public sealed class WorkingDays
{
    /// <summary>More days off in a row than this means the holiday list is broken, not a long Tết.</summary>
    private const int LongestBreak = 60;

    private readonly Dictionary<(int Month, int Day), string> everyYear = [];
    private readonly Dictionary<DateOnly, string> dated = [];
    private readonly Dictionary<DateOnly, string> makeUpWorkdays = [];
    private readonly HashSet<int> yearsListed = [];

    public WorkingDays(IEnumerable<HolidayEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Entries = [.. entries];
        foreach (var entry in Entries)
        {
            if (entry.Year is not { } year)
            {
                everyYear[(entry.Month, entry.Day)] = entry.Name;
                continue;
            }

            yearsListed.Add(year);
            var date = new DateOnly(year, entry.Month, entry.Day);
            if (entry.IsMakeUpWorkday)
            {
                makeUpWorkdays[date] = entry.Name;
            }
            else
            {
                dated[date] = entry.Name;
            }
        }
    }

    /// <summary>Weekends only: for tests and for a deployment that has no holiday list.</summary>
    public static WorkingDays WeekendsOnly { get; } = new([]);

    public IReadOnlyList<HolidayEntry> Entries { get; }

    /// <summary>
    /// Whether the list has rows for that particular year. Tết and Giỗ Tổ move with the lunar calendar, so a year
    /// without rows is a year whose holidays the schedule does not know.
    /// </summary>
    public bool HasDatesFor(int year) => yearsListed.Contains(year);

    /// <summary>The holiday's name, or null for a working day or a plain weekend.</summary>
    public string? HolidayName(DateOnly date) =>
        dated.TryGetValue(date, out var name) || everyYear.TryGetValue((date.Month, date.Day), out name) ? name : null;

    public bool IsWorkingDay(DateOnly date)
    {
        if (makeUpWorkdays.ContainsKey(date))
        {
            return true;
        }

        return date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && HolidayName(date) is null;
    }

    /// <summary>The closest working day strictly before <paramref name="date"/>.</summary>
    public DateOnly PreviousWorkingDay(DateOnly date) => Step(date, -1);

    /// <summary>The closest working day strictly after <paramref name="date"/>.</summary>
    public DateOnly NextWorkingDay(DateOnly date) => Step(date, 1);

    /// <summary><paramref name="date"/> when it is a working day, else the closest one before it.</summary>
    public DateOnly OnOrBefore(DateOnly date) => IsWorkingDay(date) ? date : PreviousWorkingDay(date);

    /// <summary><paramref name="date"/> when it is a working day, else the closest one after it.</summary>
    public DateOnly OnOrAfter(DateOnly date) => IsWorkingDay(date) ? date : NextWorkingDay(date);

    private DateOnly Step(DateOnly date, int direction)
    {
        for (var i = 1; i <= LongestBreak; i++)
        {
            var candidate = date.AddDays(direction * i);
            if (IsWorkingDay(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"No working day within {LongestBreak} days of {date:dd/MM/yyyy}: the holiday list marks too many days off.");
    }
}
