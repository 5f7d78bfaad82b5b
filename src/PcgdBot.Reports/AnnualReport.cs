namespace PcgdBot.Reports;

/// <summary>The consolidated report of one period, ready to be written as DOCX or XLSX.</summary>
public sealed record AnnualReport(
    ReportHeader Header,
    string Period,
    DateOnly Deadline,
    string? ScopeName,
    ReportSummary Summary,
    IReadOnlyList<UnitSection> Sections,
    CommuneTable Communes,
    IReadOnlyList<ReportingUnitStatus> Units,
    IReadOnlyList<TargetLine> Targets,
    string? TargetsHeading,
    IReadOnlyList<string> Recipients,
    ReportSignature Signature,
    IReadOnlyList<UpdateLine> Updates)
{
    /// <summary>The units that reported nothing in the period, in list order.</summary>
    public IEnumerable<ReportingUnitStatus> Missing => Units.Where(u => u.Timeliness == Timeliness.Missing);
}

/// <summary>The document's heading block (Nghị định 30/2020/NĐ-CP, Phụ lục I).</summary>
/// <param name="ParentAuthority">"UBND HUYỆN PHONG THỔ".</param>
/// <param name="IssuingOffice">"PHÒNG GIÁO DỤC VÀ ĐÀO TẠO".</param>
/// <param name="NumberLine">"Số: …/BC-PGDĐT".</param>
/// <param name="DateLine">"Phong Thổ, ngày 15 tháng 12 năm 2026".</param>
/// <param name="Subject">"Kết quả thực hiện Kế hoạch … năm 2026".</param>
/// <param name="OfficeName">The office as the plan writes it ("Phòng Giáo dục và Đào tạo").</param>
public sealed record ReportHeader(string ParentAuthority, string IssuingOffice, string NumberLine, string DateLine, string Subject, string OfficeName);

public sealed record ReportSummary(int ReportingUnits, int OnTime, int Late, int Missing, int Communes, int CommunesOnTime, int CommunesLate, int CommunesMissing, int Updates);

/// <summary>Whether a unit reported by the deadline.</summary>
public enum Timeliness
{
    OnTime,
    Late,
    Missing,
}

public sealed record ReportingUnitStatus(ReportUnit Unit, string PlanSection, Timeliness Timeliness, int Updates, DateTime? FirstAtUtc, DateTime? LastAtUtc);

/// <summary>One part-IV unit's section: its duties with what was reported on each.</summary>
/// <param name="Section">"IV.13".</param>
public sealed record UnitSection(string Section, string UnitName, IReadOnlyList<DutyBlock> Duties);

/// <summary>A duty and the updates on it; an empty list means nothing was reported.</summary>
/// <param name="DutyId">Null for the block of "việc khác".</param>
public sealed record DutyBlock(string? DutyId, string Text, IReadOnlyList<UpdateLine> Updates);

/// <summary>One update as the report shows it.</summary>
/// <param name="DutySection">The section the duty stands in ("IV.13"), null for "việc khác".</param>
/// <param name="Late">Saved after the deadline.</param>
/// <param name="LocalTime">When it was saved, in the people's time zone.</param>
public sealed record UpdateLine(ReportUpdate Update, string UnitName, string PlanUnitName, string? DutySection, string DutyText, DateTime LocalTime, bool Late)
{
    public DateOnly Date => DateOnly.FromDateTime(LocalTime);
}

/// <summary>The communes × their duties: the latest status per cell (null when nothing was reported).</summary>
public sealed record CommuneTable(IReadOnlyList<DutyColumn> Duties, IReadOnlyList<CommuneRow> Rows);

public sealed record DutyColumn(string DutyId, string Text);

public sealed record CommuneRow(string Name, IReadOnlyList<UpdateLine?> Cells);

/// <summary>A target of the plan's part II as the plan states it.</summary>
public sealed record TargetLine(string? Value, string Text, int? Year);

/// <summary>The signature block; null parts are printed as dotted blanks.</summary>
public sealed record ReportSignature(string? Title, string? Name);
