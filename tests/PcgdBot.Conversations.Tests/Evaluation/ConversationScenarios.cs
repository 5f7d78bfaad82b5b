using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace PcgdBot.Conversations.Tests.Evaluation;

/// <summary>One scripted conversation of <c>Data/conversations/scenarios-dev.yaml</c> (the format <c>run.py</c> reads).</summary>
public sealed record Scenario(string Id, string Title, IReadOnlyList<ScenarioInvite> Invites, IReadOnlyList<ScenarioSession> Sessions);

public sealed record ScenarioInvite(string Name, string Unit, string? Member, string Role);

public sealed record ScenarioSession(string User, IReadOnlyList<ScenarioTurn> Turns);

public sealed record ScenarioTurn(string Say, IReadOnlyList<string> Must, IReadOnlyList<string> MustNot, (string Name, string Pattern)? Capture);

/// <summary>The runner's matching, ported from <c>run.py</c>: reply and pattern folded (đ→d, no accents, lower case), regex search.</summary>
public static partial class ScenarioMatching
{
    public static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(c);
            }
        }

        return folded.ToString().Replace('đ', 'd').Replace('Đ', 'D').ToLowerInvariant();
    }

    public static bool Found(string pattern, string reply) =>
        Regex.IsMatch(Fold(reply), Fold(pattern), RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(2));

    /// <summary>"{C}" becomes the captured or invited code, "{C_lower}" the same in lower case.</summary>
    public static string Substitute(string text, IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(text, m =>
        {
            var key = m.Groups[1].Value;
            if (key.EndsWith("_lower", StringComparison.Ordinal) && values.TryGetValue(key[..^6], out var lower))
            {
                return lower.ToLowerInvariant();
            }

            return values.TryGetValue(key, out var value) ? value : m.Value;
        });

    public static IReadOnlyList<Scenario> Load(string path)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(path, Encoding.UTF8)));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var scenarios = new List<Scenario>();
        foreach (var node in ((YamlSequenceNode)root.Children[new YamlScalarNode("scenarios")]).Children.Cast<YamlMappingNode>())
        {
            var invites = Sequence(node, "invites").Cast<YamlMappingNode>()
                .Select(i => new ScenarioInvite(Text(i, "name")!, Text(i, "unit")!, Text(i, "member"), Text(i, "role")!))
                .ToList();
            var sessions = Sequence(node, "sessions").Cast<YamlMappingNode>()
                .Select(s => new ScenarioSession(Text(s, "user")!, [.. Sequence(s, "turns").Cast<YamlMappingNode>().Select(Turn)]))
                .ToList();
            scenarios.Add(new Scenario(Text(node, "id")!, Text(node, "title") ?? string.Empty, invites, sessions));
        }

        return scenarios;
    }

    private static ScenarioTurn Turn(YamlMappingNode node)
    {
        var capture = Sequence(node, "capture").Cast<YamlScalarNode>().Select(s => s.Value!).ToList();
        return new ScenarioTurn(
            Text(node, "say")!,
            [.. Sequence(node, "must").Cast<YamlScalarNode>().Select(s => s.Value!)],
            [.. Sequence(node, "must_not").Cast<YamlScalarNode>().Select(s => s.Value!)],
            capture.Count == 2 ? (capture[0], capture[1]) : null);
    }

    private static IEnumerable<YamlNode> Sequence(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) && child is YamlSequenceNode sequence ? sequence.Children : [];

    private static string? Text(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) && child is YamlScalarNode scalar ? scalar.Value : null;

    [GeneratedRegex(@"\{([A-Za-z0-9_]+)\}")]
    private static partial Regex Placeholder();
}
