namespace PcgdBot.Plan;

/// <summary>A unit named in a text: where its alias starts and ends, counted in canonical words.</summary>
public sealed record UnitMention(string UnitId, int Start, int End);

/// <summary>
/// Finds the plan's units in a text by their names and aliases, longest alias first, after folding
/// diacritics and spelling out abbreviations. Used on the plan's own text and on questions.
/// </summary>
public sealed class UnitMentionFinder
{
    private readonly Lexicon lexicon;
    private readonly List<(string[] Words, string UnitId)> aliases;

    public UnitMentionFinder(IEnumerable<PlanUnit> units, Lexicon lexicon)
    {
        this.lexicon = lexicon;
        aliases = units
            .SelectMany(u => u.Aliases.Append(u.Name).Select(a => (Words: lexicon.CanonicalWords(a).ToArray(), u.Id)))
            .Where(a => a.Words.Length > 0)
            .DistinctBy(a => (string.Join(' ', a.Words), a.Id))
            .OrderByDescending(a => a.Words.Length)
            .ToList();
    }

    public Lexicon Lexicon => lexicon;

    public List<UnitMention> Find(string text) => Find(lexicon.CanonicalWords(text));

    public List<UnitMention> Find(IReadOnlyList<string> words)
    {
        var mentions = new List<UnitMention>();
        var position = 0;
        while (position < words.Count)
        {
            var match = MatchAt(words, position);
            if (match is null)
            {
                position++;
                continue;
            }

            mentions.Add(match);
            position = match.End;
        }

        return mentions;
    }

    /// <summary>The longest alias that starts exactly at <paramref name="position"/>, if any.</summary>
    public UnitMention? MatchAt(IReadOnlyList<string> words, int position)
    {
        foreach (var (aliasWords, unitId) in aliases)
        {
            if (position + aliasWords.Length > words.Count)
            {
                continue;
            }

            var matches = true;
            for (var k = 0; k < aliasWords.Length && matches; k++)
            {
                matches = words[position + k] == aliasWords[k];
            }

            if (matches)
            {
                return new UnitMention(unitId, position, position + aliasWords.Length);
            }
        }

        return null;
    }
}
