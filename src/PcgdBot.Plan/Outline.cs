using System.Text.RegularExpressions;

namespace PcgdBot.Plan;

internal enum PartKind
{
    Purpose,
    Objectives,
    Tasks,
    Implementation,
    Other,
}

internal sealed record OutlineSection(string Id, string Title, int Line, List<PlanBlock> Paragraphs);

internal sealed record OutlinePart(string Numeral, string Title, PartKind Kind, int Line, List<PlanBlock> Paragraphs, List<OutlineSection> Sections)
{
    public bool Is(PartKind kind) => Kind == kind;
}

/// <summary>The plan's skeleton: title, preamble, parts ("I.", "II.") and their numbered sections.</summary>
internal sealed partial class Outline
{
    public string? Title { get; private set; }

    public List<PlanBlock> Preamble { get; } = [];

    public List<OutlinePart> Parts { get; } = [];

    public IEnumerable<PlanSection> AllSections()
    {
        foreach (var part in Parts)
        {
            yield return new PlanSection(part.Numeral, part.Title, string.Join("\n", part.Paragraphs.Select(p => p.Text)), part.Line);
            foreach (var section in part.Sections)
            {
                yield return new PlanSection(section.Id, section.Title, string.Join("\n", section.Paragraphs.Select(p => p.Text)), section.Line);
            }
        }
    }

    public static Outline Build(List<PlanBlock> blocks, string sourceName)
    {
        var outline = new Outline();
        OutlinePart? part = null;
        OutlineSection? section = null;
        var expectTitle = false;
        foreach (var block in blocks)
        {
            var folded = VietnameseText.Fold(block.Text);
            if (IsClosing(block, folded))
            {
                break;
            }

            if (block.Kind is BlockKind.Heading or BlockKind.Paragraph && PartHeading().Match(block.Text) is { Success: true } partMatch)
            {
                var title = partMatch.Groups["title"].Value.Trim();
                var numeral = partMatch.Groups["numeral"].Value;
                if (outline.Parts.Any(p => p.Numeral == numeral))
                {
                    throw new PlanFormatException(sourceName, block.Line, $"phần {numeral} xuất hiện hai lần (part {numeral} appears twice)");
                }

                part = new OutlinePart(numeral, title, KindOf(VietnameseText.Fold(title)), block.Line, [], []);
                outline.Parts.Add(part);
                section = null;
                continue;
            }

            if (part is null)
            {
                // Before part I: the heading "KẾ HOẠCH", the title under it, and the preamble citing the base documents.
                if (block.Kind == BlockKind.Heading && folded == "ke hoach")
                {
                    expectTitle = true;
                }
                else if (expectTitle && block.Kind == BlockKind.Heading)
                {
                    outline.Title = block.Text;
                    expectTitle = false;
                }

                outline.Preamble.Add(block);
                continue;
            }

            if (block.Kind is BlockKind.Heading or BlockKind.Paragraph && SectionHeading().Match(block.Text) is { Success: true } sectionMatch)
            {
                var number = int.Parse(sectionMatch.Groups["number"].Value, System.Globalization.CultureInfo.InvariantCulture);
                var expected = part.Sections.Count + 1;
                if (number != expected)
                {
                    throw new PlanFormatException(
                        sourceName,
                        block.Line,
                        $"mục {part.Numeral}.{number} không đúng thứ tự, cần mục {part.Numeral}.{expected} (sections must be numbered 1, 2, 3, …)");
                }

                section = new OutlineSection($"{part.Numeral}.{number}", sectionMatch.Groups["title"].Value.Trim().TrimEnd(':'), block.Line, []);
                part.Sections.Add(section);
                continue;
            }

            if (block.Kind == BlockKind.Heading && part.Kind == PartKind.Implementation)
            {
                throw new PlanFormatException(
                    sourceName,
                    block.Line,
                    $"tiêu đề \"{block.Text}\" trong phần {part.Numeral} không có số mục (a heading in part {part.Numeral} must be numbered: \"1. Phòng …\")");
            }

            if (section is null)
            {
                if (part.Kind == PartKind.Implementation && block.Kind is BlockKind.Bullet or BlockKind.SubBullet)
                {
                    throw new PlanFormatException(
                        sourceName,
                        block.Line,
                        $"gạch đầu dòng nằm ngoài mục đánh số nào của phần {part.Numeral} (a bullet before the first numbered section)");
                }

                part.Paragraphs.Add(block);
                continue;
            }

            section.Paragraphs.Add(block);
        }

        if (outline.Parts.Count == 0)
        {
            throw new PlanFormatException(
                sourceName,
                1,
                "không tìm thấy phần nào dạng \"I. …\", \"II. …\" (no parts numbered with Roman numerals)");
        }

        return outline;
    }

    /// <summary>The body ends at "Trên đây là Kế hoạch …" or at "Nơi nhận:"; signatures and recipients are not the plan.</summary>
    private static bool IsClosing(PlanBlock block, string folded) =>
        folded.StartsWith("tren day la", StringComparison.Ordinal)
        || (block.Kind == BlockKind.Heading && folded.StartsWith("noi nhan", StringComparison.Ordinal));

    private static PartKind KindOf(string foldedTitle) => foldedTitle switch
    {
        _ when foldedTitle.Contains("to chuc thuc hien", StringComparison.Ordinal) => PartKind.Implementation,
        _ when foldedTitle.Contains("muc tieu", StringComparison.Ordinal) => PartKind.Objectives,
        _ when foldedTitle.Contains("nhiem vu", StringComparison.Ordinal) || foldedTitle.Contains("giai phap", StringComparison.Ordinal) => PartKind.Tasks,
        _ when foldedTitle.Contains("muc dich", StringComparison.Ordinal) => PartKind.Purpose,
        _ => PartKind.Other,
    };

    [GeneratedRegex(@"^(?<numeral>[IVX]{1,4})\.\s+(?<title>\S.*)$")]
    private static partial Regex PartHeading();

    [GeneratedRegex(@"^(?<number>\d{1,2})\.\s+(?<title>\S.*)$")]
    private static partial Regex SectionHeading();
}
