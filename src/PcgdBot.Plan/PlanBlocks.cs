using System.Text.RegularExpressions;

namespace PcgdBot.Plan;

internal enum BlockKind
{
    Heading,
    Bullet,
    SubBullet,
    Paragraph,
}

/// <summary>One logical block of the plan: a heading, a bullet or a paragraph, with the line it starts on.</summary>
internal sealed record PlanBlock(BlockKind Kind, string Text, int Line);

/// <summary>
/// Turns the plan's Markdown-like text into blocks: strips emphasis, recognises headings and bullets,
/// and re-joins paragraphs that a page break cut in two ("… đáp ứng" / "yêu cầu đổi mới …").
/// </summary>
internal static partial class PlanBlocks
{
    public static List<PlanBlock> Read(string text)
    {
        var blocks = new List<PlanBlock>();
        var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var raw = lines[index].Trim();
            if (raw.Length == 0)
            {
                continue;
            }

            var (kind, content) = Classify(raw);
            if (content.Length == 0)
            {
                continue;
            }

            if (kind == BlockKind.Paragraph && blocks.Count > 0 && ContinuesPrevious(blocks[^1], content))
            {
                var previous = blocks[^1];
                blocks[^1] = previous with { Text = previous.Text + " " + content };
                continue;
            }

            blocks.Add(new PlanBlock(kind, content, index + 1));
        }

        return blocks;
    }

    private static (BlockKind Kind, string Content) Classify(string line)
    {
        if (line.StartsWith('#'))
        {
            return (BlockKind.Heading, Clean(line.TrimStart('#')));
        }

        if (line.StartsWith("**", StringComparison.Ordinal) && line.TrimEnd().EndsWith("**", StringComparison.Ordinal) && line.Length > 4)
        {
            return (BlockKind.Heading, Clean(line));
        }

        if (BulletMarker().Match(line) is { Success: true } bullet)
        {
            var kind = bullet.Groups[1].Value == "+" ? BlockKind.SubBullet : BlockKind.Bullet;
            return (kind, Clean(line[bullet.Length..]));
        }

        return (BlockKind.Paragraph, Clean(line));
    }

    /// <summary>A page break splits a sentence: the previous block does not end a sentence and this one starts in lower case.</summary>
    private static bool ContinuesPrevious(PlanBlock previous, string content) =>
        previous.Kind is BlockKind.Paragraph or BlockKind.Bullet or BlockKind.SubBullet
        && !EndsSentence(previous.Text)
        && char.IsLower(content[0]);

    private static bool EndsSentence(string text) => text.Length > 0 && ".;:!?".Contains(text[^1]);

    /// <summary>Removes Markdown emphasis and collapses white space.</summary>
    private static string Clean(string text)
    {
        var withoutEmphasis = text.Replace("**", string.Empty).Replace("*", string.Empty).Replace("__", string.Empty);
        return Whitespace().Replace(withoutEmphasis, " ").Trim();
    }

    [GeneratedRegex(@"^([-+•–])\s+")]
    private static partial Regex BulletMarker();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
