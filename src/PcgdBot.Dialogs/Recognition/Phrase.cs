using System.Text;
using PcgdBot.Plan;

namespace PcgdBot.Dialogs.Recognition;

/// <summary>
/// A fixed Vietnamese word sequence ("học viên", "phần trăm") matched against tokens, with or without diacritics.
/// A word typed without diacritics matches its folded form; a word typed with diacritics must match exactly,
/// so "sau" never matches "sáu" in a message whose writer does use diacritics (see <see cref="Strict"/>).
/// </summary>
internal sealed class Phrase
{
    public Phrase(string canonical)
    {
        Canonical = canonical.Normalize(NormalizationForm.FormC);
        Typed = [.. Canonical.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries)];
        Folded = [.. Typed.Select(VietnameseText.Fold)];
    }

    /// <summary>The phrase as it should be shown ("học viên").</summary>
    public string Canonical { get; }

    public string[] Typed { get; }

    public string[] Folded { get; }

    public int Length => Folded.Length;

    /// <summary>
    /// Whether the phrase's words start at token <paramref name="index"/>: consecutive word tokens separated by
    /// white space. With <paramref name="strict"/>, a word typed without diacritics in a message that has
    /// diacritics elsewhere only matches a word that has none either ("hai" yes, "sau" for "sáu" no).
    /// </summary>
    public bool MatchesAt(FoldedText text, int index, bool strict = false)
    {
        for (var k = 0; k < Folded.Length; k++)
        {
            if (text.At(index + k) is not { IsWord: true } token || (k > 0 && !token.SpaceBefore))
            {
                return false;
            }

            if (!WordMatches(text, token, Folded[k], Typed[k], strict))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether the phrase's words end at token <paramref name="lastIndex"/>.</summary>
    public bool EndsAt(FoldedText text, int lastIndex, bool strict = false) =>
        lastIndex - Length + 1 >= 0 && MatchesAt(text, lastIndex - Length + 1, strict);

    public static bool WordMatches(FoldedText text, Token token, string folded, string typed, bool strict)
    {
        if (token.Folded != folded)
        {
            return false;
        }

        if (token.HasDiacritics)
        {
            return token.Typed == typed;
        }

        return !strict || !text.HasDiacritics || typed == folded;
    }

    public override string ToString() => Canonical;
}

/// <summary>A set of phrases, looked up by their first folded word, longest first.</summary>
internal sealed class PhraseSet
{
    private readonly Dictionary<string, Phrase[]> _byFirstWord;

    public PhraseSet(IEnumerable<string> canonical)
    {
        _byFirstWord = canonical
            .Select(c => new Phrase(c))
            .GroupBy(p => p.Folded[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(p => p.Length).ToArray(), StringComparer.Ordinal);
    }

    /// <summary>The longest phrase that starts at token <paramref name="index"/>, if any.</summary>
    public Phrase? MatchAt(FoldedText text, int index, bool strict = false)
    {
        if (text.At(index) is not { IsWord: true } token || !_byFirstWord.TryGetValue(token.Folded, out var phrases))
        {
            return null;
        }

        foreach (var phrase in phrases)
        {
            if (phrase.MatchesAt(text, index, strict))
            {
                return phrase;
            }
        }

        return null;
    }

    /// <summary>The longest phrase that ends at token <paramref name="lastIndex"/>, if any.</summary>
    public Phrase? MatchEndingAt(FoldedText text, int lastIndex, bool strict = false)
    {
        Phrase? best = null;
        foreach (var phrases in _byFirstWord.Values)
        {
            foreach (var phrase in phrases)
            {
                if ((best is null || phrase.Length > best.Length) && phrase.EndsAt(text, lastIndex, strict))
                {
                    best = phrase;
                }
            }
        }

        return best;
    }

    /// <summary>Whether some phrase of the set starts with this folded word.</summary>
    public bool ContainsFirstWord(string folded) => _byFirstWord.ContainsKey(folded);
}
