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
        // A lone surrogate or U+FFFF would make Normalize throw: such characters become U+FFFD first.
        var decomposed = MessageText.ReplaceInvalid(text).Normalize(NormalizationForm.FormD);
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
