using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PcgdBot.Plan;

namespace PcgdBot.Reports;

/// <summary>What to report on: the period, its deadline, optionally one unit (and its members).</summary>
/// <param name="Deadline">The last day updates count as on time (10/12 of the period's year).</param>
/// <param name="IssueDate">The date line's date; null leaves "ngày … tháng … năm …".</param>
/// <param name="UnitIds">Only these stored units (a commune, a unit with its members); null for all.</param>
/// <param name="ScopeName">The name of that scope, said in the subject.</param>
public sealed record ReportRequest(string Period, DateOnly Deadline, DateOnly? IssueDate, TimeZoneInfo TimeZone, IReadOnlySet<string>? UnitIds = null, string? ScopeName = null);

/// <summary>
/// Builds the consolidated report from the plan (part IV's units and duties in order, II's targets, IV's reporting
/// recipient, the district) and the period's stored updates. Nothing about a particular district is written here.
/// </summary>
public static partial class AnnualReportBuilder
{
    public static AnnualReport Build(PlanDocument plan, ReportData data, ReportSettings settings, ReportRequest request)
    {
        var units = data.Units.ToDictionary(u => u.Id, StringComparer.Ordinal);
        var parents = data.Units.Where(u => u.ParentId is not null).Select(u => u.ParentId!).ToHashSet(StringComparer.Ordinal);
        bool InScope(ReportUnit unit) => request.UnitIds is null || request.UnitIds.Contains(unit.Id);
        var reporters = data.Units.Where(u => u.Reports && !parents.Contains(u.Id) && InScope(u)).OrderBy(u => u.Order).ToList();
        var reporterIds = reporters.Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
        var dutiesById = plan.Duties.ToDictionary(d => d.Id, StringComparer.Ordinal);
        var planUnitNames = plan.Units.ToDictionary(u => u.Id, u => u.Name, StringComparer.Ordinal);

        var lines = new List<UpdateLine>(data.Updates.Count);
        foreach (var update in data.Updates)
        {
            if (!units.TryGetValue(update.UnitId, out var unit) || (request.UnitIds is not null && !request.UnitIds.Contains(unit.Id)))
            {
                continue;
            }

            var duty = update.DutyId is { } dutyId ? dutiesById.GetValueOrDefault(dutyId) : null;
            var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(update.CreatedAtUtc, DateTimeKind.Utc), request.TimeZone);
            lines.Add(new UpdateLine(update, unit.Name, planUnitNames.GetValueOrDefault(unit.PlanUnitId, unit.Name), duty?.Section, duty?.Text ?? update.Task, local, DateOnly.FromDateTime(local) > request.Deadline));
        }

        var statuses = UnitStatuses(plan, reporters, lines);
        var sections = Sections(plan, lines, reporters, request.UnitIds is not null);
        var communes = Communes(plan, reporters.Where(u => u.IsCommune).ToList(), lines);
        var summary = Summary(statuses, lines.Count);
        var (targets, targetsHeading) = Targets(plan);
        var office = IssuingOffice(plan);
        var header = Header(plan, settings, request, office);
        var recipients = new List<string>();
        if (FinalRecipient(plan, office) is { } recipient)
        {
            recipients.Add(recipient + " (b/c);");
        }

