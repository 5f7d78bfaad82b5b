using System.Text;
using PcgdBot.Plan;

namespace PcgdBot.Dialogs.Understanding;

/// <summary>
/// Text as the intent classifier sees it: folded (no diacritics, đ→d), punctuation gone, the politeness particles that
/// open or close a message dropped ("dạ … ạ", "… nhé", "… với"), first-person pronouns made one token. What is left is
/// turned into features: words, word pairs and character n-grams (these keep a one-letter typo close to the word).
/// </summary>
public static class IntentText
{
    /// <summary>The token every first-person pronoun becomes ("tôi", "mình", "em", "chúng tôi", "tui").</summary>
    public const string Self = "_toi";

    // Particles that only add politeness at the start or end of a message. "đã" folds like "dạ": only the start drops it
    // when more follows ("dạ em muốn…"), never inside ("xã đã báo cáo").
    private static readonly HashSet<string> LeadingParticles = ["da", "vang", "thua", "alo", "oi", "ad", "admin", "bot", "ban", "a"];

    private static readonly HashSet<string> TrailingParticles =
        ["a", "ah", "ak", "nhe", "nha", "nhe", "voi", "oi", "vay", "nhi", "ha", "ban", "bot", "anh", "chi", "ad", "admin", "nhen", "hen", "di", "the", "ta", "em"];

    private static readonly HashSet<string> SelfWords = ["toi", "minh", "em", "tui", "tao", "chung_toi", "bon_em", "chung_em"];

    /// <summary>The normalised words of a message, joined by single spaces.</summary>
    public static string Normalize(string text) => string.Join(' ', Words(text));

    public static List<string> Words(string text)
    {
        var folded = VietnameseText.Fold(text);
        var cleaned = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            cleaned.Append(char.IsLetterOrDigit(c) || c is '/' or '%' ? c : ' ');
        }

        var words = cleaned.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        // "chúng tôi", "bọn em" are one person speaking for their unit.
        for (var i = 0; i + 1 < words.Count; i++)
        {
            if (words[i] is "chung" or "bon" && words[i + 1] is "toi" or "em" or "minh")
            {
                words[i] = words[i] + "_" + words[i + 1];
                words.RemoveAt(i + 1);
            }
        }

        while (words.Count > 1 && TrailingParticles.Contains(words[^1]))
        {
            words.RemoveAt(words.Count - 1);
        }

        while (words.Count > 1 && LeadingParticles.Contains(words[0]))
        {
            words.RemoveAt(0);
        }

        for (var i = 0; i < words.Count; i++)
        {
            if (SelfWords.Contains(words[i]))
            {
                words[i] = Self;
            }
        }

        return words;
    }

    /// <summary>
    /// The features of a message: each word, each pair of neighbouring words, the first word, and the character 3- and
    /// 4-grams of each word with its boundaries. Returned as (feature, weight) with weights normalised to length 1.
    /// </summary>
    public static List<(string Feature, float Weight)> Features(string text)
    {
        var words = Words(text);
        var features = new Dictionary<string, float>(StringComparer.Ordinal);
        void Add(string feature, float weight) => features[feature] = features.GetValueOrDefault(feature) + weight;

        if (words.Count == 0)
        {
            Add("empty", 1f);
        }
        else
        {
            Add("first:" + words[0], 0.7f);
            Add("len:" + Math.Min(words.Count, 6), 0.4f);
        }

        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            Add("w:" + word, 1f);
            if (i + 1 < words.Count)
            {
                Add("b:" + word + " " + words[i + 1], 0.8f);
            }

            if (word == Self || word.Any(char.IsDigit))
            {
                continue;
            }

            var padded = "<" + word + ">";
            for (var n = 3; n <= 3; n++)
            {
                for (var start = 0; start + n <= padded.Length; start++)
                {
                    Add("c:" + padded.Substring(start, n), 0.45f);
                }
            }
        }

        if (words.Any(w => w.Any(char.IsDigit)))
        {
            Add("has-number", 0.6f);
        }

        var norm = MathF.Sqrt(features.Values.Sum(v => v * v));
        return [.. features.Select(f => (f.Key, f.Value / norm))];
    }
}
