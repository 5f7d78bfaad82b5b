using System.Text;
using System.Text.RegularExpressions;
using PcgdBot.Plan;
using YamlDotNet.RepresentationModel;

namespace PcgdBot.Dialogs.Understanding;

/// <summary>An entity marked in an example, Rasa style: "[Mường So](commune)".</summary>
public sealed record ExampleEntity(string Name, string Value, int Start, int Length);

/// <summary>One example utterance of an intent, where it was written.</summary>
public sealed record IntentExample(string Intent, string Text, IReadOnlyList<ExampleEntity> Entities, string FileName, int Line);

/// <summary>An NLU file that cannot be used; the message names the file and line.</summary>
public sealed class NluFormatException(string fileName, int line, string reason) : ContentFileException(fileName, line, reason);

/// <summary>
/// Reads <c>dialogs/nlu/*.yml</c>: the intents and their example utterances in the format Rasa users know
/// (<c>nlu:</c> / <c>- intent: x</c> / <c>examples: |</c> with one "- example" a line, entities as "[text](entity)").
/// Every problem stops the load with <c>file:line: reason</c>.
/// </summary>
public static partial class IntentExamples
{
    public const string FolderName = "nlu";

    /// <summary>The entities an example may mark; they are recognised at run time by the existing recognizers.</summary>
    public static readonly IReadOnlySet<string> KnownEntities = new HashSet<string>(StringComparer.Ordinal)
    {
        "unit", "commune", "duty", "section", "status", "figure", "period",
    };

    private static readonly string[] FileKeys = ["version", "nlu"];
    private static readonly string[] IntentKeys = ["intent", "examples"];

    /// <summary>Reads every <c>.yml</c>/<c>.yaml</c> file of the folder; at least one intent must be known.</summary>
    public static IReadOnlyList<IntentExample> Load(string contentDirectory, IReadOnlySet<string>? requiredIntents = null)
    {
        var folder = Path.Combine(contentDirectory, FolderName);
        if (!Directory.Exists(folder))
        {
            throw new NluFormatException(FolderName, 0, "không tìm thấy thư mục ví dụ ý định (nlu folder not found)");
        }

        var examples = new List<IntentExample>();
        foreach (var path in Directory.GetFiles(folder).Where(p => p.EndsWith(".yml", StringComparison.Ordinal) || p.EndsWith(".yaml", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            examples.AddRange(Parse(File.ReadAllText(path, Encoding.UTF8), Path.Combine(FolderName, Path.GetFileName(path))));
        }

        Check(examples, requiredIntents);
        return examples;
    }

    /// <summary>Checks across files: the same example under two intents, intents with too few examples, missing intents.</summary>
    public static void Check(IReadOnlyList<IntentExample> examples, IReadOnlySet<string>? requiredIntents)
    {
        if (examples.Count == 0)
        {
            throw new NluFormatException(FolderName, 0, "chưa có ví dụ nào (no examples)");
        }

        var seen = new Dictionary<string, IntentExample>(StringComparer.Ordinal);
        foreach (var example in examples)
        {
            var key = IntentText.Normalize(example.Text);
            if (seen.TryGetValue(key, out var earlier) && earlier.Intent != example.Intent)
            {
                throw new NluFormatException(example.FileName, example.Line, $"câu \"{example.Text}\" đã là ví dụ của \"{earlier.Intent}\" ở {earlier.FileName}:{earlier.Line} (the same example under two intents)");
            }

            seen.TryAdd(key, example);
        }

        foreach (var group in examples.GroupBy(e => e.Intent).Where(g => g.Count() < 2))
        {
            var first = group.First();
            throw new NluFormatException(first.FileName, first.Line, $"ý định \"{group.Key}\" cần ít nhất 2 câu ví dụ (too few examples)");
        }

        foreach (var missing in (requiredIntents ?? new HashSet<string>()).Where(i => examples.All(e => e.Intent != i)))
        {
            throw new NluFormatException(FolderName, 0, $"thiếu ý định \"{missing}\" mà bot cần (missing intent)");
        }
    }

    public static IReadOnlyList<IntentExample> Parse(string yaml, string fileName)
    {
        var root = YamlNodes.ReadRoot(yaml, "tệp ví dụ phải bắt đầu bằng \"nlu:\" (expected a mapping with nlu:)", Error(fileName));
        YamlNodes.CheckKeys(root, FileKeys, Error(fileName));
        if (YamlNodes.Child(root, "nlu") is not YamlSequenceNode items)
        {
            throw new NluFormatException(fileName, YamlNodes.Line(root), "thiếu danh sách \"nlu:\" (missing nlu list)");
        }

        var examples = new List<IntentExample>();
        var intents = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items.Children)
        {
            if (item is not YamlMappingNode mapping)
            {
                throw new NluFormatException(fileName, YamlNodes.Line(item), "mỗi mục là \"- intent: …\" với \"examples: |\" (an item must be a mapping)");
            }

            YamlNodes.CheckKeys(mapping, IntentKeys, Error(fileName));
            var intent = YamlNodes.RequiredScalar(mapping, "intent", Error(fileName)).Trim();
            if (!IntentName().IsMatch(intent))
            {
                throw new NluFormatException(fileName, YamlNodes.Line(mapping), $"tên ý định \"{intent}\" chỉ gồm chữ thường không dấu, số và dấu gạch dưới (invalid intent name)");
            }

            if (!intents.Add(intent))
            {
                throw new NluFormatException(fileName, YamlNodes.Line(mapping), $"ý định \"{intent}\" bị lặp lại trong tệp (duplicate intent)");
            }

            if (YamlNodes.Child(mapping, "examples") is not YamlScalarNode { Value: { } block } node)
            {
                throw new NluFormatException(fileName, YamlNodes.Line(mapping), $"ý định \"{intent}\" thiếu \"examples: |\" (missing examples)");
            }

            // A literal block starts on the line after "examples: |"; a plain or quoted scalar on its own line.
            var firstLine = YamlNodes.Line(node) + (node.Style is YamlDotNet.Core.ScalarStyle.Literal or YamlDotNet.Core.ScalarStyle.Folded ? 1 : 0);
            var lines = block.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].Trim();
                if (line.Length == 0 || line.StartsWith('#'))
                {
                    continue;
                }

                if (!line.StartsWith("- ", StringComparison.Ordinal))
                {
                    throw new NluFormatException(fileName, firstLine + i, $"mỗi câu ví dụ bắt đầu bằng \"- \" (an example line must start with \"- \")");
                }

                examples.Add(ParseExample(intent, line[2..].Trim(), fileName, firstLine + i));
            }
        }

