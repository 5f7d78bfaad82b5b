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
    /// The features of a message: each word, each pair of neighbouring words, the first word, the length, and the
    /// character 3-grams of each word with its boundaries ("&lt;gi", "gia", "iao", "ao&gt;": these keep a one-letter typo
    /// close to the word). Each feature is a 64-bit hash of its kind and text, so no feature string is ever built;
    /// <paramref name="features"/> receives distinct hashes in ascending order with weights normalised to length 1.
    /// </summary>
    public static void Features(string text, FeatureList features)
    {
        var words = Words(text);
        features.Clear();
        if (words.Count == 0)
        {
            features.Add(FeatureHash.Of('e', ReadOnlySpan<char>.Empty), 1f);
        }
        else
        {
            features.Add(FeatureHash.Of('f', words[0]), 0.7f);
            features.Add(FeatureHash.Of('l', Math.Min(words.Count, 6)), 0.4f);
        }

        var hasNumber = false;
        Span<char> padded = stackalloc char[66];
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            features.Add(FeatureHash.Of('w', word), 1f);
            if (i + 1 < words.Count)
            {
                features.Add(FeatureHash.Of('b', word, words[i + 1]), 0.8f);
            }

            var digits = word.AsSpan().IndexOfAnyInRange('0', '9') >= 0;
            hasNumber |= digits;
            if (word == Self || digits)
            {
                continue;
            }

            // Very long "words" (a pasted link) keep their first 64 letters for the n-grams.
            var letters = Math.Min(word.Length, padded.Length - 2);
            padded[0] = '<';
            word.AsSpan(0, letters).CopyTo(padded[1..]);
            padded[letters + 1] = '>';
            for (var start = 0; start + 3 <= letters + 2; start++)
            {
                features.Add(FeatureHash.Of('c', padded.Slice(start, 3)), 0.45f);
            }
        }

        if (hasNumber)
        {
            features.Add(FeatureHash.Of('n', ReadOnlySpan<char>.Empty), 0.6f);
        }

        features.Complete();
    }
}

/// <summary>FNV-1a over a feature's kind and characters: 64 bits make a collision among a few thousand features negligible.</summary>
internal static class FeatureHash
{
    private const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    public static ulong Of(char kind, ReadOnlySpan<char> text) => Mix(Mix(Offset, kind), text);

    public static ulong Of(char kind, int value) => Mix(Mix(Offset, kind), (char)('0' + value));

    public static ulong Of(char kind, ReadOnlySpan<char> first, ReadOnlySpan<char> second) => Mix(Mix(Mix(Mix(Offset, kind), first), ' '), second);

    private static ulong Mix(ulong hash, ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            hash = Mix(hash, c);
        }

        return hash;
    }

    private static ulong Mix(ulong hash, char c) => (hash ^ c) * Prime;
}

/// <summary>A reusable list of (feature hash, weight): filled by <see cref="IntentText.Features"/>, read by the classifier.</summary>
public sealed class FeatureList
{
    private ulong[] hashes = new ulong[64];
    private float[] weights = new float[64];

    public int Count { get; private set; }

    public ReadOnlySpan<ulong> Hashes => hashes.AsSpan(0, Count);

    public ReadOnlySpan<float> Weights => weights.AsSpan(0, Count);

    public void Clear() => Count = 0;

    public void Add(ulong hash, float weight)
    {
        if (Count == hashes.Length)
        {
            Array.Resize(ref hashes, Count * 2);
            Array.Resize(ref weights, Count * 2);
        }

        hashes[Count] = hash;
        weights[Count] = weight;
        Count++;
    }

    /// <summary>Sorts by hash, adds up repeated features ("c:ao>" twice) and normalises the weights to length 1.</summary>
    public void Complete()
    {
        Array.Sort(hashes, weights, 0, Count);
        var distinct = 0;
        for (var i = 0; i < Count; i++)
        {
            if (distinct > 0 && hashes[distinct - 1] == hashes[i])
            {
                weights[distinct - 1] += weights[i];
            }
            else
            {
                hashes[distinct] = hashes[i];
                weights[distinct] = weights[i];
                distinct++;
            }
        }

        Count = distinct;
        var sum = 0f;
        for (var i = 0; i < Count; i++)
        {
            sum += weights[i] * weights[i];
        }

        var norm = MathF.Sqrt(sum);
        for (var i = 0; i < Count; i++)
        {
            weights[i] /= norm;
        }
    }
}
