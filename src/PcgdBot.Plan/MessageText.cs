using System.Text;

namespace PcgdBot.Plan;

/// <summary>
/// What a person's message is made into before anything reads it: valid Unicode in NFC, no control characters but line
/// breaks and tabs, trimmed. Every channel's text goes through <see cref="Clean"/>, so no character can make a later step throw.
/// </summary>
public static class MessageText
{
    /// <summary>The longest message the bot reads; a longer one gets a polite request to shorten it.</summary>
    public const int MaxLength = 2_000;

    /// <summary>U+FFFD REPLACEMENT CHARACTER: what a character that cannot be text becomes.</summary>
    public const char Replacement = '\uFFFD';

    /// <summary>
    /// Replaces what cannot be text (lone surrogates, noncharacters such as U+FFFE/U+FFFF) with U+FFFD, drops control
    /// characters other than line feed and tab (a carriage return becomes a line feed), then normalises to NFC and trims.
    /// </summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var valid = ReplaceInvalid(text);
        // Normalisation only throws on invalid code points, which are gone; the guard is for a runtime that disagrees.
        string normalized;
        try
        {
            normalized = valid.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            normalized = valid;
        }

        return normalized.Trim();
    }

    /// <summary>Whether <paramref name="cleaned"/> (the result of <see cref="Clean"/>) is longer than the bot reads.</summary>
    public static bool IsTooLong(string cleaned) => cleaned.Length > MaxLength;

    /// <summary><paramref name="text"/> with invalid code points replaced by U+FFFD and control characters dropped (no normalisation).</summary>
    public static string ReplaceInvalid(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (IsClean(text))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                var codePoint = char.ConvertToUtf32(c, text[i + 1]);
                if (IsNoncharacter(codePoint))
                {
                    builder.Append(Replacement);
                }
                else
                {
                    builder.Append(c).Append(text[i + 1]);
                }

                i++;
            }
            else if (c == '\r')
            {
                // "\r\n" from some clients: the line feed that follows is the line break.
                if (i + 1 >= text.Length || text[i + 1] != '\n')
                {
                    builder.Append('\n');
                }
            }
            else if (char.IsControl(c) && c is not '\n' and not '\t')
            {
                // Invisible junk some clients insert (NUL, backspace, escape): dropped, so words around it still match.
            }
            else if (char.IsSurrogate(c) || IsNoncharacter(c))
            {
                builder.Append(Replacement);
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static bool IsClean(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsSurrogate(c) || IsNoncharacter(c) || (char.IsControl(c) && c is not '\n' and not '\t'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>U+FDD0..U+FDEF and the last two code points of every plane (U+FFFE, U+FFFF, U+1FFFE…).</summary>
    private static bool IsNoncharacter(int codePoint) =>
        codePoint is >= 0xFDD0 and <= 0xFDEF || (codePoint & 0xFFFE) == 0xFFFE;
}
