using System.Text;
using System.Text.RegularExpressions;
using PcgdBot.Plan;
using YamlDotNet.RepresentationModel;

namespace PcgdBot.Dialogs;

/// <summary>What the application can do for dialogs: the actions and run-time lists a dialog file may name.</summary>
/// <param name="Placeholders">Placeholders the application fills (besides earlier answers), e.g. "preview".</param>
public sealed record DialogCapabilities(IReadOnlySet<string> Actions, IReadOnlySet<string> ChoiceSources, IReadOnlySet<string>? Placeholders = null);

/// <summary>
/// Reads <c>dialogs/flows/*.yaml</c> (one dialog per file) and <c>_runtime.yaml</c> (command words and the
/// runtime's texts), and checks them all: a bad file stops the load with its name, line and reason.
/// </summary>
public static partial class DialogLoader
{
    public const string FolderName = "flows";
    public const string RuntimeFileName = "_runtime.yaml";

    private const int DefaultMaxAttempts = 3;
    private const int DefaultMaxLength = 500;
    private const int LongestText = 4000;

    private static readonly string[] DialogKeys = ["id", "title", "triggers", "action", "start", "steps"];
    private static readonly string[] StepKeys =
        ["id", "type", "ask", "retry", "help", "choices", "choices-from", "optional", "max-attempts", "max-length", "min", "max", "auto-select-single", "when", "on-no"];

    public static DialogCatalog Load(string contentDirectory, DialogCapabilities capabilities)
    {
        var folder = Path.Combine(contentDirectory, FolderName);
        if (!Directory.Exists(folder))
        {
            throw new DialogFormatException(FolderName, 0, "không tìm thấy thư mục hội thoại (dialogs folder not found)");
        }

        var runtimePath = Path.Combine(folder, RuntimeFileName);
        if (!File.Exists(runtimePath))
        {
            throw new DialogFormatException(Path.Combine(FolderName, RuntimeFileName), 0, "thiếu tệp lệnh chung của hội thoại (missing runtime file)");
        }

        var runtime = ParseRuntime(File.ReadAllText(runtimePath, Encoding.UTF8), Path.Combine(FolderName, RuntimeFileName));
        var dialogs = new List<DialogDefinition>();
        foreach (var path in Directory.GetFiles(folder, "*.yaml").Where(p => Path.GetFileName(p) != RuntimeFileName).Order(StringComparer.Ordinal))
        {
            dialogs.Add(ParseDialog(File.ReadAllText(path, Encoding.UTF8), Path.Combine(FolderName, Path.GetFileName(path)), capabilities));
        }

        return Build(dialogs, runtime);
    }

    /// <summary>Checks what only shows across files (the same id or trigger twice) and builds the catalog.</summary>
    public static DialogCatalog Build(IReadOnlyList<DialogDefinition> dialogs, RuntimeTexts runtime)
    {
        var seen = new Dictionary<string, DialogDefinition>(StringComparer.Ordinal);
        var triggers = new Dictionary<string, DialogDefinition>(StringComparer.Ordinal);
        foreach (var dialog in dialogs)
        {
            if (!seen.TryAdd(dialog.Id, dialog))
            {
                throw new DialogFormatException(dialog.FileName, 1, $"mã hội thoại \"{dialog.Id}\" đã có trong {seen[dialog.Id].FileName} (duplicate dialog id)");
            }

            foreach (var trigger in dialog.Triggers)
            {
                var folded = VietnameseText.Fold(trigger);
                if (!triggers.TryAdd(folded, dialog) && triggers[folded] != dialog)
                {
                    throw new DialogFormatException(dialog.FileName, 1, $"câu mở đầu \"{trigger}\" đã dùng cho hội thoại \"{triggers[folded].Id}\" (duplicate trigger)");
                }
            }
        }

        return new DialogCatalog(dialogs, runtime);
    }

    public static RuntimeTexts ParseRuntime(string yaml, string fileName)
    {
        var root = ReadRoot(yaml, fileName);
        CheckKeys(root, ["commands", "texts"], fileName);
        var commandsNode = RequiredMapping(root, "commands", fileName);
        var commands = new Dictionary<Interruption, IReadOnlyList<string>>();
        foreach (var (keyNode, valueNode) in commandsNode.Children)
        {
            var key = Scalar(keyNode, fileName);
            var interruption = key switch
            {
                "cancel" => Interruption.Cancel,
                "help" => Interruption.Help,
                "back" => Interruption.Back,
                "skip" => Interruption.Skip,
                _ => throw Error(fileName, keyNode, $"lệnh \"{key}\" không có; chỉ dùng: cancel, help, back, skip (unknown command)"),
            };
            commands[interruption] = StringList(valueNode, fileName, key);
        }

        foreach (var required in new[] { Interruption.Cancel, Interruption.Help, Interruption.Back, Interruption.Skip })
        {
            if (!commands.ContainsKey(required))
            {
                throw Error(fileName, commandsNode, $"thiếu lệnh \"{required.ToString().ToLowerInvariant()}\" (missing command words)");
            }
        }

        var textsNode = RequiredMapping(root, "texts", fileName);
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in textsNode.Children)
        {
            var key = Scalar(keyNode, fileName);
            if (!RuntimeTexts.Required.TryGetValue(key, out var allowed))
            {
                throw Error(fileName, keyNode, $"câu \"{key}\" không được dùng; các câu có: {string.Join(", ", RuntimeTexts.Required.Keys)} (unknown text)");
            }

            var text = Scalar(valueNode, fileName);
            CheckPlaceholders(text, allowed, fileName, valueNode);
            texts[key] = text.TrimEnd();
        }

