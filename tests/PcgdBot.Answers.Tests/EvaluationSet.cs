using PcgdBot.Plan;

namespace PcgdBot.Answers.Tests;

/// <summary>A row of an evaluation file: a question, the units acceptable as the first one named, and a text the answer must contain.</summary>
public sealed record EvaluationRow(int Line, string Question, IReadOnlyList<string> AcceptableUnitKeys, bool MustNameNoUnit, string RequiredText);

/// <summary>Reads the evaluation files (qa-*.tsv with units.tsv) and scores answers the way the project's evaluation does.</summary>
public sealed class EvaluationSet
{
    private readonly Dictionary<string, (string Match, string Name)> units;

    private EvaluationSet(Dictionary<string, (string, string)> units, List<EvaluationRow> rows)
    {
        this.units = units;
        Rows = rows;
    }

    public IReadOnlyList<EvaluationRow> Rows { get; }

    public static EvaluationSet Load(string questionsFile)
    {
        var directory = Path.GetDirectoryName(questionsFile)!;
        var units = new Dictionary<string, (string, string)>();
        foreach (var cells in DataLines(Path.Combine(directory, "units.tsv")).Select(l => l.Text.Split('\t')))
        {
            units[cells[0]] = (cells[1], cells[2]);
        }

        var rows = new List<EvaluationRow>();
        foreach (var (line, text) in DataLines(questionsFile))
        {
            var cells = text.Split('\t');
            var keys = cells.Length > 1 ? cells[1].Trim() : string.Empty;
            rows.Add(new EvaluationRow(
                line,
                cells[0],
                keys is "" or "none" ? [] : keys.Split('|'),
                keys == "none",
                cells.Length > 2 ? cells[2].Trim() : string.Empty));
        }

        return new EvaluationSet(units, rows);
    }

    /// <summary>Null when the answer is right, else why not.</summary>
    public string? Judge(EvaluationRow row, Answer answer)
    {
        if (row.MustNameNoUnit && answer.Units.Count > 0)
        {
            return $"named {answer.Units[0].Name} for a question the plan does not cover";
        }

        if (row.AcceptableUnitKeys.Count > 0)
        {
            if (answer.Units.Count == 0)
            {
                return "named no unit";
            }

            var first = VietnameseText.Fold(answer.Units[0].Name);
            if (!row.AcceptableUnitKeys.Any(key => first.Contains(units[key].Match, StringComparison.Ordinal)))
            {
                return $"first unit {answer.Units[0].Name}, expected {string.Join(" or ", row.AcceptableUnitKeys.Select(k => units[k].Name))}";
            }
        }

        if (row.RequiredText.Length > 0 && !VietnameseText.Fold(answer.Text).Contains(VietnameseText.Fold(row.RequiredText), StringComparison.Ordinal))
        {
            return $"answer lacks \"{row.RequiredText}\"";
        }

        return null;
    }

    private static IEnumerable<(int Line, string Text)> DataLines(string path) =>
        File.ReadAllLines(path)
            .Select((text, index) => (Line: index + 1, Text: text))
            .Where(l => l.Text.Trim().Length > 0 && !l.Text.StartsWith('#'));
}
