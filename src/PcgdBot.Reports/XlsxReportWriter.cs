using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace PcgdBot.Reports;

/// <summary>
/// Writes the report's data as a workbook: "Tổng hợp" (each reporting unit × duty: the latest status, figure, date),
/// "Báo cáo" (every update) and "Chưa báo cáo"; header row frozen, filters on, widths set, dates stored as dates.
/// </summary>
public static class XlsxReportWriter
{
    public const string MediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string SummarySheet = "Tổng hợp";
    public const string UpdatesSheet = "Báo cáo";
    public const string MissingSheet = "Chưa báo cáo";

    public static byte[] Write(AnnualReport report)
    {
        using var stream = new MemoryStream();
        Write(report, stream);
        return stream.ToArray();
    }

    public static void Write(AnnualReport report, Stream stream)
    {
        var sheets = new Dictionary<string, object>
        {
            [SummarySheet] = SummaryRows(report),
            [UpdatesSheet] = UpdateRows(report),
            [MissingSheet] = MissingRows(report),
        };
        var configuration = new OpenXmlConfiguration { FreezeRowCount = 1, FreezeColumnCount = 0, AutoFilter = true, FastMode = true };
        stream.SaveAs(sheets, configuration: configuration);
    }

    /// <summary>The latest update of each reporting unit on each duty, units in list order, duties in the plan's order.</summary>
    internal static List<SummaryRow> SummaryRows(AnnualReport report)
    {
        var order = report.Units.Select((u, i) => (u.Unit.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        var latest = new Dictionary<(string, string), UpdateLine>();
        foreach (var line in report.Updates)
        {
            latest[(line.Update.UnitId, line.Update.DutyId ?? "~" + line.Update.Task)] = line;
        }

        var dutyOrder = report.Sections.SelectMany(s => s.Duties).Select((d, i) => (d.DutyId, i)).Where(p => p.DutyId is not null)
            .DistinctBy(p => p.DutyId).ToDictionary(p => p.DutyId!, p => p.i, StringComparer.Ordinal);
        return [.. latest.Values
            .OrderBy(l => order.GetValueOrDefault(l.Update.UnitId, int.MaxValue))
            .ThenBy(l => l.Update.DutyId is { } d ? dutyOrder.GetValueOrDefault(d, int.MaxValue - 1) : int.MaxValue)
            .ThenBy(l => l.Update.Number)
            .Select(l => new SummaryRow
            {
                Unit = l.UnitName,
                Duty = l.Update.DutyId ?? ReportWording.OtherWork,
                DutyText = l.DutyText,
                Status = ReportWording.Status(l.Update.Status),
                Figure = l.Update.Figure,
                Date = l.Date.ToDateTime(TimeOnly.MinValue),
                Receipt = l.Update.Receipt,
            })];
    }

    internal static IEnumerable<UpdateRow> UpdateRows(AnnualReport report) => report.Updates.Select(l => new UpdateRow
    {
        Receipt = l.Update.Receipt,
        Unit = l.PlanUnitName,
        Member = l.UnitName == l.PlanUnitName ? null : l.UnitName,
        Duty = l.Update.DutyId ?? ReportWording.OtherWork,
        Section = l.DutySection,
        DutyText = l.DutyText,
        Status = ReportWording.Status(l.Update.Status),
        Figure = l.Update.Figure,
        Note = l.Update.Note,
        Person = l.Update.PersonName,
        At = l.LocalTime,
        Late = l.Late ? "Sau hạn" : "Đúng hạn",
        Edited = l.Update.Revision > 1 ? "Có" : "Không",
    });

    internal static List<MissingRow> MissingRows(AnnualReport report) =>
        [.. report.Missing.Select(m => new MissingRow { Unit = m.Unit.Name, Section = m.PlanSection })];

    public sealed class SummaryRow
    {
        [ExcelColumn(Name = "Đơn vị", Width = 34)] public string Unit { get; set; } = "";
        [ExcelColumn(Name = "Nhiệm vụ", Width = 11)] public string Duty { get; set; } = "";
        [ExcelColumn(Name = "Nội dung nhiệm vụ", Width = 60)] public string DutyText { get; set; } = "";
        [ExcelColumn(Name = "Tình hình", Width = 16)] public string Status { get; set; } = "";
        [ExcelColumn(Name = "Số liệu", Width = 14)] public string? Figure { get; set; }
        [ExcelColumn(Name = "Ngày báo cáo", Width = 13, Format = "dd/MM/yyyy")] public DateTime Date { get; set; }
        [ExcelColumn(Name = "Số biên nhận", Width = 13)] public string Receipt { get; set; } = "";
    }

    public sealed class UpdateRow
    {
        [ExcelColumn(Name = "Số biên nhận", Width = 13)] public string Receipt { get; set; } = "";
        [ExcelColumn(Name = "Đơn vị", Width = 34)] public string Unit { get; set; } = "";
        [ExcelColumn(Name = "Thành viên", Width = 22)] public string? Member { get; set; }
        [ExcelColumn(Name = "Nhiệm vụ", Width = 11)] public string Duty { get; set; } = "";
        [ExcelColumn(Name = "Mục", Width = 8)] public string? Section { get; set; }
        [ExcelColumn(Name = "Nội dung nhiệm vụ", Width = 50)] public string DutyText { get; set; } = "";
        [ExcelColumn(Name = "Tình hình", Width = 16)] public string Status { get; set; } = "";
        [ExcelColumn(Name = "Số liệu", Width = 14)] public string? Figure { get; set; }
        [ExcelColumn(Name = "Ghi chú", Width = 40)] public string? Note { get; set; }
        [ExcelColumn(Name = "Người báo cáo", Width = 22)] public string Person { get; set; } = "";
        [ExcelColumn(Name = "Thời gian", Width = 17, Format = "dd/MM/yyyy HH:mm")] public DateTime At { get; set; }
        [ExcelColumn(Name = "Hạn", Width = 10)] public string Late { get; set; } = "";
        [ExcelColumn(Name = "Đã sửa", Width = 8)] public string Edited { get; set; } = "";
    }

    public sealed class MissingRow
    {
        [ExcelColumn(Name = "Đơn vị", Width = 40)] public string Unit { get; set; } = "";
        [ExcelColumn(Name = "Mục", Width = 8)] public string Section { get; set; } = "";
    }
}
