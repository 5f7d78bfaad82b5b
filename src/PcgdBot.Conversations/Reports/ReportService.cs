using System.Globalization;
using PcgdBot.Answers;
using PcgdBot.Conversations.Reporting;
using PcgdBot.Plan;
using PcgdBot.Reports;
using PcgdBot.Storage.Reporting;

namespace PcgdBot.Conversations.Reports;

public enum ReportFormat
{
    Docx,
    Xlsx,
}

/// <summary>The report made (with its file), or why not, said for a person.</summary>
public sealed record ReportOutcome(ChatFile? File, AnnualReport? Report, string? Error);

/// <summary>
/// Makes the consolidated report for the command line and the chat: checks the period and the unit, reads the data
/// through <see cref="IReportSource"/>, builds the model and writes the file.
/// </summary>
public sealed class ReportService(PcgdBotContent content, IReportSource source, ReportingCalendar calendar, Func<UnitDirectory> units, ReportSettings settings, TimeZoneInfo timeZone)
{
    public const string RepliesFile = "replies.report.vi.txt";

    private static readonly IReadOnlyDictionary<string, string[]> Required = new Dictionary<string, string[]>
    {
        ["report.unknown-period"] = ["period", "periods", "example"],
        ["report.unknown-unit"] = ["unit"],
        ["report.ready"] = ["period", "format", "reported", "units", "missing"],
        ["report.ready-unit"] = ["period", "format", "unit", "updates"],
        ["report.refused"] = [],
        ["report.not-registered"] = [],
        ["report.link"] = ["link", "minutes"],
        ["report.link-expired"] = [],
        ["report.link-not-found"] = [],
        ["report.link-forbidden"] = [],
    };

    /// <summary>The report's sentences (<c>dialogs/replies.report.vi.txt</c>), checked with file:line errors.</summary>
    public ReplyTemplates Replies { get; } = ReplyTemplates.Load(content.Directory, RepliesFile, Required);

    public PcgdBotContent Content => content;

    public UnitDirectory Units => units();

    public string CurrentPeriod(DateOnly today) => calendar.PeriodOf(today);

    /// <summary>The report of <paramref name="period"/> (default: the current one), all units or one unit (by name or alias).</summary>
    public ReportOutcome Create(string? period, ReportFormat format, string? unitName, DateOnly today)
    {
        UnitRecord? unit = null;
        if (unitName is { Length: > 0 })
        {
            unit = units().Resolve(unitName);
            if (unit is null)
            {
                return new ReportOutcome(null, null, Replies.Render("report.unknown-unit", ("unit", unitName)));
            }
        }

        return Create(period, format, unit, today);
    }

    public ReportOutcome Create(string? period, ReportFormat format, UnitRecord? unit, DateOnly today)
    {
        var current = calendar.PeriodOf(today);
        var usual = DefaultPeriod(today);
        period = period?.Trim() is { Length: > 0 } asked ? asked : usual;
        var (oldest, _) = source.PeriodRange();
        var first = oldest is not null && string.CompareOrdinal(oldest, usual) < 0 ? oldest : usual;
        if (!IsKnownPeriod(period, first, current))
        {
            var known = first == current ? current : $"{first}–{current}";
            return new ReportOutcome(null, null, Replies.Render("report.unknown-period", ("period", period), ("periods", known), ("example", usual)));
        }

        IReadOnlySet<string>? scope = null;
        if (unit is not null)
        {
            var directory = units();
            scope = directory.ReportingUnitsWithin(unit).Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
        }

        var request = new ReportRequest(period, calendar.DeadlineOf(period), today, timeZone, scope, unit?.Name);
        var report = AnnualReportBuilder.Build(content.Plan, source.Read(period), settings, request);
        var slug = unit is null ? string.Empty : "-" + VietnameseText.Slug(unit.Name);
        var file = format == ReportFormat.Xlsx
            ? new ChatFile($"bao-cao-{period}{slug}.xlsx", XlsxReportWriter.MediaType, XlsxReportWriter.Write(report))
            : new ChatFile($"bao-cao-{period}{slug}.docx", DocxReportWriter.MediaType, DocxReportWriter.Write(report));
        return new ReportOutcome(file, report, null);
    }

    /// <summary>What the bot says with the file.</summary>
    public string Describe(AnnualReport report, ReportFormat format)
    {
        var formatName = format == ReportFormat.Xlsx ? "Excel" : "Word";
        if (report.ScopeName is { } unit)
        {
            return Replies.Render("report.ready-unit", ("period", report.Period), ("format", formatName), ("unit", unit), ("updates", report.Updates.Count.ToString(CultureInfo.InvariantCulture)));
        }

        var s = report.Summary;
        return Replies.Render("report.ready",
            ("period", report.Period), ("format", formatName),
            ("reported", (s.OnTime + s.Late).ToString(CultureInfo.InvariantCulture)),
            ("units", s.ReportingUnits.ToString(CultureInfo.InvariantCulture)),
            ("missing", s.Missing.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>
    /// The period a report is usually wanted for: the one that was current a month ago. Between the units' deadline
    /// (10/12) and the office's own (20/12) that is the period just closed, not the new one that has barely begun.
    /// </summary>
    public string DefaultPeriod(DateOnly today) => calendar.PeriodOf(today.AddDays(-31));

    /// <summary>A year from the oldest period with data (or the usual one) up to the current one.</summary>
    private static bool IsKnownPeriod(string period, string first, string current) =>
        period.Length == 4
        && int.TryParse(period, NumberStyles.None, CultureInfo.InvariantCulture, out var year)
        && year >= int.Parse(first, CultureInfo.InvariantCulture)
        && year <= int.Parse(current, CultureInfo.InvariantCulture);
}
