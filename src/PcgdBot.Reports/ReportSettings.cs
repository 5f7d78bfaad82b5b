namespace PcgdBot.Reports;

/// <summary>
/// What the plan and the data cannot say: the document's number, the signer and their title. Bound from the
/// <c>Report</c> configuration section; anything unset is printed as a dotted blank to fill in by hand.
/// </summary>
public sealed class ReportSettings
{
    public const string SectionName = "Report";

    /// <summary>The number part of "Số: 125/BC-PGDĐT"; empty → "Số: …/BC-PGDĐT".</summary>
    public string? DocumentNumber { get; set; }

    /// <summary>The signer's title ("TRƯỞNG PHÒNG", "KT. TRƯỞNG PHÒNG\nPHÓ TRƯỞNG PHÒNG").</summary>
    public string? SignerTitle { get; set; }

    public string? SignerName { get; set; }

    /// <summary>The place of the date line; empty takes the plan's district.</summary>
    public string? Place { get; set; }

    /// <summary>The parent authority above the office; empty → "UBND HUYỆN {district}".</summary>
    public string? ParentAuthority { get; set; }
}
