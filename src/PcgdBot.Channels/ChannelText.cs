namespace PcgdBot.Channels;

/// <summary>Reply text for platforms with a length limit per message.</summary>
public static class ChannelText
{
    /// <summary>
    /// Parts of at most <paramref name="maxLength"/> characters: cut at a blank line, else a line break, else the end
    /// of a sentence, else a space; a word longer than a part is cut.
    /// </summary>
    public static IReadOnlyList<string> Split(string text, int maxLength)
    {
        var parts = new List<string>();
        var rest = text.Trim();
        while (rest.Length > maxLength)
        {
            var window = rest[..maxLength];
            var cut = LastBreak(window, "\n\n", maxLength / 3)
                ?? LastBreak(window, "\n", maxLength / 3)
                ?? LastBreak(window, ". ", maxLength / 3)
                ?? LastBreak(window, " ", maxLength / 3)
                ?? maxLength;
            parts.Add(rest[..cut].TrimEnd());
            rest = rest[cut..].TrimStart();
        }

        if (rest.Length > 0 || parts.Count == 0)
        {
            parts.Add(rest);
        }

        return parts;
    }

    /// <summary>
    /// Text as the platform delivered it, made safe for the bot: lone surrogates and noncharacters (U+FFFE, U+FFFF,
    /// U+FDD0–U+FDEF, and the last two of every plane) become U+FFFD, so normalisation and storage never meet an invalid
    /// code point. Everything else, including Vietnamese in any normal form, is kept as it is.
    /// </summary>
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        System.Text.StringBuilder? cleaned = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            int width;
            bool valid;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                var codePoint = char.ConvertToUtf32(c, text[i + 1]);
                width = 2;
                valid = (codePoint & 0xFFFE) != 0xFFFE;
            }
            else
            {
                width = 1;
                valid = !char.IsSurrogate(c) && c is not ('\uFFFE' or '\uFFFF') && c is not (>= '\uFDD0' and <= '\uFDEF');
            }

            if (!valid)
            {
                cleaned ??= new System.Text.StringBuilder(text.Length).Append(text, 0, i);
                cleaned.Append('\uFFFD');
            }
            else
            {
                cleaned?.Append(text, i, width);
            }

            i += width - 1;
        }

        return cleaned?.ToString() ?? text;
    }

    private static int? LastBreak(string window, string separator, int notBefore)
    {
        var at = window.LastIndexOf(separator, StringComparison.Ordinal);
        return at >= notBefore ? at + separator.Length : null;
    }
}