        return examples;
    }

    private static IntentExample ParseExample(string intent, string annotated, string fileName, int line)
    {
        if (annotated.Length == 0)
        {
            throw new NluFormatException(fileName, line, "câu ví dụ trống (empty example)");
        }

        var text = new StringBuilder();
        var entities = new List<ExampleEntity>();
        var position = 0;
        foreach (Match match in Annotation().Matches(annotated))
        {
            text.Append(annotated, position, match.Index - position);
            var name = match.Groups["entity"].Value;
            if (!KnownEntities.Contains(name))
            {
                throw new NluFormatException(fileName, line, $"thực thể \"{name}\" không có; dùng: {string.Join(", ", KnownEntities.Order())} (unknown entity)");
            }

            entities.Add(new ExampleEntity(name, match.Groups["value"].Value, text.Length, match.Groups["value"].Length));
            text.Append(match.Groups["value"].Value);
            position = match.Index + match.Length;
        }

        text.Append(annotated, position, annotated.Length - position);
        var plain = text.ToString();
        if (plain.Contains('[') || plain.Contains("]("))
        {
            throw new NluFormatException(fileName, line, "đánh dấu thực thể viết là [chữ](tên), ví dụ [Mường So](commune) (malformed entity mark)");
        }

        return new IntentExample(intent, plain, entities, fileName, line);
    }

    private static YamlNodes.ErrorAt Error(string fileName) => (line, reason) => new NluFormatException(fileName, line, reason);

    [GeneratedRegex(@"^[a-z][a-z0-9_]*$")]
    private static partial Regex IntentName();

    [GeneratedRegex(@"\[(?<value>[^\[\]]+)\]\((?<entity>[a-z_]+)\)")]
    private static partial Regex Annotation();
}
