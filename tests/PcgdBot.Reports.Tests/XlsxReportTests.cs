using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using MiniExcelLibs;
using PcgdBot.Conversations.Reports;
using PcgdBot.Reports.Tests.Support;
using PcgdBot.Storage.Reporting;

namespace PcgdBot.Reports.Tests;

/// <summary>The XLSX read back row for row against the database; frozen header, filters and date cells checked in the package.</summary>
public sealed class XlsxReportTests : IDisposable
{
    private static readonly DateOnly Today = new(2026, 12, 15);
    private readonly ReportScenario scenario = new();

    public void Dispose() => scenario.Dispose();

    private byte[] Workbook()
    {
        var outcome = scenario.Service.Create("2026", ReportFormat.Xlsx, (string?)null, Today);
        Assert.True(outcome.File is not null, outcome.Error);
        Assert.Equal("bao-cao-2026.xlsx", outcome.File!.Name);
        return outcome.File.Content;
    }

    private static List<IDictionary<string, object?>> Rows(byte[] workbook, string sheet)
    {
        using var stream = new MemoryStream(workbook);
        return [.. stream.Query(useHeaderRow: true, sheetName: sheet).Cast<IDictionary<string, object?>>()];
    }

    [Fact]
    public void The_workbook_has_the_three_sheets()
    {
        using var stream = new MemoryStream(Workbook());
        Assert.Equal(["Tổng hợp", "Báo cáo", "Chưa báo cáo"], stream.GetSheetNames());
    }

    [Fact]
    public void The_updates_sheet_matches_the_database_row_for_row()
    {
        scenario.SeedDistrict();
        scenario.Store.EditUpdate(scenario.Store.UpdatesIn("2026")[1].Id, "test", "edit-1", new DateTime(2026, 11, 25, 3, 0, 0, DateTimeKind.Utc), u => u.Note = "Đã sửa ghi chú");
        var rows = Rows(Workbook(), "Báo cáo");
        var stored = scenario.Store.UpdatesIn("2026");
        Assert.Equal(stored.Count, rows.Count);
        var people = scenario.Store.AllPeople().ToDictionary(p => p.Id, p => p.Name);
        for (var i = 0; i < stored.Count; i++)
        {
            var (row, update) = (rows[i], stored[i]);
            var unit = scenario.Engine.Units[update.UnitId]!;
            Assert.Equal(update.Receipt, row["Số biên nhận"]);
            Assert.Equal(scenario.Engine.Units[unit.ParentId ?? unit.Id]!.Name, row["Đơn vị"]);
            Assert.Equal(unit.ParentId is null ? null : unit.Name, row["Thành viên"]);
            Assert.Equal(update.DutyId ?? "Việc khác", row["Nhiệm vụ"]);
            Assert.Equal(ReportWording.Status((ReportStatus)(int)update.Status), row["Tình hình"]);
            Assert.Equal(update.FigureText, row["Số liệu"]);
            Assert.Equal(update.Note, row["Ghi chú"]);
            Assert.Equal(people[update.PersonId], row["Người báo cáo"]);
            Assert.Equal(update.CreatedAt.AddHours(7), Assert.IsType<DateTime>(row["Thời gian"]));
            Assert.Equal(update.Revision > 1 ? "Có" : "Không", row["Đã sửa"]);
        }

        Assert.Equal("Sau hạn", rows.Single(r => (string?)r["Thành viên"] == "Xã Dào San")["Hạn"]);
    }

    [Fact]
    public void The_summary_sheet_has_the_latest_update_of_each_unit_and_duty()
    {
        var saved = scenario.SeedDistrict();
        var later = scenario.Save(saved[0].PersonId, "xã Mường So", "IV.13.1", ProgressStatus.Done, "100%", null, new DateOnly(2026, 12, 2));
        var rows = Rows(Workbook(), "Tổng hợp");
        Assert.Equal(7, rows.Count);
        var muongSo = rows.Single(r => (string?)r["Đơn vị"] == "Xã Mường So" && (string?)r["Nhiệm vụ"] == "IV.13.1");
        Assert.Equal(later.Receipt, muongSo["Số biên nhận"]);
        Assert.Equal("Hoàn thành", muongSo["Tình hình"]);
        Assert.Equal(new DateTime(2026, 12, 2), muongSo["Ngày báo cáo"]);
    }

    [Fact]
    public void The_missing_sheet_lists_the_units_without_updates()
    {
        scenario.SeedDistrict();
        var rows = Rows(Workbook(), "Chưa báo cáo");
        var expected = scenario.Engine.Units.ReportingUnits.Where(u => scenario.Store.UpdatesOfUnit(u.Id, "2026").Count == 0).Select(u => u.Name).ToList();
        Assert.Equal(expected, rows.Select(r => (string?)r["Đơn vị"]));
    }

    [Fact]
    public void Each_sheet_has_a_frozen_header_a_filter_and_set_widths()
    {
        scenario.SeedDistrict();
        using var stream = new MemoryStream(Workbook());
        using var document = SpreadsheetDocument.Open(stream, false);
        foreach (var sheet in document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>())
        {
            var worksheet = ((WorksheetPart)document.WorkbookPart.GetPartById(sheet.Id!)).Worksheet;
            var pane = worksheet.Descendants<Pane>().Single();
            Assert.Equal(1d, pane.VerticalSplit!.Value);
            Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
            Assert.StartsWith("A1:", worksheet.Descendants<AutoFilter>().Single().Reference!.Value, StringComparison.Ordinal);
            Assert.All(worksheet.Descendants<Column>(), c => Assert.True(c.Width!.Value >= 8));
        }
    }
}
