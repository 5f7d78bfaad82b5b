using PcgdBot.Plan;

namespace PcgdBot.Dialogs;

/// <summary>The words that work at every step of every dialog.</summary>
public enum Interruption
{
    None,
    Cancel,
    Help,
    Back,
    Skip,
}

/// <summary>The runtime's own texts and command words, from <c>dialogs/flows/_runtime.yaml</c>.</summary>
public sealed class RuntimeTexts(IReadOnlyDictionary<Interruption, IReadOnlyList<string>> commands, IReadOnlyDictionary<string, string> texts)
{
    /// <summary>The keys the runtime says, with the placeholders each may use.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Required = new Dictionary<string, string[]>
    {
        ["cancelled"] = ["title"],
        ["back-at-start"] = [],
        ["too-many-attempts"] = ["title"],
        ["resume"] = ["title"],
        ["optional-hint"] = [],
        ["help-footer"] = [],
        ["no-help"] = [],
        ["empty-value"] = [],
        ["no-choices"] = ["title"],
        ["too-long"] = ["length", "max"],
        ["invalid.text"] = [],
        ["invalid.choice"] = ["count"],
        ["invalid.number"] = [],
        ["invalid.percent"] = [],
        ["invalid.figure"] = [],
        ["invalid.date"] = [],
        ["invalid.yesno"] = [],
        ["out-of-range"] = ["min", "max"],
        ["ways-out"] = [],
        ["restarted"] = ["title"],
    };

    private readonly Dictionary<string, Interruption> commandsByFoldedText = commands
        .SelectMany(c => c.Value.Select(word => (Word: VietnameseText.Fold(word).Trim(), c.Key)))
        .GroupBy(c => c.Word)
        .ToDictionary(g => g.Key, g => g.First().Key, StringComparer.Ordinal);

    public IReadOnlyDictionary<Interruption, IReadOnlyList<string>> Commands { get; } = commands;

    /// <summary>The interruption a whole message is, if any ("Hủy!", "quay lai", "/huy").</summary>
    public Interruption Classify(string text)
    {
        var folded = VietnameseText.Fold(text).Trim().TrimEnd('.', '!', ' ');
        if (folded.Length == 0)
        {
            return Interruption.None;
        }

        if (commandsByFoldedText.TryGetValue(folded, out var interruption))
        {
            return interruption;
        }

        // "?" alone asks for help however it is written ("??", "? ").
        return folded.All(c => c == '?') ? Interruption.Help : Interruption.None;
    }

    public string Text(string key, params (string Name, string Value)[] values)
    {
        var text = texts[key];
        foreach (var (name, value) in values)
        {
            text = text.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }

        return text;
    }
}

/// <summary>All dialogs of the content folder, checked together, and the runtime's texts.</summary>
public sealed class DialogCatalog
{
    private readonly Dictionary<string, DialogDefinition> dialogs;
    private readonly List<(string FoldedTrigger, DialogDefinition Dialog)> triggers;

    public DialogCatalog(IEnumerable<DialogDefinition> dialogs, RuntimeTexts texts)
    {
        this.dialogs = dialogs.ToDictionary(d => d.Id, StringComparer.Ordinal);
        Texts = texts;
        triggers = [.. this.dialogs.Values
            .SelectMany(d => d.Triggers.Select(t => (FoldedTrigger: VietnameseText.Fold(t).Trim(), Dialog: d)))
            .OrderByDescending(t => t.FoldedTrigger.Length)];
    }

    public RuntimeTexts Texts { get; }

    public IEnumerable<DialogDefinition> Dialogs => dialogs.Values;

    public DialogDefinition this[string id] => dialogs[id];

    public bool Contains(string id) => dialogs.ContainsKey(id);

    /// <summary>
    /// The dialog a message starts, when it begins with one of the dialog's triggers as whole words
    /// ("Cập nhật nhiệm vụ 2: …" starts "status-update"), with the rest of the message after the trigger.
    /// </summary>
    public DialogMatch? Match(string text)
    {
        var trimmed = text.Trim();
        var folded = VietnameseText.Fold(trimmed);
        foreach (var (trigger, dialog) in triggers)
        {
            if (trigger.Length == 0 || !folded.StartsWith(trigger, StringComparison.Ordinal))
            {
                continue;
            }

            // Whole words only: "bao cao" must not start "bao caoxyz"; "/capnhat@PcgdBot" is a command with the bot's name.
            if (folded.Length > trigger.Length && char.IsLetterOrDigit(folded[trigger.Length]))
            {
                continue;
            }

            var rest = trimmed[VietnameseText.OriginalLength(trimmed, trigger.Length)..];
            if (trigger.StartsWith('/') && rest.StartsWith('@'))
            {
                var end = rest.IndexOf(' ');
                rest = end < 0 ? string.Empty : rest[end..];
            }

            return new DialogMatch(dialog, rest.Trim().TrimStart(':', ',', '-').Trim());
        }

        return null;
    }
}

/// <summary>A message that starts a dialog, and what it says after the trigger.</summary>
public sealed record DialogMatch(DialogDefinition Dialog, string Rest);
