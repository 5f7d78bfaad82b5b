using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using PcgdBot.Conversations.Reports;
using PcgdBot.Reports.Tests.Support;
using PcgdBot.Storage.Reporting;

namespace PcgdBot.Reports.Tests;

/// <summary>The DOCX opened back with the OpenXML SDK: layout of Nghị định 30/2020/NĐ-CP, sections, receipts, missing units.</summary>
public sealed partial class DocxReportTests : IDisposable
{
    private static readonly DateOnly Today = new(2026, 12, 15);
    private readonly ReportScenario scenario = new();

    public void Dispose() => scenario.Dispose();

    private (WordprocessingDocument Document, MemoryStream Stream) Open(string? period = "2026", string? unit = null)
    {
        var outcome = scenario.Service.Create(period, ReportFormat.Docx, unit, Today);
        Assert.True(outcome.File is not null, outcome.Error);
        Assert.EndsWith(".docx", outcome.File!.Name, StringComparison.Ordinal);
        var stream = new MemoryStream(outcome.File.Content);
        return (WordprocessingDocument.Open(stream, false), stream);
    }

    private static Body BodyOf(WordprocessingDocument document) => document.MainDocumentPart!.Document.Body!;


    [Fact]
    public void The_heading_table_has_the_authority_office_and_number_left_and_the_national_name_motto_and_date_right()
    {
        scenario.SeedDistrict();
        var (document, stream) = Open();
        using var _ = stream;
        using var __ = document;
        var table = BodyOf(document).Elements<Table>().First();
        Assert.Equal(2, table.Elements<TableGrid>().Single().Elements<GridColumn>().Count());
        var rows = table.Elements<TableRow>().ToList();
        var left = rows.SelectMany(r => r.Elements<TableCell>().Take(1)).SelectMany(c => c.Descendants<Paragraph>()).Select(p => p.InnerText).Where(t => t.Length > 0).ToList();
        var right = rows.SelectMany(r => r.Elements<TableCell>().Skip(1)).SelectMany(c => c.Descendants<Paragraph>()).Select(p => p.InnerText).Where(t => t.Length > 0).ToList();
        Assert.Equal(["UBND HUYỆN PHONG THỔ", "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "Số: …/BC-PGDĐT"], left);
        Assert.Equal(["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Phong Thổ, ngày 15 tháng 12 năm 2026"], right);

        // Borderless, the office and motto in bold, the date line in italics, the rules under office and motto.
        var borders = table.GetFirstChild<TableProperties>()!.GetFirstChild<TableBorders>()!;
        Assert.All(borders.ChildElements.Cast<BorderType>(), b => Assert.Equal(BorderValues.None, b.Val!.Value));
        Assert.NotNull(RunWith(table, "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO").RunProperties!.Bold);
        Assert.Null(RunWith(table, "UBND HUYỆN PHONG THỔ").RunProperties!.Bold);
        Assert.NotNull(RunWith(table, "Độc lập - Tự do - Hạnh phúc").RunProperties!.Bold);
        Assert.NotNull(RunWith(table, "Phong Thổ, ngày 15 tháng 12 năm 2026").RunProperties!.Italic);
        Assert.Equal(2, table.Descendants<ParagraphBorders>().Count(b => b.TopBorder?.Val?.Value == BorderValues.Single));
    }

    private static Run RunWith(DocumentFormat.OpenXml.OpenXmlElement element, string text) => element.Descendants<Run>().First(r => r.InnerText == text);

    [Fact]
    public void Title_and_subject_follow_the_heading()
    {
        scenario.SeedDistrict();
        var (document, stream) = Open();
        using var _ = stream;
        using var __ = document;
        var texts = BodyOf(document).Elements<Paragraph>().Select(p => p.InnerText).Where(t => t.Length > 0).ToList();
        Assert.Equal("BÁO CÁO", texts[0]);
        Assert.StartsWith("Kết quả thực hiện Kế hoạch triển khai thực hiện Kế hoạch số 406-KH/BCSD", texts[1], StringComparison.Ordinal);
        Assert.EndsWith("trên địa bàn huyện Phong Thổ năm 2026", texts[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Fonts_page_size_margins_and_page_numbers_follow_the_decree()
    {
        var (document, stream) = Open();
        using var _ = stream;
        using var __ = document;
        var main = document.MainDocumentPart!;
        var fonts = main.StyleDefinitionsPart!.Styles!.DocDefaults!.RunPropertiesDefault!.RunPropertiesBaseStyle!.RunFonts!;
        Assert.Equal(["Times New Roman", "Times New Roman", "Times New Roman", "Times New Roman"], new[] { fonts.Ascii?.Value ?? "", fonts.HighAnsi?.Value ?? "", fonts.EastAsia?.Value ?? "", fonts.ComplexScript?.Value ?? "" });
        Assert.Equal("28", main.StyleDefinitionsPart!.Styles!.DocDefaults!.RunPropertiesDefault!.RunPropertiesBaseStyle!.FontSize!.Val!.Value);

        var section = BodyOf(document).Elements<SectionProperties>().Single();
        var size = section.GetFirstChild<PageSize>()!;
        Assert.Equal((11906u, 16838u), (size.Width!.Value, size.Height!.Value));
        var margin = section.GetFirstChild<PageMargin>()!;
        Assert.InRange(margin.Top!.Value, 1134, 1417);      // 20–25 mm
        Assert.InRange(margin.Bottom!.Value, 1134, 1417);
        Assert.InRange(margin.Left!.Value, 1701u, 1984u);   // 30–35 mm
        Assert.InRange(margin.Right!.Value, 850u, 1134u);   // 15–20 mm

        // A distinct first page without a number; the other pages numbered at the top, centred.
        Assert.NotNull(section.GetFirstChild<TitlePage>());
        var references = section.Elements<HeaderReference>().ToDictionary(h => h.Type!.Value, h => h.Id!.Value!);
        var numbered = (HeaderPart)main.GetPartById(references[HeaderFooterValues.Default]);
        Assert.Contains(numbered.Header!.Descendants<FieldCode>(), f => f.Text.Trim() == "PAGE");
        Assert.Equal(JustificationValues.Center, numbered.Header.Descendants<Justification>().Single().Val!.Value);
        var first = (HeaderPart)main.GetPartById(references[HeaderFooterValues.First]);
        Assert.Empty(first.Header!.Descendants<FieldCode>());

        // Body text: justified with a first-line indent.
        var summary = BodyOf(document).Elements<Paragraph>().First(p => p.InnerText.StartsWith("Trong kỳ báo cáo", StringComparison.Ordinal));
        Assert.Equal(JustificationValues.Both, summary.ParagraphProperties!.Justification!.Val!.Value);
        Assert.True(int.Parse(summary.ParagraphProperties.Indentation!.FirstLine!.Value!, System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public void There_is_one_section_per_part_IV_unit_in_the_plans_order()
    {
        scenario.SeedDistrict();
        var (document, stream) = Open();
        using var _ = stream;
        using var __ = document;
        var headings = BodyOf(document).Elements<Paragraph>().Select(p => p.InnerText).Where(t => SectionHeading().IsMatch(t)).ToList();
        var expected = ReportScenario.Content.Plan.ResponsibleUnits.Select((u, i) => $"{i + 1}. {u.Name} (mục {u.Section} của Kế hoạch)").ToList();
        Assert.Equal(18, expected.Count);
        Assert.Equal(expected, headings);
    }

    [Fact]
    public void Every_saved_update_of_the_period_appears_once_with_its_receipt_and_none_of_another_period()
    {
        var saved = scenario.SeedDistrict();
        var (document, stream) = Open();
        using var _ = stream;
        using var __ = document;
        var text = string.Join("\n", BodyOf(document).Descendants<Paragraph>().Select(p => p.InnerText));
        foreach (var update in saved)
        {
            Assert.Single(Regex.Matches(text, Regex.Escape(update.Receipt) + @"\b"));
        }

        var older = scenario.Store.UpdatesIn("2025").Single();
        Assert.DoesNotContain(older.Receipt, text, StringComparison.Ordinal);
        Assert.Contains($"- {saved[0].Receipt}, Xã Mường So, ngày 20/11/2026: Đang thực hiện; 80%; Đã mở 3 lớp XMC.", text, StringComparison.Ordinal);
        Assert.Contains($"- {saved[3].Receipt}, Xã Dào San, ngày 11/12/2026 (sau hạn): Chưa triển khai.", text, StringComparison.Ordinal);
        Assert.Contains("Thiếu giáo viên dạy lớp XMC <ghi chú & ký hiệu>", text, StringComparison.Ordinal);
        Assert.Contains($"- {saved[5].Receipt}, Phòng Nội vụ, ngày 05/10/2026: Đang thực hiện; Rà soát biên chế giáo viên; Rà soát hồ sơ.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Duties_nobody_reported_on_say_so_and_the_summary_counts_on_time_late_and_missing()
    {
        scenario.SeedDistrict();
        var (document, stream) = Open();
        using var _ = stream;
        using var __ = document;
        var paragraphs = BodyOf(document).Elements<Paragraph>().Select(p => p.InnerText).ToList();
        var units = scenario.Engine.Units.ReportingUnits.Count;
        Assert.Contains($"Trong kỳ báo cáo năm 2026, tính đến hạn ngày 10/12/2026: 4/{units} đơn vị báo cáo đúng hạn, 1 đơn vị báo cáo sau hạn, {units - 5} đơn vị chưa báo cáo; tổng số 7 báo cáo cập nhật.", paragraphs);
        var ivOne = paragraphs.IndexOf(paragraphs.First(p => p.StartsWith("Nhiệm vụ IV.1.1:", StringComparison.Ordinal)));
        Assert.Equal("- Chưa báo cáo.", paragraphs[ivOne + 1]);
    }

    [Fact]
    public void The_units_that_did_not_report_are_listed()
    {
        scenario.SeedDistrict();
        var (document, stream) = Open();
        using var _ = stream;
        using var __ = document;
        var paragraphs = BodyOf(document).Elements<Paragraph>().Select(p => p.InnerText).ToList();
        var start = paragraphs.FindIndex(p => p.EndsWith(". CÁC ĐƠN VỊ CHƯA BÁO CÁO", StringComparison.Ordinal));
        var listed = paragraphs.Skip(start + 2).TakeWhile(p => p.StartsWith("- ", StringComparison.Ordinal)).Select(p => p[2..p.IndexOf(" (mục", StringComparison.Ordinal)]).ToList();
        var reported = new[] { "Xã Mường So", "Xã Sin Suối Hồ", "Xã Dào San", "Phòng Nội vụ", "Phòng Lao động - Thương binh và Xã hội" };
        var expected = scenario.Engine.Units.ReportingUnits.Select(u => u.Name).Except(reported).ToList();
        Assert.Equal(expected, listed);
        Assert.Contains("Xã Vàng Ma Chải", listed);
    }

    [Fact]
    public void The_commune_table_has_a_row_per_commune_and_a_column_per_commune_duty()
    {
        scenario.SeedDistrict();
        var (document, stream) = Open();
        using var _ = stream;
        using var __ = document;
        var table = BodyOf(document).Elements<Table>().Single(t => t.InnerText.Contains("Xã, thị trấn", StringComparison.Ordinal));
        var rows = table.Elements<TableRow>().Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToList()).ToList();
        var duties = ReportScenario.Content.Plan.Duties.Where(d => d.Section == "IV.13").Select(d => "Nhiệm vụ " + d.Id);
        Assert.Equal(["TT", "Xã, thị trấn", .. duties], rows[0]);
        var communes = scenario.Engine.Units.ReportingUnits.Where(u => u.IsCommune).Select(u => u.Name).ToList();
        Assert.Equal(communes, rows.Skip(1).Select(r => r[1]));
        Assert.Equal(["Đang thực hiện (80%)", "Hoàn thành (3 lớp)", "Chưa báo cáo"], rows.Single(r => r[1] == "Xã Mường So").Skip(2));
    }

    [Fact]
    public void The_targets_recipients_and_signature_come_from_the_plan_with_blanks_for_unset_settings()
    {
        var (document, stream) = Open();
        using var _ = stream;
        using var __ = document;
        var paragraphs = BodyOf(document).Descendants<Paragraph>().Select(p => p.InnerText).ToList();
        Assert.Contains(paragraphs, p => p.EndsWith("MỤC TIÊU CỤ THỂ ĐẾN NĂM 2030 (THEO KẾ HOẠCH)", StringComparison.Ordinal));
        foreach (var target in ReportScenario.Content.Plan.Targets)
        {
            Assert.Contains(paragraphs, p => p.Contains(target.Text.Trim().TrimEnd('.', ';')[1..], StringComparison.Ordinal));
        }

        var signature = BodyOf(document).Elements<Table>().Last();
        var cells = signature.Descendants<TableCell>().Select(c => c.Descendants<Paragraph>().Select(p => p.InnerText).Where(t => t.Length > 0).ToList()).ToList();
        Assert.Equal(["Nơi nhận:", "- Ban Thường vụ Huyện ủy (b/c);", "- Lưu: VT."], cells[0]);
        Assert.Equal(["……………………", "……………………"], cells[1]);
    }

    [Fact]
    public void Settings_fill_the_number_the_signer_and_the_place()
    {
        using var configured = new ReportScenario(new ReportSettings { DocumentNumber = "125", SignerTitle = "KT. TRƯỞNG PHÒNG\nPHÓ TRƯỞNG PHÒNG", SignerName = "Nguyễn Văn An", Place = "Phong Thổ" });
        var outcome = configured.Service.Create("2026", ReportFormat.Docx, (string?)null, Today);
        using var stream = new MemoryStream(outcome.File!.Content);
        using var document = WordprocessingDocument.Open(stream, false);
        var text = string.Join("\n", BodyOf(document).Descendants<Paragraph>().Select(p => p.InnerText));
        Assert.Contains("Số: 125/BC-PGDĐT", text, StringComparison.Ordinal);
        Assert.Contains("KT. TRƯỞNG PHÒNG\nPHÓ TRƯỞNG PHÒNG", text, StringComparison.Ordinal);
        Assert.Contains("Nguyễn Văn An", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_period_gives_a_valid_document_that_says_nothing_was_reported()
    {
        var (document, stream) = Open();
        using var _ = stream;
        using var __ = document;
        var paragraphs = BodyOf(document).Elements<Paragraph>().Select(p => p.InnerText).ToList();
        Assert.Contains(paragraphs, p => p.StartsWith("Trong kỳ báo cáo năm 2026 (hạn ngày 10/12/2026), chưa có đơn vị nào gửi báo cáo", StringComparison.Ordinal));
        Assert.Equal(18, paragraphs.Count(p => SectionHeading().IsMatch(p)));
        var validator = new DocumentFormat.OpenXml.Validation.OpenXmlValidator();
        Assert.Empty(validator.Validate(document));
    }

    [Fact]
    public void A_seeded_document_passes_the_OpenXML_validator()
    {
        scenario.SeedDistrict();
        var (document, stream) = Open();
        using var _ = stream;
        using var __ = document;
        Assert.Empty(new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document).Select(e => e.Path?.XPath + ": " + e.Description));
    }

    [Fact]
    public void A_units_report_has_only_its_section_and_its_updates()
    {
        var saved = scenario.SeedDistrict();
        var (document, stream) = Open(unit: "xã Mường So");
        using var _ = stream;
        using var __ = document;
        var paragraphs = BodyOf(document).Descendants<Paragraph>().Select(p => p.InnerText).ToList();
        Assert.Equal(["1. Ủy ban nhân dân các xã, thị trấn (mục IV.13 của Kế hoạch)"], paragraphs.Where(p => SectionHeading().IsMatch(p)));
        var text = string.Join("\n", paragraphs);
        Assert.Contains(saved[0].Receipt, text, StringComparison.Ordinal);
        Assert.DoesNotContain(saved[2].Receipt, text, StringComparison.Ordinal);
        Assert.Contains("(Xã Mường So)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_period_or_unit_gets_a_clear_message_and_no_file()
    {
        scenario.SeedDistrict();
        var future = scenario.Service.Create("2031", ReportFormat.Docx, (string?)null, Today);
        Assert.Null(future.File);
        Assert.Equal("Không có kỳ báo cáo \"2031\". Kỳ báo cáo được gọi theo năm kết thúc; hiện có: 2025–2027. Ví dụ: xuất báo cáo năm 2026", future.Error);
        Assert.Null(scenario.Service.Create("năm ngoái", ReportFormat.Docx, (string?)null, Today).File);
        Assert.Null(scenario.Service.Create("2024", ReportFormat.Docx, (string?)null, Today).File);
        var unit = scenario.Service.Create("2026", ReportFormat.Docx, "Sở Y tế Hà Nội", Today);
        Assert.Null(unit.File);
        Assert.StartsWith("Không tìm thấy đơn vị \"Sở Y tế Hà Nội\"", unit.Error, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\d+\. .+ \(mục IV\.\d+ của Kế hoạch\)$")]
    private static partial Regex SectionHeading();
}
