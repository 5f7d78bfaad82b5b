namespace PcgdBot.Answers;

/// <summary>
/// Puts right a word one letter off a word the bot knows ("vuu" → "vu", "vein" → "vien", "truog" → "truong"):
/// people type on phones, and one slip otherwise turns a known answer into a refusal. Only words the bot does not
/// know at all are touched, only by one edit (a letter added, dropped, changed, or two swapped), and only when one
/// known word is clearly the likeliest: it makes a word pair the plan has with the word before or after ("nội vụ",
/// "giáo viên"), and of those it is the most frequent; otherwise the word stays as typed ("hôm nay" is not "hợp nay").
/// Thread-safe after construction.
/// </summary>
internal sealed class TypoCorrector
{
    private const int MinimumLength = 3;
    private const int MaximumLength = 12;

    private readonly Dictionary<string, int> frequencies;

    // Every known word with one letter deleted → the known words it came from (SymSpell's idea, for distance 1).
    private readonly Dictionary<string, List<string>> deletions = new(StringComparer.Ordinal);

    private readonly HashSet<string> pairs;

    public TypoCorrector(IEnumerable<KeyValuePair<string, int>> knownWords, IEnumerable<string> knownPairs)
    {
        pairs = new HashSet<string>(knownPairs, StringComparer.Ordinal);
        frequencies = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (word, frequency) in knownWords)
        {
            if (word.Length == 0 || word.Contains(' ', StringComparison.Ordinal))
            {
                continue;
            }

            frequencies[word] = Math.Max(frequencies.GetValueOrDefault(word), frequency);
        }

        foreach (var word in frequencies.Keys)
        {
            foreach (var deleted in DeletionsOf(word))
            {
                if (!deletions.TryGetValue(deleted, out var sources))
                {
                    deletions[deleted] = sources = [];
                }

                if (!sources.Contains(word))
                {
                    sources.Add(word);
                }
            }
        }
    }

    public bool Knows(string word) => frequencies.ContainsKey(word);

    /// <summary>Whether two words stand next to each other somewhere in the plan ("noi vu", "phong trao").</summary>
    public bool KnowsPair(string pair) => pairs.Contains(pair);

    /// <summary>The words with each unknown one put right where one known word clearly fits between its neighbours.</summary>
    public List<string> Correct(IReadOnlyList<string> words)
    {
        var corrected = new List<string>(words.Count);
        for (var i = 0; i < words.Count; i++)
        {
            var previous = i > 0 ? corrected[i - 1] : null;
            var next = i + 1 < words.Count ? words[i + 1] : null;
            corrected.Add(Correct(words[i], previous, next));
        }

        return corrected;
    }

    /// <summary>The word put right, or the word itself when it is known, too short, a number, or not clearly one slip away.</summary>
    public string Correct(string word, string? previous, string? next)
    {
        if (word.Length < MinimumLength || word.Length > MaximumLength || frequencies.ContainsKey(word) || !word.All(char.IsAsciiLetterLower))
        {
            return word;
        }

        var candidates = new HashSet<string>(StringComparer.Ordinal);

        // A key pressed twice ("vuu" → "vu"): the word without one of its doubled letters is known.
        for (var i = 1; i < word.Length; i++)
        {
            if (word[i] == word[i - 1] && frequencies.ContainsKey(word.Remove(i, 1)))
            {
                candidates.Add(word.Remove(i, 1));
            }
        }

        // Two letters swapped ("vein" → "vien") and, for a word no Vietnamese syllable can be ("truog"), a letter
        // changed or missing. A real word the plan lacks ("bón", "hôm") is left alone.
        var malformed = !IsSyllable(word);
        foreach (var deleted in DeletionsOf(word))
        {
            if (deletions.TryGetValue(deleted, out var sources))
            {
                candidates.UnionWith(sources.Where(s => s.Length == word.Length && (IsSwap(word, s) || (malformed && IsSubstitution(word, s)))));
            }
        }

        if (malformed && deletions.TryGetValue(word, out var longer))
        {
            candidates.UnionWith(longer);
        }

        candidates.RemoveWhere(c => !(previous is not null && pairs.Contains(previous + " " + c)) && !(next is not null && pairs.Contains(c + " " + next)));
        if (candidates.Count == 0)
        {
            return word;
        }

        var ranked = candidates.OrderByDescending(c => frequencies[c]).ThenBy(c => c, StringComparer.Ordinal).ToList();
        return ranked.Count == 1 || frequencies[ranked[0]] > frequencies[ranked[1]] ? ranked[0] : word;
    }

    private static IEnumerable<string> DeletionsOf(string word)
    {
        for (var i = 0; i < word.Length; i++)
        {
            yield return string.Concat(word.AsSpan(0, i), word.AsSpan(i + 1));
        }
    }

    private static bool IsSubstitution(string a, string b)
    {
        var differences = 0;
        for (var i = 0; i < a.Length && differences < 2; i++)
        {
            differences += a[i] != b[i] ? 1 : 0;
        }

        return differences == 1;
    }

    private static bool IsSwap(string a, string b)
    {
        var first = -1;
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] == b[i])
            {
                continue;
            }

            if (first >= 0)
            {
                return i == first + 1 && a[first] == b[i] && a[i] == b[first] && a[(i + 1)..] == b[(i + 1)..];
            }

            first = i;
        }

        return false;
    }

    private const string Vowels = "aeiouy";

    private static readonly string[] Initials =
        ["ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", ""];

    private static readonly string[] Finals = ["ng", "nh", "ch", "c", "m", "n", "p", "t", ""];

    /// <summary>Whether a folded word has the shape of a Vietnamese syllable: an initial, one to three vowels, a final.</summary>
    internal static bool IsSyllable(string word)
    {
        foreach (var initial in Initials)
        {
            if (!word.StartsWith(initial, StringComparison.Ordinal))
            {
                continue;
            }

            var rest = word[initial.Length..];
            var vowels = 0;
            while (vowels < rest.Length && Vowels.Contains(rest[vowels], StringComparison.Ordinal))
            {
                vowels++;
            }

            if (vowels is >= 1 and <= 3 && Finals.Contains(rest[vowels..], StringComparer.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
