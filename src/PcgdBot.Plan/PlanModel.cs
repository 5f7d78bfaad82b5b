namespace PcgdBot.Plan;

/// <summary>A unit's part in one duty: it leads ("chủ trì") or supports ("phối hợp").</summary>
public enum UnitRole
{
    Lead,
    Support,
}

/// <summary>An organisation the plan names: one with its own section in part IV, or one named only inside a duty.</summary>
/// <param name="Id">A stable key made from the folded name, e.g. "phong-noi-vu".</param>
/// <param name="Name">The name as the plan writes it, without "Đề nghị".</param>
/// <param name="Section">The unit's own section ("IV.4"), or null when the plan names it only inside duties.</param>
/// <param name="Aliases">Short names and abbreviations people use for it ("Phòng GD&amp;ĐT", "phòng giáo dục").</param>
public sealed record PlanUnit(string Id, string Name, string? Section, IReadOnlyList<string> Aliases);

/// <summary>One unit's part in one duty.</summary>
public sealed record DutyRole(string UnitId, UnitRole Role);

/// <summary>One bullet of part IV.</summary>
/// <param name="Id">Section plus bullet number, e.g. "IV.2.1".</param>
/// <param name="Section">The section the bullet stands in, e.g. "IV.2".</param>
/// <param name="Text">The bullet's text as the plan writes it.</param>
/// <param name="Roles">The units taking part, the one that carries the duty first.</param>
/// <param name="Line">The 1-based line of the document the bullet starts on.</param>
public sealed record PlanDuty(string Id, string Section, string Text, IReadOnlyList<DutyRole> Roles, int Line)
{
    /// <summary>
    /// The duty as a menu or list shows it: its opening's partner list left out ("Chủ trì: tham mưu … tuyển dụng …"),
    /// so duties that open alike are told apart; the text itself when it opens otherwise.
    /// </summary>
    public string Label { get; init; } = Text;

    /// <summary>The unit the duty belongs to (the section's unit, or the first actor named).</summary>
    public string? OwnerUnitId => Roles.Count > 0 ? Roles[0].UnitId : null;
}

/// <summary>A numbered general task of part III with its bullets.</summary>
public sealed record GeneralTask(string Section, string Title, IReadOnlyList<string> Points, int Line);

/// <summary>A quantified target of part II (e.g. 98 % of children aged 3–5 in kindergarten by 2030).</summary>
/// <param name="Value">The figure as written, e.g. "98%" or "17,6%"; null for a target without a percentage ("đạt chuẩn … mức độ 3").</param>
/// <param name="Text">The clause of the plan that states the target.</param>
/// <param name="Year">The year the target is due, when the section names one.</param>
public sealed record PlanTarget(string Section, string? Value, string Text, int? Year, int Line);

/// <summary>A yearly reporting deadline (part IV, "Chế độ thông tin, báo cáo").</summary>
/// <param name="Reporters">The units that report (ids).</param>
/// <param name="Recipient">Whom the report goes to, as the plan writes it.</param>
public sealed record ReportingDeadline(string Section, int Day, int Month, IReadOnlyList<string> Reporters, string Recipient, string Text, int Line)
{
    public string DayMonth => $"{Day}/{Month}";
}

/// <summary>A document the plan implements, e.g. "Chỉ thị số 29-CT/TW ngày 05/01/2024 của Bộ Chính trị".</summary>
/// <param name="Kind">"Chỉ thị", "Kế hoạch", "Chương trình hành động", "Nghị quyết".</param>
/// <param name="Number">"29-CT/TW".</param>
public sealed record BaseDocument(string Kind, string Number, string? Date, string? Issuer);

/// <summary>A part or section heading with its text, kept so answers can quote any part of the plan.</summary>
public sealed record PlanSection(string Id, string Title, string Text, int Line);

/// <summary>The plan as the bot knows it.</summary>
public sealed record PlanDocument(
    string Title,
    string? District,
    IReadOnlyList<PlanUnit> Units,
    IReadOnlyList<PlanDuty> Duties,
    IReadOnlyList<GeneralTask> GeneralTasks,
    IReadOnlyList<PlanTarget> Targets,
    IReadOnlyList<ReportingDeadline> Deadlines,
    IReadOnlyList<BaseDocument> BaseDocuments,
    IReadOnlyList<PlanSection> Sections,
    IReadOnlyList<string> Warnings)
{
    private readonly Dictionary<string, PlanUnit> unitsById = Units.ToDictionary(u => u.Id, StringComparer.Ordinal);

    public PlanUnit Unit(string id) => unitsById[id];

    public PlanUnit? FindUnit(string id) => unitsById.GetValueOrDefault(id);

    /// <summary>The units with a section of their own in part IV, in the plan's order.</summary>
    public IEnumerable<PlanUnit> ResponsibleUnits => Units.Where(u => u.Section is not null);

    public IEnumerable<PlanDuty> DutiesOf(string unitId) => Duties.Where(d => d.Roles.Any(r => r.UnitId == unitId));
}

/// <summary>A plan file that cannot be read as a plan; <see cref="Line"/> says where.</summary>
public sealed class PlanFormatException(string fileName, int line, string reason) : ContentFileException(fileName, line, reason);

/// <summary>A content file (plan, lexicon, reply templates) that cannot be used: its message is "file:line: reason".</summary>
public abstract class ContentFileException(string fileName, int line, string reason)
    : Exception($"{fileName}:{line}: {reason}")
{
    public string FileName { get; } = fileName;
    public int Line { get; } = line;
    public string Reason { get; } = reason;
}
