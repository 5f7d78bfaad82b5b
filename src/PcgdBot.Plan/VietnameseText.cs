using System.Globalization;
using System.Text;

namespace PcgdBot.Plan;

/// <summary>
/// Vietnamese text as people type it on phones: with or without diacritics, in NFC or NFD.
/// Everything the bot compares goes through <see cref="Fold"/> first.
/// </summary>
public static class VietnameseText
{
    /// <summary>Lower-case, diacritics removed, "đ" → "d", white space collapsed: "Phòng GD&amp;ĐT" → "phong gd&amp;dt".</summary>
    public static string Fold(string text)
    {
        // Fast path: each character folds on its own (a letter to its base letter, a combining mark to nothing), looked up
        // in a table filled on first sight; text with characters outside the table's reach takes the general path.
        // Folding never lengthens text: one character in gives one or none out.
        char[]? rented = null;
        var buffer = text.Length <= 256 ? stackalloc char[text.Length] : (rented = System.Buffers.ArrayPool<char>.Shared.Rent(text.Length));
        try
        {
            var length = 0;
            var lastWasSpace = true;
            foreach (var c in text)
            {
                var mapped = FoldedChar(c);
                if (mapped == Unfoldable)
                {
                    return FoldGeneral(text);
                }

                if (mapped == Dropped || (mapped == ' ' && lastWasSpace))
                {
                    continue;
                }

                buffer[length++] = mapped;
                lastWasSpace = mapped == ' ';
            }

            if (length > 0 && buffer[length - 1] == ' ')
            {
                length--;
            }

            var result = buffer[..length];
            return result.SequenceEqual(text) ? text : result.ToString();
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private const char Dropped = '\uFFFF';
    private const char Unfoldable = '\uFFFE';

    // 0 = not yet computed; filled lazily (a racing write stores the same value).
    private static readonly char[] FoldTable = new char[char.MaxValue + 1];

    private static char FoldedChar(char c)
    {
        if (c < 128 && c is not ('\t' or '\r' or '\n'))
        {
            return c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
        }

        var known = FoldTable[c];
        if (known != '\0')
        {
            return known;
        }

        char computed;
        if (char.IsSurrogate(c) || c is Dropped or Unfoldable)
        {
            computed = Unfoldable;
        }
        else
        {
            var general = FoldGeneral(c.ToString());
            computed = general.Length switch
            {
                0 => CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark ? Dropped : ' ',
                1 => general[0],
                _ => Unfoldable,
            };
        }

        FoldTable[c] = computed;
        return computed;
    }

    /// <summary>The definition of folding: decompose, drop the marks, map the rest one by one.</summary>
    private static string FoldGeneral(string text)
    {
        string decomposed;
        try
        {
            decomposed = text.Normalize(NormalizationForm.FormD);
        }
        catch (ArgumentException)
        {
            // A lone surrogate or U+FFFF makes Normalize throw: such characters become U+FFFD first.
            decomposed = MessageText.ReplaceInvalid(text).Normalize(NormalizationForm.FormD);
        }
        var folded = new StringBuilder(decomposed.Length);
        var lastWasSpace = true;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var mapped = c switch
            {
                'đ' or 'Đ' => 'd',
                '\u00A0' or '\t' or '\r' or '\n' => ' ',
                // Typographic quotes and dashes from word processors: one plain form each.
                '“' or '”' or '„' => '"',
                '‘' or '’' => '\'',
                '–' or '—' => '-',
                _ => char.ToLowerInvariant(c),
            };
            if (mapped == ' ')
            {
                if (!lastWasSpace)
                {
                    folded.Append(' ');
                }

                lastWasSpace = true;
                continue;
            }

            folded.Append(mapped);
            lastWasSpace = false;
        }

        if (folded.Length > 0 && folded[^1] == ' ')
        {
            folded.Length--;
        }

        return folded.ToString();
    }

    /// <summary>
    /// How many characters of <paramref name="text"/> fold to its first <paramref name="foldedLength"/> folded characters:
    /// maps a position found in folded text back to the text as typed (folding drops marks and collapses spaces).
    /// </summary>
    public static int OriginalLength(string text, int foldedLength)
    {
        for (var i = 0; i <= text.Length; i++)
        {
            if (Fold(text[..i]).Length >= foldedLength)
            {
                return i;
            }
        }

        return text.Length;
    }

    /// <summary>
    /// Folds one character at a time (marks dropped, đ → d, lower case; spaces and punctuation kept), with the index in
    /// <paramref name="text"/> each folded character came from, and the text's length at the end.
    /// </summary>
    public static (string Folded, int[] Map) FoldKeepingPositions(string text)
    {
        var folded = new System.Text.StringBuilder(text.Length);
        var map = new List<int>(text.Length + 1);
        for (var i = 0; i < text.Length; i++)
        {
            foreach (var c in text[i].ToString().Normalize(System.Text.NormalizationForm.FormD))
            {
                if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark)
                {
                    continue;
                }

                folded.Append(c is 'đ' or 'Đ' ? 'd' : char.ToLowerInvariant(c));
                map.Add(i);
            }
        }

        map.Add(text.Length);
        return (folded.ToString(), [.. map]);
    }

    /// <summary>The words (syllables) of folded text: runs of letters and digits.</summary>
    public static List<string> Words(string folded)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= folded.Length; i++)
        {
            var isWordChar = i < folded.Length && char.IsLetterOrDigit(folded[i]);
            if (isWordChar && start < 0)
            {
                start = i;
            }
            else if (!isWordChar && start >= 0)
            {
                words.Add(folded[start..i]);
                start = -1;
            }
        }

        return words;
    }

    /// <summary>A stable key for a name: folded words joined by '-'.</summary>
    public static string Slug(string text) => string.Join('-', Words(Fold(text)));

    /// <summary>Upper-cases the first letter only ("phòng Nội vụ" → "Phòng Nội vụ").</summary>
    public static string Capitalize(string text) =>
        text.Length == 0 ? text : char.ToUpper(text[0], CultureInfo.GetCultureInfo("vi-VN")) + text[1..];
}