        foreach (var key in RuntimeTexts.Required.Keys)
        {
            if (!texts.ContainsKey(key))
            {
                throw Error(fileName, textsNode, $"thiếu câu \"{key}\" (missing text)");
            }
        }

        return new RuntimeTexts(commands, texts);
    }

    public static DialogDefinition ParseDialog(string yaml, string fileName, DialogCapabilities capabilities)
    {
        var root = ReadRoot(yaml, fileName);
        CheckKeys(root, DialogKeys, fileName);
        var id = RequiredScalar(root, "id", fileName);
        if (!IdPattern().IsMatch(id))
        {
            throw Error(fileName, root, $"mã hội thoại \"{id}\" chỉ được gồm chữ thường không dấu, số và dấu gạch ngang (invalid id)");
        }

        var title = RequiredScalar(root, "title", fileName);
        var action = RequiredScalar(root, "action", fileName);
        if (!capabilities.Actions.Contains(action))
        {
            throw Error(fileName, Child(root, "action")!, $"việc \"{action}\" không có; các việc có: {string.Join(", ", capabilities.Actions.Order())} (unknown action)");
        }

        var triggers = Child(root, "triggers") is { } triggerNode ? StringList(triggerNode, fileName, "triggers") : [];
        var start = OptionalScalar(root, "start", fileName);
        var stepsNode = Child(root, "steps") as YamlSequenceNode
            ?? throw Error(fileName, root, "thiếu danh sách bước \"steps\" (missing steps)");
        if (stepsNode.Children.Count == 0)
        {
            throw Error(fileName, stepsNode, "hội thoại phải có ít nhất một bước (no steps)");
        }

        var steps = new List<StepDefinition>();
        foreach (var stepNode in stepsNode.Children)
        {
            if (stepNode is not YamlMappingNode step)
            {
                throw Error(fileName, stepNode, "mỗi bước là một nhóm \"id: …, ask: …\" (a step must be a mapping)");
            }

            steps.Add(ParseStep(step, steps, fileName, capabilities));
        }

        return new DialogDefinition(id, title, triggers, action, start, steps, fileName);
    }

    private static StepDefinition ParseStep(YamlMappingNode node, List<StepDefinition> earlier, string fileName, DialogCapabilities capabilities)
    {
        CheckKeys(node, StepKeys, fileName);
        var id = RequiredScalar(node, "id", fileName);
        if (!IdPattern().IsMatch(id))
        {
            throw Error(fileName, node, $"tên bước \"{id}\" chỉ được gồm chữ thường không dấu, số và dấu gạch ngang (invalid step id)");
        }

        if (earlier.Any(s => s.Id == id))
        {
            throw Error(fileName, node, $"bước \"{id}\" bị lặp lại (duplicate step id)");
        }

        var typeText = OptionalScalar(node, "type", fileName) ?? "text";
        var kind = typeText switch
        {
            "text" => PromptKind.Text,
            "choice" => PromptKind.Choice,
            "number" => PromptKind.Number,
            "percent" => PromptKind.Percent,
            "figure" => PromptKind.Figure,
            "date" => PromptKind.Date,
            "yesno" => PromptKind.YesNo,
            "confirm" => PromptKind.Confirm,
            _ => throw Error(fileName, Child(node, "type")!, $"loại bước \"{typeText}\" không có; dùng: text, choice, number, percent, figure, date, yesno, confirm (unknown type)"),
        };

        var ask = RequiredScalar(node, "ask", fileName);
        var allowedPlaceholders = earlier.Select(s => s.Id).Concat(capabilities.Placeholders ?? new HashSet<string>()).ToArray();
        CheckPlaceholders(ask, allowedPlaceholders, fileName, Child(node, "ask")!);
        var retry = OptionalScalar(node, "retry", fileName);
        var help = OptionalScalar(node, "help", fileName);
        foreach (var (key, text) in new[] { ("retry", retry), ("help", help) })
        {
            if (text is not null)
            {
                CheckPlaceholders(text, allowedPlaceholders, fileName, Child(node, key)!);
            }
        }

        var choices = new List<ChoiceDefinition>();
        if (Child(node, "choices") is { } choicesNode)
        {
            if (choicesNode is not YamlSequenceNode list || list.Children.Count == 0)
            {
                throw Error(fileName, choicesNode, "\"choices\" là một danh sách các lựa chọn (choices must be a non-empty list)");
            }

            foreach (var choiceNode in list.Children)
            {
                choices.Add(ParseChoice(choiceNode, fileName, choices));
            }
        }

        var choicesFrom = OptionalScalar(node, "choices-from", fileName);
        if (choicesFrom is not null && !capabilities.ChoiceSources.Contains(choicesFrom))
        {
            throw Error(fileName, Child(node, "choices-from")!, $"danh sách \"{choicesFrom}\" không có; các danh sách có: {string.Join(", ", capabilities.ChoiceSources.Order())} (unknown choice list)");
        }

        if (kind == PromptKind.Choice && choices.Count == 0 && choicesFrom is null)
        {
            throw Error(fileName, node, $"bước \"{id}\" là lựa chọn nhưng không có \"choices\" hay \"choices-from\" (choice step without options)");
        }

        if (kind != PromptKind.Choice && (choices.Count > 0 || choicesFrom is not null))
        {
            throw Error(fileName, node, $"bước \"{id}\" có lựa chọn nhưng loại là \"{typeText}\"; hãy đặt type: choice (options on a non-choice step)");
        }

        if (choices.Count > 0 && choicesFrom is not null)
        {
            throw Error(fileName, node, $"bước \"{id}\": chỉ dùng một trong \"choices\" và \"choices-from\" (both fixed and run-time options)");
        }

        var maxAttempts = OptionalInt(node, "max-attempts", fileName, 1, 10) ?? DefaultMaxAttempts;
        var maxLength = OptionalInt(node, "max-length", fileName, 1, LongestText) ?? DefaultMaxLength;
        var min = OptionalDecimal(node, "min", fileName);
        var max = OptionalDecimal(node, "max", fileName);
        if (min > max)
        {
            throw Error(fileName, node, $"bước \"{id}\": min lớn hơn max (min above max)");
        }

        var optional = OptionalBool(node, "optional", fileName) ?? false;
        if (optional && kind is PromptKind.Confirm)
        {
            throw Error(fileName, node, $"bước xác nhận \"{id}\" không thể bỏ qua (a confirmation cannot be optional)");
        }

        var autoSelect = OptionalBool(node, "auto-select-single", fileName) ?? choicesFrom is not null;
        StepCondition? when = null;
        if (Child(node, "when") is YamlMappingNode whenNode)
        {
            if (whenNode.Children.Count != 1)
            {
                throw Error(fileName, whenNode, "\"when\" có đúng một điều kiện, ví dụ: when: { field: [status] } (one condition)");
            }

            var (slotNode, keysNode) = whenNode.Children.First();
            var slot = Scalar(slotNode, fileName);
            var target = earlier.FirstOrDefault(s => s.Id == slot)
                ?? throw Error(fileName, slotNode, $"điều kiện dựa vào bước \"{slot}\" nhưng bước đó không đứng trước (condition on an unknown or later step)");
            var keys = StringList(keysNode, fileName, slot);
            if (target.Choices.Count > 0)
            {
                foreach (var key in keys.Where(k => target.Choices.All(c => c.Key != k)))
                {
                    throw Error(fileName, keysNode, $"bước \"{slot}\" không có lựa chọn \"{key}\"; có: {string.Join(", ", target.Choices.Select(c => c.Key))} (unknown choice in condition)");
                }
            }

            when = new StepCondition(slot, keys);
        }
        else if (Child(node, "when") is { } badWhen)
        {
            throw Error(fileName, badWhen, "\"when\" viết dạng: when: { field: [status, note] } (condition must be a mapping)");
        }

        var onNo = OptionalScalar(node, "on-no", fileName);
        if (onNo is not null && kind != PromptKind.Confirm)
        {
            throw Error(fileName, Child(node, "on-no")!, "\"on-no\" chỉ dùng cho bước xác nhận (type: confirm)");
        }

        return new StepDefinition(id, kind, ask.TrimEnd(), retry, help, choices, choicesFrom, optional, maxAttempts, maxLength, min, max, autoSelect, when, onNo, Line(node));
    }

    private static ChoiceDefinition ParseChoice(YamlNode node, string fileName, List<ChoiceDefinition> earlier)
    {
        ChoiceDefinition choice;
        if (node is YamlScalarNode scalar)
        {
            var label = Scalar(scalar, fileName);
            choice = new ChoiceDefinition(VietnameseText.Slug(label), label, []);
        }
        else if (node is YamlMappingNode mapping)
        {
            CheckKeys(mapping, ["key", "label", "synonyms"], fileName);
            var label = RequiredScalar(mapping, "label", fileName);
            var key = OptionalScalar(mapping, "key", fileName) ?? VietnameseText.Slug(label);
            var synonyms = Child(mapping, "synonyms") is { } synonymsNode ? StringList(synonymsNode, fileName, "synonyms") : [];
            choice = new ChoiceDefinition(key, label, synonyms);
        }
        else
        {
            throw Error(fileName, node, "lựa chọn là một dòng chữ hoặc nhóm { key, label, synonyms } (invalid choice)");
        }

        if (choice.Key.Length == 0)
        {
            throw Error(fileName, node, "lựa chọn không được để trống (empty choice)");
        }

        if (earlier.Any(c => c.Key == choice.Key))
        {
            throw Error(fileName, node, $"lựa chọn \"{choice.Label}\" bị lặp lại (duplicate choice)");
        }

        return choice;
    }

    private static YamlMappingNode ReadRoot(string yaml, string fileName) =>
        YamlNodes.ReadRoot(yaml, "tệp phải là một nhóm khóa: giá trị (expected one YAML mapping)", ErrorIn(fileName));

    private static void CheckKeys(YamlMappingNode node, string[] allowed, string fileName) => YamlNodes.CheckKeys(node, allowed, ErrorIn(fileName));

    private static void CheckPlaceholders(string text, IReadOnlyCollection<string> allowed, string fileName, YamlNode node)
    {
        foreach (Match placeholder in Placeholder().Matches(text))
        {
            var name = placeholder.Groups[1].Value;
            if (!allowed.Contains(name))
            {
                throw Error(fileName, node, $"\"{{{name}}}\" không dùng được ở đây; chỉ dùng: {(allowed.Count == 0 ? "(không có)" : string.Join(", ", allowed.Select(a => "{" + a + "}")))} (unknown placeholder)");
            }
        }
    }

    private static YamlNode? Child(YamlMappingNode node, string key) => YamlNodes.Child(node, key);

    private static YamlMappingNode RequiredMapping(YamlMappingNode node, string key, string fileName) =>
        Child(node, key) as YamlMappingNode ?? throw Error(fileName, node, $"thiếu nhóm \"{key}\" (missing mapping)");

    private static string RequiredScalar(YamlMappingNode node, string key, string fileName) => YamlNodes.RequiredScalar(node, key, ErrorIn(fileName));

    private static string? OptionalScalar(YamlMappingNode node, string key, string fileName) => YamlNodes.OptionalScalar(node, key, ErrorIn(fileName));

    private static int? OptionalInt(YamlMappingNode node, string key, string fileName, int min, int max)
    {
        var text = OptionalScalar(node, key, fileName);
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, out var value) && value >= min && value <= max
            ? value
            : throw Error(fileName, Child(node, key)!, $"\"{key}\" phải là số nguyên từ {min} đến {max} (integer expected)");
    }

    private static decimal? OptionalDecimal(YamlMappingNode node, string key, string fileName)
    {
        var text = OptionalScalar(node, key, fileName);
        if (text is null)
        {
            return null;
        }

        return decimal.TryParse(text, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error(fileName, Child(node, key)!, $"\"{key}\" phải là một số (number expected)");
    }

    private static bool? OptionalBool(YamlMappingNode node, string key, string fileName)
    {
        var text = OptionalScalar(node, key, fileName);
        return text switch
        {
            null => null,
            "true" or "yes" or "có" => true,
            "false" or "no" or "không" => false,
            _ => throw Error(fileName, Child(node, key)!, $"\"{key}\" là true hoặc false (boolean expected)"),
        };
    }

    private static string Scalar(YamlNode node, string fileName) => YamlNodes.Scalar(node, ErrorIn(fileName));

    private static List<string> StringList(YamlNode node, string fileName, string key)
    {
        var values = node switch
        {
            YamlSequenceNode list => list.Children.Select(c => Scalar(c, fileName)).ToList(),
            YamlScalarNode => [Scalar(node, fileName)],
            _ => throw Error(fileName, node, $"\"{key}\" là một danh sách, ví dụ [a, b] (list expected)"),
        };
        return values.Any(v => v.Trim().Length == 0)
            ? throw Error(fileName, node, $"\"{key}\" có mục để trống (empty item)")
            : values;
    }

    private static int Line(YamlNode node) => YamlNodes.Line(node);

    private static YamlNodes.ErrorAt ErrorIn(string fileName) => (line, reason) => new DialogFormatException(fileName, line, reason);

    private static DialogFormatException Error(string fileName, YamlNode node, string reason) => new(fileName, Line(node), reason);

    [GeneratedRegex(@"^[a-z0-9][a-z0-9\-]*$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"\{([a-z0-9\-]+)\}")]
    private static partial Regex Placeholder();
}
