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

    // Aliases by their first word, longest first: a question is matched at every word, so look only at the few that can start there.
    private readonly Dictionary<string, List<(string[] Words, string UnitId)>> aliasesByFirstWord;

    public UnitMentionFinder(IEnumerable<PlanUnit> units, Lexicon lexicon)
    {
        this.lexicon = lexicon;
        aliasesByFirstWord = units
            .SelectMany(u => u.Aliases.Append(u.Name).Select(a => (Words: lexicon.CanonicalWords(a).ToArray(), UnitId: u.Id)))
            .Where(a => a.Words.Length > 0)
            .DistinctBy(a => (string.Join(' ', a.Words), a.UnitId))
            .OrderByDescending(a => a.Words.Length)
            .GroupBy(a => a.Words[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
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
        if (position >= words.Count || !aliasesByFirstWord.TryGetValue(words[position], out var candidates))
        {
            return null;
        }

        foreach (var (aliasWords, unitId) in candidates)
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
