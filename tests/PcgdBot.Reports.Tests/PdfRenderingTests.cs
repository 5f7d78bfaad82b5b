using PcgdBot.Conversations.Reports;
using PcgdBot.Reports.Tests.Support;

namespace PcgdBot.Reports.Tests;

/// <summary>The DOCX rendered by LibreOffice headless: pages, the heading's text, every receipt, page numbers from page 2.</summary>
[Trait("Category", "Functional")]
public sealed class PdfRenderingTests : IDisposable
{
    private readonly ReportScenario scenario = new();

    public void Dispose() => scenario.Dispose();

    [Fact]
    public async Task The_report_renders_to_a_pdf_with_the_heading_on_page_1_and_numbers_from_page_2()
    {
        var saved = scenario.SeedDistrict();
        var outcome = scenario.Service.Create("2026", ReportFormat.Docx, (string?)null, new DateOnly(2026, 12, 15));
        var docx = Path.Combine(scenario.Folder, outcome.File!.Name);
        await File.WriteAllBytesAsync(docx, outcome.File.Content);

        var pdf = await PdfRenderer.ToPdfAsync(docx, scenario.Folder);
        if (Environment.GetEnvironmentVariable("PCGDBOT_REPORT_PNG") is { Length: > 0 } picture)
        {
            // The README's picture of page 1 is made the same way (PCGDBOT_REPORT_PNG=path refreshes it).
            File.Copy(await PdfRenderer.FirstPagePngAsync(pdf, Path.Combine(scenario.Folder, "page1"), 70), picture, overwrite: true);
        }

        // 18 unit sections with 43 duties, the commune table and the targets: the page count of this data with
        // Liberation Serif (metric-compatible with Times New Roman).
        var pages = await PdfRenderer.PageCountAsync(pdf);
        Assert.InRange(pages, 9, 13);
        var first = await PdfRenderer.TextAsync(pdf, 1, 1);
        foreach (var text in new[] { "UBND HUYỆN PHONG THỔ", "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Phong Thổ, ngày 15 tháng 12 năm 2026", "BÁO CÁO", "Số: …/BC-PGDĐT" })
        {
            Assert.Contains(text, first, StringComparison.Ordinal);
        }

        // No number on page 1; page 2 starts with its number.
        Assert.DoesNotMatch(@"^\s*1\s*$", first.Split('\n')[0]);
        var second = await PdfRenderer.TextAsync(pdf, 2, 2);
        Assert.Equal("2", second.Split('\n').First(l => l.Trim().Length > 0).Trim());

        var all = await PdfRenderer.TextAsync(pdf, 1, pages);
        foreach (var update in saved)
        {
            Assert.Contains(update.Receipt, all, StringComparison.Ordinal);
        }

        Assert.Contains("Nơi nhận:", all, StringComparison.Ordinal);
        Assert.Contains("Ban Thường vụ Huyện ủy (b/c);", all, StringComparison.Ordinal);
    }
}
