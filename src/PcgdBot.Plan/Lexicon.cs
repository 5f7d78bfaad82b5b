using System.Text;

namespace PcgdBot.Plan;

/// <summary>
/// The words of the domain that are data, not code: abbreviations ("GD&amp;ĐT"), extra unit aliases
/// ("bộ đội biên phòng") and synonyms ("dạy nghề" ~ "giáo dục nghề nghiệp"). Read from tab-separated
/// files in the content folder so an operator can extend them.
/// </summary>
public sealed class Lexicon
{
    public const string AbbreviationsFile = "abbreviations.tsv";
    public const string UnitAliasesFile = "unit-aliases.tsv";
    public const string SynonymsFile = "synonyms.tsv";

    // Longest first, so "gdnn-gdtx" wins over "gdnn".
    private readonly List<(string Abbreviation, string Expansion)> abbreviations;

    public Lexicon(
        IEnumerable<(string Abbreviation, string Expansion)> abbreviations,
        IEnumerable<(string NameContains, IReadOnlyList<string> Aliases)> unitAliases,
        IEnumerable<IReadOnlyList<string>> synonymGroups)
    {
        var rows = abbreviations.ToList();
        DisplayAbbreviations = rows
            .GroupBy(a => a.Expansion, StringComparer.Ordinal)
            .Select(g => (g.First().Abbreviation, g.Key))
            .Where(a => a.Key.Contains(' '))
            .ToList();
        this.abbreviations = rows
            .Select(a => (VietnameseText.Fold(a.Abbreviation), VietnameseText.Fold(a.Expansion)))
            .OrderByDescending(a => a.Item1.Length)
            .ToList();
        UnitAliases = unitAliases.Select(a => (Canonical(a.NameContains), a.Aliases)).ToList();
        SynonymGroups = synonymGroups.Select(g => (IReadOnlyList<string>)g.Select(Canonical).ToList()).ToList();
    }

    /// <summary>For each multi-word phrase, the first abbreviation listed for it ("GD&amp;ĐT" for "giáo dục và đào tạo").</summary>
    public IReadOnlyList<(string Abbreviation, string Phrase)> DisplayAbbreviations { get; }

    public static Lexicon Empty { get; } = new([], [], []);

    /// <summary>Extra aliases: a unit whose canonical name contains <c>NameContains</c> is also called each alias.</summary>
    public IReadOnlyList<(string NameContains, IReadOnlyList<string> Aliases)> UnitAliases { get; }

    /// <summary>Groups of canonical phrases that mean the same in this domain.</summary>
    public IReadOnlyList<IReadOnlyList<string>> SynonymGroups { get; }

    /// <summary>Folds the text and spells out the abbreviations it knows: "P. GD&amp;ĐT" → "phong giao duc va dao tao".</summary>
    public string Canonical(string text)
    {
        var folded = VietnameseText.Fold(text);
        if (abbreviations.Count == 0 || folded.Length == 0)
        {
            return folded;
        }

        var expanded = new StringBuilder(folded.Length + 32);
        var i = 0;
        while (i < folded.Length)
        {
            var atWordStart = i == 0 || !IsWordChar(folded[i - 1]);
            if (atWordStart && TryExpandAt(folded, i, out var consumed, out var expansion))
            {
                expanded.Append(expansion);
                i += consumed;
                continue;
            }

            expanded.Append(folded[i]);
            i++;
        }

        return expanded.ToString();
    }

    /// <summary>The canonical words of a text.</summary>
    public List<string> CanonicalWords(string text) => VietnameseText.Words(Canonical(text));

    private bool TryExpandAt(string folded, int start, out int consumed, out string expansion)
    {
        foreach (var (abbreviation, full) in abbreviations)
        {
            if (string.CompareOrdinal(folded, start, abbreviation, 0, abbreviation.Length) != 0)
            {
                continue;
            }

            var end = start + abbreviation.Length;
            // A whole word only: "th" must not eat the start of "thanh". An abbreviation ending
            // in a dot ("p.") is its own boundary.
            if (end < folded.Length && IsWordChar(folded[end]) && IsWordChar(abbreviation[^1]))
            {
                continue;
            }

            consumed = abbreviation.Length;
            expansion = abbreviation[^1] == '.' ? full + " " : full;
            return true;
        }

        consumed = 0;
        expansion = string.Empty;
        return false;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '&';

    /// <summary>Reads the lexicon files of a content folder; missing files are empty. Errors name file and line.</summary>
    public static Lexicon Load(string directory)
    {
        var abbreviations = ReadTable(Path.Combine(directory, AbbreviationsFile), 2)
            .SelectMany(row => Split(row.Cells[0]).Select(a => (a, row.Cells[1])))
            .ToList();
        var unitAliases = ReadTable(Path.Combine(directory, UnitAliasesFile), 2)
            .Select(row => (row.Cells[0], (IReadOnlyList<string>)Split(row.Cells[1])))
            .ToList();
        var synonyms = ReadTable(Path.Combine(directory, SynonymsFile), 1)
            .Select(row => (IReadOnlyList<string>)Split(row.Cells[0]))
            .ToList();
        // Abbreviations expand inside aliases and synonyms too, so build in two steps.
        var withAbbreviations = new Lexicon(abbreviations, [], []);
        return new Lexicon(
            abbreviations,
            unitAliases.Select(a => (withAbbreviations.Canonical(a.Item1), a.Item2)),
            synonyms);
    }

    private static List<string> Split(string cell) =>
        cell.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static IEnumerable<(int Line, string[] Cells)> ReadTable(string path, int columns)
    {
        if (!File.Exists(path))
        {
            yield break;
        }

        foreach (var (lineNumber, cells) in ContentTable.Rows(File.ReadAllText(path, Encoding.UTF8)))
        {
            if (cells.Length < columns || cells.Take(columns).Any(string.IsNullOrEmpty))
            {
                throw new PlanFormatException(
                    Path.GetFileName(path),
                    lineNumber,
                    $"cần {columns} cột cách nhau bằng phím Tab (expected {columns} tab-separated columns)");
            }

            yield return (lineNumber, cells);
        }
    }
}