        recipients.Add(ReportWording.Archive);
        var signature = new ReportSignature(Blankless(settings.SignerTitle), Blankless(settings.SignerName));
        return new AnnualReport(header, request.Period, request.Deadline, request.ScopeName, summary, sections, communes, statuses, targets, targetsHeading, recipients, signature, lines);
    }

    private static List<ReportingUnitStatus> UnitStatuses(PlanDocument plan, List<ReportUnit> reporters, List<UpdateLine> lines)
    {
        var byUnit = lines.GroupBy(l => l.Update.UnitId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        return [.. reporters.Select(unit =>
        {
            var section = plan.FindUnit(unit.PlanUnitId)?.Section ?? string.Empty;
            if (!byUnit.TryGetValue(unit.Id, out var own))
            {
                return new ReportingUnitStatus(unit, section, Timeliness.Missing, 0, null, null);
            }

            var timeliness = own.Any(l => !l.Late) ? Timeliness.OnTime : Timeliness.Late;
            return new ReportingUnitStatus(unit, section, timeliness, own.Count, own.Min(l => l.Update.CreatedAtUtc), own.Max(l => l.Update.CreatedAtUtc));
        })];
    }

    private static ReportSummary Summary(List<ReportingUnitStatus> statuses, int updates)
    {
        var communes = statuses.Where(s => s.Unit.IsCommune).ToList();
        return new ReportSummary(
            statuses.Count, statuses.Count(s => s.Timeliness == Timeliness.OnTime), statuses.Count(s => s.Timeliness == Timeliness.Late), statuses.Count(s => s.Timeliness == Timeliness.Missing),
            communes.Count, communes.Count(s => s.Timeliness == Timeliness.OnTime), communes.Count(s => s.Timeliness == Timeliness.Late), communes.Count(s => s.Timeliness == Timeliness.Missing),
            updates);
    }

    /// <summary>One section per part-IV unit in the plan's order: its own duties, then other duties its people reported on, then "việc khác".</summary>
    private static List<UnitSection> Sections(PlanDocument plan, List<UpdateLine> lines, List<ReportUnit> reporters, bool scoped)
    {
        var reporterPlanUnits = reporters.Select(u => u.PlanUnitId).ToHashSet(StringComparer.Ordinal);
        var planUnitOf = reporters.ToDictionary(u => u.Id, u => u.PlanUnitId, StringComparer.Ordinal);
        var linesByPlanUnit = lines.Where(l => planUnitOf.ContainsKey(l.Update.UnitId))
            .ToLookup(l => planUnitOf[l.Update.UnitId], StringComparer.Ordinal);
        var dutyOrder = plan.Duties.Select((d, i) => (d.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        var sections = new List<UnitSection>();
        foreach (var unit in plan.ResponsibleUnits)
        {
            if (scoped && !reporterPlanUnits.Contains(unit.Id))
            {
                continue;
            }

            var own = linesByPlanUnit[unit.Id].ToList();
            var byDuty = own.Where(l => l.DutySection is not null).ToLookup(l => l.Update.DutyId!, StringComparer.Ordinal);
            var blocks = plan.Duties.Where(d => d.Section == unit.Section)
                .Select(d => new DutyBlock(d.Id, d.Text, [.. byDuty[d.Id]]))
                .ToList();
            var listed = blocks.Select(b => b.DutyId!).ToHashSet(StringComparer.Ordinal);
            foreach (var group in byDuty.Where(g => !listed.Contains(g.Key)).OrderBy(g => dutyOrder[g.Key]))
            {
                blocks.Add(new DutyBlock(group.Key, group.First().DutyText, [.. group]));
            }

            var other = own.Where(l => l.DutySection is null).ToList();
            if (other.Count > 0)
            {
                blocks.Add(new DutyBlock(null, ReportWording.OtherWork, other));
            }

            sections.Add(new UnitSection(unit.Section!, unit.Name, blocks));
        }

        return sections;
    }

    private static CommuneTable Communes(PlanDocument plan, List<ReportUnit> communes, List<UpdateLine> lines)
    {
        var sectionsOfCommunes = communes.Select(c => plan.FindUnit(c.PlanUnitId)?.Section).Where(s => s is not null).ToHashSet(StringComparer.Ordinal);
        var columns = plan.Duties.Where(d => sectionsOfCommunes.Contains(d.Section)).Select(d => new DutyColumn(d.Id, d.Text)).ToList();
        var latest = new Dictionary<(string Unit, string Duty), UpdateLine>();
        foreach (var line in lines)
        {
            if (line.Update.DutyId is { } duty)
            {
                // Receipt order: the last one seen is the latest.
                latest[(line.Update.UnitId, duty)] = line;
            }
        }

        var rows = communes.Select(c => new CommuneRow(c.Name, [.. columns.Select(col => latest.GetValueOrDefault((c.Id, col.DutyId)))])).ToList();
        return new CommuneTable(columns, rows);
    }

    /// <summary>The quantified targets of part II's specific-objectives section, as the plan states them.</summary>
    private static (List<TargetLine>, string?) Targets(PlanDocument plan)
    {
        var targets = plan.Targets.Select(t => new TargetLine(t.Value, t.Text, t.Year)).ToList();
        var section = plan.Targets.Select(t => t.Section).FirstOrDefault();
        var heading = section is null ? null : plan.Sections.FirstOrDefault(s => s.Id == section)?.Title;
        return (targets, heading);
    }

    /// <summary>The office that consolidates: the unit the others report to (IV, "Chế độ thông tin, báo cáo"); else the plan's first unit.</summary>
    internal static PlanUnit? IssuingOffice(PlanDocument plan)
    {
        foreach (var deadline in plan.Deadlines.OrderBy(d => (d.Month, d.Day)))
        {
            if (FindByName(plan, deadline.Recipient) is { } recipient)
            {
                return recipient;
            }
        }

        return plan.ResponsibleUnits.FirstOrDefault();
    }

    /// <summary>Whom the office's own report goes to: the recipient of the deadline the office reports by.</summary>
    internal static string? FinalRecipient(PlanDocument plan, PlanUnit? office)
    {
        var own = office is null ? null : plan.Deadlines.Where(d => d.Reporters.Contains(office.Id)).OrderBy(d => (d.Month, d.Day)).LastOrDefault();
        if (own is not null)
        {
            return own.Recipient;
        }

        // A plan that does not say: the report goes to the authority that issued the plan.
        return plan.District is { } district ? "Ủy ban nhân dân huyện " + district : null;
    }

    private static PlanUnit? FindByName(PlanDocument plan, string name)
    {
        var folded = VietnameseText.Fold(name);
        return plan.Units.FirstOrDefault(u => VietnameseText.Fold(u.Name) == folded || u.Aliases.Any(a => VietnameseText.Fold(a) == folded));
    }

    private static ReportHeader Header(PlanDocument plan, ReportSettings settings, ReportRequest request, PlanUnit? office)
    {
        var culture = CultureInfo.GetCultureInfo("vi-VN");
        var district = plan.District;
        var parent = Blankless(settings.ParentAuthority) ?? (district is null ? ReportWording.DottedName : "UBND HUYỆN " + district.ToUpper(culture));
        var officeName = office?.Name.ToUpper(culture) ?? ReportWording.DottedName;
        var number = Blankless(settings.DocumentNumber) ?? ReportWording.Blank;
        var numberLine = $"Số: {number}/BC-{(office is null ? ReportWording.Blank : Initials(office.Name))}";
        var place = Blankless(settings.Place) ?? district ?? ReportWording.DottedName;
        var dateLine = request.IssueDate is { } day
            ? $"{place}, ngày {day.Day:00} tháng {day.Month:00} năm {day.Year}"
            : $"{place}, ngày {ReportWording.Blank} tháng {ReportWording.Blank} năm {request.Period}";
        var planTitle = TrailingYear().Replace(plan.Title.Trim().TrimEnd('.'), string.Empty);
        if (planTitle.Length > 0)
        {
            planTitle = char.ToLower(planTitle[0], culture) + planTitle[1..];
        }

        var subject = $"Kết quả thực hiện Kế hoạch {planTitle} năm {request.Period}";
        if (request.ScopeName is { Length: > 0 } scope)
        {
            subject += $" ({scope})";
        }

        return new ReportHeader(parent, officeName, numberLine, dateLine, subject, office?.Name ?? ReportWording.DottedName);
    }

    /// <summary>"Phòng Giáo dục và Đào tạo" → "PGDĐT", as document numbers abbreviate the issuer.</summary>
    internal static string Initials(string name)
    {
        var builder = new StringBuilder();
        foreach (var word in name.Split([' ', '-', '–'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (word is "và" or "&" || !char.IsLetter(word[0]))
            {
                continue;
            }

            builder.Append(char.ToUpper(word[0], CultureInfo.GetCultureInfo("vi-VN")));
        }

        return builder.ToString();
    }

    private static string? Blankless(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    [GeneratedRegex(@"\s+năm\s+\d{4}$")]
    private static partial Regex TrailingYear();
}
