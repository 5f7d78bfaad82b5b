using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;

namespace PcgdBot.Reports;

/// <summary>Small builders of WordprocessingML elements in the administrative style (Times New Roman, sizes in points).</summary>
internal static class DocxParts
{
    public const string Font = "Times New Roman";
    public const int BodySize = 14;

    public static RunFonts Fonts() => new() { Ascii = Font, HighAnsi = Font, EastAsia = Font, ComplexScript = Font };

    public static Run Run(string text, int size = BodySize, bool bold = false, bool italic = false)
    {
        var properties = new RunProperties();
        if (bold)
        {
            properties.Append(new Bold());
        }

        if (italic)
        {
            properties.Append(new Italic());
        }

        var halfPoints = (size * 2).ToString(System.Globalization.CultureInfo.InvariantCulture);
        properties.Append(new FontSize { Val = halfPoints }, new FontSizeComplexScript { Val = halfPoints });
        return new Run(properties, new Text(text) { Space = SpaceProcessingModeValues.Preserve });
    }

    /// <summary>A body paragraph: justified, first line indented 1 cm, 6 pt after.</summary>
    public static Paragraph Body(params Run[] runs) =>
        Paragraph(JustificationValues.Both, firstLine: 567, after: 120, runs);

    public static Paragraph Centered(params Run[] runs) => Paragraph(JustificationValues.Center, firstLine: 0, after: 0, runs);

    public static Paragraph Paragraph(JustificationValues justification, int firstLine, int after, params Run[] runs)
    {
        var properties = new ParagraphProperties(
            new SpacingBetweenLines { Before = "0", After = after.ToString(System.Globalization.CultureInfo.InvariantCulture), Line = "276", LineRule = LineSpacingRuleValues.Auto },
            new Indentation { FirstLine = firstLine.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            new Justification { Val = justification });
        var paragraph = new Paragraph(properties);
        paragraph.Append(runs);
        return paragraph;
    }

    /// <summary>A centred horizontal rule <paramref name="width"/> twips long: an empty paragraph with a top border, indented from both sides.</summary>
    public static Paragraph Rule(int cellWidth, int width)
    {
        var side = Math.Max(0, (cellWidth - width) / 2).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new Paragraph(new ParagraphProperties(
            new ParagraphBorders(new TopBorder { Val = BorderValues.Single, Size = 6, Space = 1, Color = "000000" }),
            new SpacingBetweenLines { Before = "0", After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto },
            new Indentation { Left = side, Right = side },
            new Justification { Val = JustificationValues.Center }),
            new Run(new RunProperties(new FontSize { Val = "8" }), new Text(string.Empty)));
    }

    public static TableCell Cell(int width, params OpenXmlElement[] content)
    {
        var cell = new TableCell(new TableCellProperties(new TableCellWidth { Width = width.ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa }));
        cell.Append(content.Length == 0 ? [new Paragraph()] : content);
        return cell;
    }

    /// <summary>A table without borders (the heading block, the signature block).</summary>
    public static Table BorderlessTable(params int[] widths) => Table(BorderValues.None, widths);

    public static Table GridTable(params int[] widths) => Table(BorderValues.Single, widths);

    private static Table Table(BorderValues border, int[] widths)
    {
        var total = widths.Sum().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var table = new Table(new TableProperties(
            new TableWidth { Width = total, Type = TableWidthUnitValues.Dxa },
            new TableBorders(
                new TopBorder { Val = border, Size = 4 }, new LeftBorder { Val = border, Size = 4 }, new BottomBorder { Val = border, Size = 4 },
                new RightBorder { Val = border, Size = 4 }, new InsideHorizontalBorder { Val = border, Size = 4 }, new InsideVerticalBorder { Val = border, Size = 4 }),
            new TableLayout { Type = TableLayoutValues.Fixed },
            new TableCellMarginDefault(new TopMargin { Width = "0", Type = TableWidthUnitValues.Dxa }, new TableCellLeftMargin { Width = 57, Type = TableWidthValues.Dxa },
                new BottomMargin { Width = "0", Type = TableWidthUnitValues.Dxa }, new TableCellRightMargin { Width = 57, Type = TableWidthValues.Dxa })));
        table.Append(new TableGrid([.. widths.Select(w => new GridColumn { Width = w.ToString(System.Globalization.CultureInfo.InvariantCulture) })]));
        return table;
    }
}
