using System.Collections.Concurrent;
using System.Globalization;

namespace PcgdBot.Reminders.Schedule;

/// <summary>
/// One sending of a reminder: the reminder for one deadline at one offset, on the working day it was moved to.
/// </summary>
/// <param name="OccurrenceKey">"{reminder id}:{offset}:{deadline year}", e.g. "deadline-10-12:-7:2026": what the
/// run store remembers, so it must not depend on the holiday list (which may be corrected later).</param>
/// <param name="NominalDate">The deadline plus the offset.</param>
/// <param name="Date">The local date it is sent: <see cref="NominalDate"/>, or the working day it was moved to.</param>
/// <param name="DueAt">The reminder's time on <see cref="Date"/> in the schedule's time zone, in UTC.</param>
/// <param name="Message">The text with <c>{deadline}</c>, <c>{days}</c> and <c>{period}</c> filled in; a
/// <c>{late}</c> is left for the application (see <see cref="WithLateUnits"/>).</param>
public sealed record ReminderOccurrence(
    string ReminderId,
    string OccurrenceKey,
    int Offset,
    DateOnly Deadline,
    DateOnly NominalDate,
    DateOnly Date,
    DateTimeOffset DueAt,
    ReminderAudience Audience,
    string Message,
    bool OfferUpdate)
{
    public const string LatePlaceholder = "{late}";

    /// <summary>Whether the date was moved off a weekend or holiday.</summary>
    public bool Moved => Date != NominalDate;

    /// <summary>Whether the message lists the late units, which the application fills in when it sends.</summary>
    public bool ListsLateUnits => Message.Contains(LatePlaceholder, StringComparison.Ordinal);

    /// <summary>The message with <c>{late}</c> replaced by the names given, one per line after a dash.</summary>
    public string WithLateUnits(IEnumerable<string> units)
    {
        ArgumentNullException.ThrowIfNull(units);
        var names = units.ToList();
        if (names.Count == 0)
        {
            return Message.Replace(LatePlaceholder, "(không có)", StringComparison.Ordinal);
        }

        // The list starts on its own line, so the space written before the placeholder would end the line above.
        var list = "\n" + string.Join("\n", names.Select(n => "- " + n));
        return Message.Replace(" " + LatePlaceholder, list, StringComparison.Ordinal).Replace(LatePlaceholder, list, StringComparison.Ordinal);
    }
}

/// <summary>
/// The dates and times of every reminder of <c>dialogs/reminders.yaml</c>, each year, moved off weekends and the
/// holidays of <c>dialogs/holidays.tsv</c>.
/// </summary>
/// <remarks>
/// A reminder before (or on) the deadline that falls on a day off moves to the previous working day: sooner, never
/// later than planned. One after the deadline moves to the next working day instead, because moving it back could put
/// the list of late units on or before the deadline itself. When two offsets of one reminder land on the same day the
/// one nearest the deadline is kept, so nobody gets the same message twice in a morning.
/// </remarks>
public sealed class ReminderSchedule
{
    private readonly ConcurrentDictionary<int, IReadOnlyList<ReminderOccurrence>> byDeadlineYear = new();

    public ReminderSchedule(ReminderCatalog catalog, WorkingDays workingDays)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(workingDays);
        Catalog = catalog;
        WorkingDays = workingDays;
    }

    public ReminderCatalog Catalog { get; }

    public WorkingDays WorkingDays { get; }

    public TimeZoneInfo TimeZone => Catalog.TimeZone;

    /// <summary><c>reminders.yaml</c> and <c>holidays.tsv</c> from the content folder.</summary>
    /// <exception cref="ReminderFormatException">A file is missing or has a bad line.</exception>
    public static ReminderSchedule Load(string contentDirectory) =>
        new(ReminderFile.Load(contentDirectory), HolidayFile.Load(contentDirectory));

    /// <summary>The local date of an instant in the schedule's time zone.</summary>
    public DateOnly LocalDate(DateTimeOffset instant) => ReminderTimeZones.LocalDate(instant, TimeZone);

    /// <summary>Every occurrence sent on a local date from <paramref name="from"/> to <paramref name="to"/> (both included), by due time.</summary>
    public IReadOnlyList<ReminderOccurrence> Occurrences(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            return [];
        }

        // Offsets stay within half a year and moves within weeks, so the deadlines of the years either side are enough.
        var found = new List<ReminderOccurrence>();
        for (var year = from.Year - 1; year <= to.Year + 1; year++)
        {
            found.AddRange(ForDeadlineYear(year).Where(o => o.Date >= from && o.Date <= to));
        }

        return [.. found.OrderBy(o => o.DueAt).ThenBy(o => o.ReminderId, StringComparer.Ordinal).ThenBy(o => o.Offset)];
    }

    /// <summary>The first occurrence due strictly after <paramref name="instant"/>, looking a year ahead.</summary>
    public ReminderOccurrence? NextDueAfter(DateTimeOffset instant)
    {
        var today = LocalDate(instant);
        return Occurrences(today, today.AddDays(400)).FirstOrDefault(o => o.DueAt > instant);
    }

    private IReadOnlyList<ReminderOccurrence> ForDeadlineYear(int year) => byDeadlineYear.GetOrAdd(year, Build);

    private List<ReminderOccurrence> Build(int year)
    {
        var occurrences = new List<ReminderOccurrence>();
        foreach (var reminder in Catalog.Reminders)
        {
            var deadline = reminder.DeadlineIn(year);
            var taken = new HashSet<DateOnly>();
            foreach (var offset in reminder.Offsets.OrderBy(Math.Abs))
            {
                var nominal = deadline.AddDays(offset);
                var date = offset > 0 ? WorkingDays.OnOrAfter(nominal) : WorkingDays.OnOrBefore(nominal);
                if (!taken.Add(date))
                {
                    continue;
                }

                occurrences.Add(new ReminderOccurrence(
                    reminder.Id,
                    Key(reminder.Id, offset, year),
                    offset,
                    deadline,
                    nominal,
                    date,
                    ReminderTimeZones.ToInstant(date, reminder.Time, TimeZone),
                    reminder.Audience,
                    Render(reminder.Message, deadline, date),
                    reminder.OfferUpdate));
            }
        }

        return occurrences;
    }

    public static string Key(string reminderId, int offset, int deadlineYear) =>
        string.Create(CultureInfo.InvariantCulture, $"{reminderId}:{offset}:{deadlineYear}");

    private static string Render(string message, DateOnly deadline, DateOnly date) => message
        .Replace("{deadline}", deadline.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{days}", (deadline.DayNumber - date.DayNumber).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{period}", deadline.Year.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
}
