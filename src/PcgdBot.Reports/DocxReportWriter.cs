using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using static PcgdBot.Reports.DocxParts;

namespace PcgdBot.Reports;

/// <summary>
/// Writes the report as a Word document in the layout of Nghị định 30/2020/NĐ-CP (Phụ lục I): A4 portrait, margins
/// 20/20/30/15 mm, Times New Roman in all four font slots, 14 pt justified body with a first-line indent, page numbers
/// centred at the top from page 2, the heading as a borderless two-column table.
/// </summary>
public static class DocxReportWriter
{
    public const string MediaType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    // A4 and the margins, in twentieths of a point.
    public const int PageWidth = 11906, PageHeight = 16838;
    public const int MarginTop = 1134, MarginBottom = 1134, MarginLeft = 1701, MarginRight = 851;
    private const int TextWidth = PageWidth - MarginLeft - MarginRight;
    private const int LeftColumn = 3980, RightColumn = TextWidth - LeftColumn;

    public static byte[] Write(AnnualReport report)
    {
        using var stream = new MemoryStream();
        Write(report, stream);
        return stream.ToArray();
    }

    public static void Write(AnnualReport report, Stream stream)
    {
        using var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document);
        var main = document.AddMainDocumentPart();
        AddStyles(main);
        var body = new Body();
        main.Document = new Document(body);

        body.Append(HeadingTable(report.Header));
        body.Append(Paragraph(JustificationValues.Center, 0, 0, Run(string.Empty)));
        body.Append(Centered(Run(ReportWording.Title, bold: true)));
        body.Append(Centered(Run(report.Header.Subject, bold: true)));
        body.Append(Rule(TextWidth, 2000));
        body.Append(Paragraph(JustificationValues.Center, 0, 120, Run(string.Empty)));

        var part = 0;
        Summary(body, report, ++part);
        Sections(body, report, ++part);
        if (report.Communes.Rows.Count > 0)
        {
            Communes(body, report.Communes, ++part);
        }

        Missing(body, report, ++part);
        if (report.Targets.Count > 0)
        {
            Targets(body, report, ++part);
        }

