using System.Text.RegularExpressions;
using PcgdBot.Plan;

namespace PcgdBot.Host.CommandLine;

/// <summary>A plan as a readable report: Vietnamese labels with English in brackets, for the district staff and for developers.</summary>
public static partial class PlanReport
{
    private const int MaxQuoteLength = 110;

    public static void Write(PlanDocument plan, string file, TextWriter output)
    {
        output.WriteLine($"Kế hoạch (plan): {Quote(plan.Title)}");
        output.WriteLine($"Tệp (file): {file}");
        if (plan.District is not null)
        {
            output.WriteLine($"Địa bàn (district): {plan.District}");
        }

        WriteUnits(plan, output);
        WriteDuties(plan, output);
        WriteGeneralTasks(plan, output);
        WriteTargets(plan, output);
        WriteDeadlines(plan, output);
        WriteBaseDocuments(plan, output);

        output.WriteLine();
        output.WriteLine($"Mục (sections): {plan.Sections.Count}");
    }

    private static void WriteUnits(PlanDocument plan, TextWriter output)
    {
        var withSection = plan.ResponsibleUnits.Count();
        output.WriteLine();
        output.WriteLine($"Đơn vị (units): {plan.Units.Count}, {withSection} có mục riêng ở phần IV (with their own section in part IV)");
        foreach (var unit in plan.Units)
        {
            var section = unit.Section ?? "—";
            var aliases = unit.Aliases.Count > 0 ? $" — tên khác (aliases): {string.Join(", ", unit.Aliases)}" : "";
            var namedOnly = unit.Section is null ? " (chỉ được nhắc trong nhiệm vụ / named in duties only)" : "";
            output.WriteLine($"  {section,-6} {unit.Name}{namedOnly}{aliases}");
        }
    }

    private static void WriteDuties(PlanDocument plan, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"Nhiệm vụ theo đơn vị (duties per unit): {plan.Duties.Count} nhiệm vụ (duties)");
        foreach (var unit in plan.Units)
        {
            var duties = plan.DutiesOf(unit.Id).ToList();
            if (duties.Count == 0)
            {
                continue;
            }

            output.WriteLine($"  {unit.Name}{(unit.Section is null ? "" : $" ({unit.Section})")}: {duties.Count}");
            foreach (var duty in duties)
            {
                var role = duty.Roles.First(r => r.UnitId == unit.Id).Role;
                output.WriteLine($"    {duty.Id,-8} {RoleLabel(role),-19} {Quote(duty.Text)}");
            }
        }
    }

    private static void WriteGeneralTasks(PlanDocument plan, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"Nhiệm vụ chung (general tasks): {plan.GeneralTasks.Count}");
        foreach (var task in plan.GeneralTasks)
        {
            output.WriteLine($"  {task.Section,-6} {Quote(task.Title)} ({task.Points.Count} ý / points)");
        }
    }

    private static void WriteTargets(PlanDocument plan, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"Chỉ tiêu (targets): {plan.Targets.Count}");
        foreach (var target in plan.Targets)
        {
            // Value and year are each optional ("đạt chuẩn … mức độ 3" has no figure).
            string?[] parts = [target.Value, target.Year is { } due ? $"đến năm (by) {due}" : null];
            var figure = string.Join(' ', parts.OfType<string>());
            output.WriteLine(figure.Length > 0
                ? $"  {target.Section,-6} {figure}: {Quote(target.Text)}"
                : $"  {target.Section,-6} {Quote(target.Text)}");
        }
    }

    private static void WriteDeadlines(PlanDocument plan, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"Hạn báo cáo (reporting deadlines): {plan.Deadlines.Count}");
        foreach (var deadline in plan.Deadlines)
        {
            var reporters = string.Join(", ", deadline.Reporters.Select(id => plan.FindUnit(id)?.Name ?? id));
            output.WriteLine($"  {deadline.Section,-6} trước ngày (before) {deadline.DayMonth} hằng năm (yearly): {reporters} → {deadline.Recipient}");
        }
    }

    private static void WriteBaseDocuments(PlanDocument plan, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"Văn bản căn cứ (base documents): {plan.BaseDocuments.Count}");
        foreach (var document in plan.BaseDocuments)
        {
            var date = document.Date is null ? "" : $" ngày (dated) {document.Date}";
            var issuer = document.Issuer is null ? "" : $" của (by) {document.Issuer}";
            output.WriteLine($"  {document.Kind} số {document.Number}{date}{issuer}");
        }
    }

    private static string RoleLabel(UnitRole role) => role switch
    {
        UnitRole.Lead => "chủ trì (lead)",
        UnitRole.Support => "phối hợp (support)",
        _ => role.ToString(),
    };

    /// <summary>The text on one line, shortened: the report is an overview, the plan has the full wording.</summary>
    private static string Quote(string text)
    {
        var oneLine = Whitespace().Replace(text, " ").Trim();
        return oneLine.Length <= MaxQuoteLength ? oneLine : string.Concat(oneLine.AsSpan(0, MaxQuoteLength - 1).TrimEnd(), "…");
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
