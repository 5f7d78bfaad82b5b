using System.Text.RegularExpressions;

namespace PcgdBot.Plan;

/// <summary>Collects the plan's units while parsing and gives each the names people use for it.</summary>
internal sealed partial class UnitCatalog(Lexicon lexicon)
{
    private readonly List<PlanUnit> units = [];

    public IEnumerable<PlanUnit> All => units;

    public PlanUnit Get(string id) => units.First(u => u.Id == id);

    public PlanUnit? ResponsibleFor(string section) => units.FirstOrDefault(u => u.Section == section);

    public UnitMentionFinder Finder() => new(units, lexicon);

    public void AddResponsible(string name, string section) =>
        units.Add(new PlanUnit(UniqueId(name), name, section, Aliases(name)));

    /// <summary>Adds a unit named only inside a duty, unless it is one the catalogue knows under another name.</summary>
    public void AddSupporting(string name)
    {
        var words = lexicon.CanonicalWords(name);
        var known = Finder().Find(words);
        if (known.Any(m => m.Start == 0 && m.End == words.Count))
        {
            return;
        }

        units.Add(new PlanUnit(UniqueId(name), name, null, Aliases(name)));
    }

    private string UniqueId(string name)
    {
        var id = VietnameseText.Slug(name);
        var candidate = id;
        for (var n = 2; units.Any(u => u.Id == candidate); n++)
        {
            candidate = $"{id}-{n}";
        }

        return candidate;
    }

    private List<string> Aliases(string name)
    {
        var aliases = new List<string>();
        var withoutDistrict = DistrictSuffix().Replace(name, string.Empty);
        aliases.Add(withoutDistrict);
        if (name.StartsWith("Các ", StringComparison.Ordinal))
        {
            aliases.Add(VietnameseText.Capitalize(withoutDistrict[4..]));
        }

        if (Abbreviated(withoutDistrict) is { } abbreviated)
        {
            aliases.Add(abbreviated);
        }

        if (ShortName(withoutDistrict) is { } shortName)
        {
            aliases.Add(shortName);
        }

        var canonicalName = lexicon.Canonical(name);
        foreach (var (nameContains, extra) in lexicon.UnitAliases)
        {
            if (ContainsPhrase(canonicalName, nameContains))
            {
                aliases.AddRange(extra);
            }
        }

        return aliases
            .Where(a => !string.Equals(VietnameseText.Fold(a), VietnameseText.Fold(name), StringComparison.Ordinal))
            .DistinctBy(VietnameseText.Fold)
            .ToList();
    }

    private static bool ContainsPhrase(string canonical, string phrase) =>
        $" {string.Join(' ', VietnameseText.Words(canonical))} ".Contains($" {string.Join(' ', VietnameseText.Words(phrase))} ", StringComparison.Ordinal);

    /// <summary>"Phòng Giáo dục và Đào tạo" → "Phòng GD&amp;ĐT", with the abbreviations of the lexicon, longest phrase first.</summary>
    private string? Abbreviated(string name)
    {
        var result = name;
        foreach (var (abbreviation, phrase) in lexicon.DisplayAbbreviations.OrderByDescending(a => a.Phrase.Length))
        {
            var folded = VietnameseText.Fold(result);
            var foldedPhrase = VietnameseText.Fold(phrase);
            var index = folded.IndexOf(foldedPhrase, StringComparison.Ordinal);
            // Folding keeps one character per character of NFC text, so indices carry over.
            if (index < 0 || folded.Length != result.Length)
            {
                continue;
            }

            var end = index + foldedPhrase.Length;
            var wholeWords = (index == 0 || !char.IsLetter(folded[index - 1])) && (end == folded.Length || !char.IsLetter(folded[end]));
            if (wholeWords)
            {
                result = result[..index] + abbreviation + result[end..];
            }
        }

        return result == name ? null : result;
    }

    /// <summary>"Phòng Nông nghiệp và Phát triển nông thôn" → "Phòng Nông nghiệp": the head and the first word of the name.</summary>
    private static string? ShortName(string name)
    {
        // Cut only where the name itself breaks ("… và …", "… - …"), never inside a word ("Hội Cựu chiến|binh").
        var match = ShortNamePattern().Match(name);
        if (!match.Success || match.Value.Length >= name.Length)
        {
            return null;
        }

        var rest = name[match.Length..].TrimStart();
        return rest.StartsWith("và ", StringComparison.Ordinal) || rest.StartsWith('-') || rest.StartsWith('&') || rest.StartsWith(',') ? match.Value : null;
    }

    [GeneratedRegex(@"\s+huyện$")]
    private static partial Regex DistrictSuffix();

    [GeneratedRegex(@"^(Phòng|Hội|Đoàn|Liên đoàn|Đồn)\s+\p{Lu}\p{Ll}*\s+\p{Ll}+")]
    private static partial Regex ShortNamePattern();
}