        body.Append(Body(Run($"Trên đây là báo cáo kết quả thực hiện Kế hoạch năm {report.Period} của {report.Header.OfficeName}.")));
        body.Append(SignatureTable(report));
        body.Append(PageSetup(main));
        main.Document.Save();
    }

    private static void AddStyles(MainDocumentPart main)
    {
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        var size = (BodySize * 2).ToString(CultureInfo.InvariantCulture);
        styles.Styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(Fonts(), new FontSize { Val = size }, new FontSizeComplexScript { Val = size }, new Languages { Val = "vi-VN" })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "0", Line = "276", LineRule = LineSpacingRuleValues.Auto }))),
            new Style(
                new StyleName { Val = "Normal" },
                new PrimaryStyle(),
                new StyleRunProperties(Fonts(), new FontSize { Val = size }, new FontSizeComplexScript { Val = size }))
            { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true });
        styles.Styles.Save();
    }

    /// <summary>The heading block: authority and office left, Quốc hiệu and tiêu ngữ right; number and date line below.</summary>
    private static Table HeadingTable(ReportHeader header)
    {
        var table = BorderlessTable(LeftColumn, RightColumn);
        table.Append(new TableRow(
            Cell(LeftColumn,
                Centered(Run(header.ParentAuthority, size: 12)),
                Centered(Run(header.IssuingOffice, size: 12, bold: true)),
                Rule(LeftColumn, 1200)),
            Cell(RightColumn,
                Centered(Run(ReportWording.NationalName, size: 12, bold: true)),
                Centered(Run(ReportWording.Motto, size: 13, bold: true)),
                // The rule under the motto is as long as the motto (about 3,050 twips at 13 pt bold).
                Rule(RightColumn, 3050))));
        table.Append(new TableRow(
            Cell(LeftColumn, Paragraph(JustificationValues.Center, 0, 0, Run(string.Empty, size: 6)), Centered(Run(header.NumberLine, size: 13))),
            Cell(RightColumn, Paragraph(JustificationValues.Center, 0, 0, Run(string.Empty, size: 6)), Centered(Run(header.DateLine, size: 14, italic: true)))));
        return table;
    }

    private static Paragraph Heading(string text) => Paragraph(JustificationValues.Both, 567, 120, Run(text, bold: true));

    private static void Summary(Body body, AnnualReport report, int part)
    {
        var s = report.Summary;
        body.Append(Heading($"{Roman(part)}. KHÁI QUÁT"));
        var deadline = ReportWording.Date(report.Deadline);
        if (s.Updates == 0)
        {
            body.Append(Body(Run($"Trong kỳ báo cáo năm {report.Period} (hạn ngày {deadline}), chưa có đơn vị nào gửi báo cáo; {s.ReportingUnits} đơn vị chưa báo cáo.")));
            return;
        }

        body.Append(Body(Run($"Trong kỳ báo cáo năm {report.Period}, tính đến hạn ngày {deadline}: {s.OnTime}/{s.ReportingUnits} đơn vị báo cáo đúng hạn, {s.Late} đơn vị báo cáo sau hạn, {s.Missing} đơn vị chưa báo cáo; tổng số {s.Updates.ToString("N0", CultureInfo.GetCultureInfo("vi-VN"))} báo cáo cập nhật.")));
        if (s.Communes > 0)
        {
            body.Append(Body(Run($"Trong đó cấp xã: {s.CommunesOnTime}/{s.Communes} xã, thị trấn báo cáo đúng hạn, {s.CommunesLate} báo cáo sau hạn, {s.CommunesMissing} chưa báo cáo.")));
        }
    }

    private static void Sections(Body body, AnnualReport report, int part)
    {
        body.Append(Heading($"{Roman(part)}. KẾT QUẢ THỰC HIỆN CỦA CÁC ĐƠN VỊ"));
        var number = 0;
        foreach (var section in report.Sections)
        {
            body.Append(Paragraph(JustificationValues.Both, 567, 120, Run($"{++number}. {section.UnitName} ", bold: true), Run($"(mục {section.Section} của Kế hoạch)", italic: true)));
            foreach (var duty in section.Duties)
            {
                var label = duty.DutyId is null ? ReportWording.OtherWork + ": " : $"Nhiệm vụ {duty.DutyId}: ";
                body.Append(Body(Run(label, bold: true, italic: true), Run(duty.DutyId is null ? string.Empty : duty.Text, italic: true)));
                if (duty.Updates.Count == 0)
                {
                    body.Append(Body(Run("- " + ReportWording.NotReported)));
                    continue;
                }

                foreach (var line in duty.Updates)
                {
                    body.Append(Body(Run(UpdateText(line, duty.DutyId is null))));
                }
            }
        }
    }

    /// <summary>"- BC-0042, Xã Mường So, ngày 05/11/2026: Đang thực hiện; 80%; Đã mở 3 lớp XMC."</summary>
    internal static string UpdateText(UpdateLine line, bool withTask)
    {
        var u = line.Update;
        var parts = new List<string> { ReportWording.Status(u.Status) };
        if (u.Figure is { Length: > 0 } figure)
        {
            parts.Add(figure);
        }

        if (withTask && u.Task.Length > 0)
        {
            parts.Add(u.Task);
        }

        if (u.Note is { Length: > 0 } note)
        {
            parts.Add(note.TrimEnd('.'));
        }

        var late = line.Late ? " (sau hạn)" : string.Empty;
        return $"- {u.Receipt}, {line.UnitName}, ngày {ReportWording.Date(line.Date)}{late}: {string.Join("; ", parts)}.";
    }

    private static void Communes(Body body, CommuneTable table, int part)
    {
        body.Append(Heading($"{Roman(part)}. TỔNG HỢP THEO XÃ, THỊ TRẤN"));
        const int numberWidth = 600, nameWidth = 2300;
        var dutyWidth = table.Duties.Count == 0 ? 0 : (TextWidth - numberWidth - nameWidth) / table.Duties.Count;
        var grid = GridTable([numberWidth, nameWidth, .. table.Duties.Select(_ => dutyWidth)]);
        grid.Append(new TableRow([
            Cell(numberWidth, Centered(Run("TT", 12, bold: true))),
            Cell(nameWidth, Centered(Run("Xã, thị trấn", 12, bold: true))),
            .. table.Duties.Select(d => Cell(dutyWidth, Centered(Run("Nhiệm vụ " + d.DutyId, 12, bold: true)))),
        ]));
        var row = 0;
        foreach (var commune in table.Rows)
        {
            grid.Append(new TableRow([
                Cell(numberWidth, Centered(Run((++row).ToString(CultureInfo.InvariantCulture), 12))),
                Cell(nameWidth, Paragraph(JustificationValues.Left, 0, 0, Run(commune.Name, 12))),
                .. commune.Cells.Select(cell => Cell(dutyWidth, Centered(Run(CellText(cell), 12)))),
            ]));
        }

        body.Append(grid);
        foreach (var duty in table.Duties)
        {
            body.Append(Paragraph(JustificationValues.Both, 0, 0, Run($"Nhiệm vụ {duty.DutyId}: ", 12, italic: true, bold: true), Run(duty.Text, 12, italic: true)));
        }

        body.Append(Paragraph(JustificationValues.Both, 0, 120, Run(string.Empty, 12)));
    }

    internal static string CellText(UpdateLine? line) => line is null
        ? "Chưa báo cáo"
        : line.Update.Figure is { Length: > 0 } figure ? $"{ReportWording.Status(line.Update.Status)} ({figure})" : ReportWording.Status(line.Update.Status);

    private static void Missing(Body body, AnnualReport report, int part)
    {
        body.Append(Heading($"{Roman(part)}. CÁC ĐƠN VỊ CHƯA BÁO CÁO"));
        var missing = report.Missing.ToList();
        if (missing.Count == 0)
        {
            body.Append(Body(Run("Tất cả các đơn vị đã báo cáo.")));
            return;
        }

        body.Append(Body(Run($"Có {missing.Count} đơn vị chưa báo cáo:")));
        foreach (var unit in missing)
        {
            body.Append(Body(Run($"- {unit.Unit.Name}" + (unit.PlanSection.Length > 0 ? $" (mục {unit.PlanSection});" : ";"))));
        }
    }

    private static void Targets(Body body, AnnualReport report, int part)
    {
        var heading = report.TargetsHeading ?? "Mục tiêu";
        body.Append(Heading($"{Roman(part)}. {heading.ToUpper(CultureInfo.GetCultureInfo("vi-VN"))} (THEO KẾ HOẠCH)"));
        foreach (var target in report.Targets)
        {
            var text = target.Text.Trim().TrimEnd('.', ';');
            body.Append(Body(Run("- " + char.ToUpper(text[0], CultureInfo.GetCultureInfo("vi-VN")) + text[1..] + ".")));
        }
    }

    private static Table SignatureTable(AnnualReport report)
    {
        const int left = 4100, right = TextWidth - left;
        var recipients = new List<OpenXmlElement> { Paragraph(JustificationValues.Left, 0, 0, Run(ReportWording.RecipientsLabel, 12, bold: true, italic: true)) };
        recipients.AddRange(report.Recipients.Select(r => Paragraph(JustificationValues.Left, 0, 0, Run("- " + r, 11))));
        var title = report.Signature.Title ?? ReportWording.DottedName;
        var signer = new List<OpenXmlElement>();
        signer.AddRange(title.Split('\n').Select(line => Centered(Run(line.Trim(), 14, bold: true))));
        signer.AddRange(Enumerable.Range(0, 4).Select(_ => Centered(Run(string.Empty))));
        signer.Add(Centered(Run(report.Signature.Name ?? ReportWording.DottedName, 14, bold: true)));
        var table = BorderlessTable(left, right);
        table.Append(new TableRow(Cell(left, [.. recipients]), Cell(right, [.. signer])));
        return table;
    }

    /// <summary>A4 portrait with the margins; a distinct first page without a number, then the number centred at the top.</summary>
    private static SectionProperties PageSetup(MainDocumentPart main)
    {
        var numbered = main.AddNewPart<HeaderPart>();
        numbered.Header = new Header(new Paragraph(
            new ParagraphProperties(new Justification { Val = JustificationValues.Center }),
            Run(string.Empty, 14),
            new Run(new FieldChar { FieldCharType = FieldCharValues.Begin }),
            new Run(new FieldCode(" PAGE ") { Space = SpaceProcessingModeValues.Preserve }),
            new Run(new FieldChar { FieldCharType = FieldCharValues.Separate }),
            Run("2", 14),
            new Run(new FieldChar { FieldCharType = FieldCharValues.End })));
        numbered.Header.Save();
        var first = main.AddNewPart<HeaderPart>();
        first.Header = new Header(new Paragraph());
        first.Header.Save();
        return new SectionProperties(
            new HeaderReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(numbered) },
            new HeaderReference { Type = HeaderFooterValues.First, Id = main.GetIdOfPart(first) },
            new PageSize { Width = PageWidth, Height = PageHeight, Orient = PageOrientationValues.Portrait },
            new PageMargin { Top = MarginTop, Bottom = MarginBottom, Left = MarginLeft, Right = MarginRight, Header = 567, Footer = 567, Gutter = 0 },
            new TitlePage());
    }

    private static string Roman(int number) => number switch
    {
        1 => "I", 2 => "II", 3 => "III", 4 => "IV", 5 => "V", 6 => "VI", 7 => "VII", _ => number.ToString(CultureInfo.InvariantCulture),
    };
}
