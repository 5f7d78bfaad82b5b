using System.Text;
using System.Text.RegularExpressions;
using PcgdBot.Plan;

namespace PcgdBot.Answers;

/// <summary>
/// The bot's Vietnamese reply texts, read from <c>dialogs/replies.vi.txt</c>: blocks headed "[key]" with
/// "{placeholders}". Validated at load: every key the bot needs is present and uses only placeholders it fills.
/// </summary>
public sealed partial class ReplyTemplates
{
    public const string FileName = "replies.vi.txt";

    /// <summary>The keys the bot uses, with the placeholders each may contain.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Required = new Dictionary<string, string[]>
    {
        ["greeting"] = ["name", "district", "capabilities"],
        ["help"] = ["capabilities"],
        ["capabilities"] = [],
        ["who.lead"] = ["section", "unit", "partners", "text"],
        ["who.owner"] = ["section", "unit", "partners", "text"],
        ["who.support"] = ["section", "unit", "leads", "text"],
        ["who.partners"] = ["units"],
        ["who.also"] = ["section", "unit", "text"],
        ["who.also.support"] = ["section", "unit", "text"],
        ["duties.led-elsewhere"] = ["unit", "items"],
        ["duties.led-elsewhere.item"] = ["section", "partner"],
        ["deadline.own"] = ["unit", "date", "recipient", "section"],
        ["deadline.own.receives"] = ["unit", "date", "reporters"],
        ["unit.unknown"] = ["name", "nearest"],
        ["duties.heading"] = ["unit", "section"],
        ["duties.item"] = ["number", "text"],
        ["duties.supporting"] = ["unit", "items"],
        ["duties.supporting.item"] = ["section", "lead"],
        ["duties.only-supporting"] = ["unit", "items"],
        ["duties.reporting"] = ["recipient", "date", "section"],
        ["deadline.heading"] = ["section"],
        ["deadline.item"] = ["date", "reporters", "recipient"],
        ["target.heading"] = ["year", "section"],
        ["target.item"] = ["value", "text"],
        ["target.item.plain"] = ["text"],
        ["documents.heading"] = [],
        ["documents.item"] = ["kind", "number", "date", "issuer"],
        ["content"] = ["section", "title", "text"],
        ["out-of-scope"] = ["capabilities"],
        ["unclear"] = ["capabilities"],
    };

    private readonly Dictionary<string, string> templates;

    private ReplyTemplates(Dictionary<string, string> templates) => this.templates = templates;

    public static ReplyTemplates Load(string directory) => Load(directory, FileName, Required);

    /// <summary>Loads another template file of the content folder, checked against its own list of keys.</summary>
    public static ReplyTemplates Load(string directory, string fileName, IReadOnlyDictionary<string, string[]> required) =>
        Parse(File.ReadAllText(Path.Combine(directory, fileName), Encoding.UTF8), fileName, required);

    /// <exception cref="TemplateException">A key is missing, repeated, or uses a placeholder it may not.</exception>
    public static ReplyTemplates Parse(string text, string sourceName) => Parse(text, sourceName, Required);

    /// <exception cref="TemplateException">A key is missing, repeated, not one of <paramref name="required"/>, or uses a placeholder it may not.</exception>
    public static ReplyTemplates Parse(string text, string sourceName, IReadOnlyDictionary<string, string[]> required)
    {
        var templates = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        string? key = null;
        var body = new StringBuilder();
        var lineNumber = 0;

        void Close()
        {
            if (key is not null)
            {
                templates[key] = body.ToString().Trim('\n', '\r', ' ');
            }

            body.Clear();
        }

        foreach (var rawLine in text.Replace("\r\n", "\n").Split('\n'))
        {
            lineNumber++;
            var line = rawLine.TrimEnd();
            if (line.StartsWith('#'))
            {
                continue;
            }

            if (KeyLine().Match(line) is { Success: true } header)
            {
                Close();
                key = header.Groups[1].Value;
                if (!lines.TryAdd(key, lineNumber))
                {
                    throw new TemplateException(sourceName, lineNumber, $"mẫu [{key}] bị lặp lại (already defined at line {lines[key]})");
                }

                continue;
            }

            if (key is null)
            {
                if (line.Length > 0)
                {
                    throw new TemplateException(sourceName, lineNumber, "nội dung nằm trước mẫu đầu tiên; hãy bắt đầu bằng một dòng [tên-mẫu]");
                }

                continue;
            }

            // Keep a leading space in "who.partners" (", phối hợp với …") by preserving the raw line.
            body.Append(rawLine.TrimEnd('\r')).Append('\n');
        }

        Close();
        foreach (var (requiredKey, allowed) in required)
        {
            if (!templates.TryGetValue(requiredKey, out var template))
            {
                throw new TemplateException(sourceName, lineNumber, $"thiếu mẫu [{requiredKey}] (missing template)");
            }

            foreach (Match placeholder in Placeholder().Matches(template))
            {
                var name = placeholder.Groups[1].Value;
                if (!allowed.Contains(name))
                {
                    throw new TemplateException(
                        sourceName,
                        lines[requiredKey],
                        $"mẫu [{requiredKey}] dùng {{{name}}}, chỉ được dùng: {(allowed.Length == 0 ? "(không có)" : string.Join(", ", allowed.Select(a => "{" + a + "}")))}");
                }
            }
        }

        foreach (var (definedKey, line) in lines)
        {
            if (!required.ContainsKey(definedKey))
            {
                throw new TemplateException(sourceName, line, $"mẫu [{definedKey}] không được dùng (unknown template)");
            }
        }

        return new ReplyTemplates(templates);
    }

    /// <summary>Fills a template; values not given become empty.</summary>
    public string Render(string key, params (string Name, string Value)[] values)
    {
        var template = templates[key];
        return Placeholder().Replace(template, m =>
        {
            var name = m.Groups[1].Value;
            foreach (var (n, v) in values)
            {
                if (n == name)
                {
                    return v;
                }
            }

            return string.Empty;
        });
    }

    [GeneratedRegex(@"^\[([a-z0-9.\-]+)\]\s*$")]
    private static partial Regex KeyLine();

    [GeneratedRegex(@"\{([a-z]+)\}")]
    private static partial Regex Placeholder();
}

/// <summary>A reply-template file that cannot be used; the message names the file and line.</summary>
public sealed class TemplateException(string fileName, int line, string reason) : ContentFileException(fileName, line, reason);
