using System.Text;

namespace PcgdBot.Telegram;

/// <summary>Reply text for Telegram: HTML-escaped, and split under the 4,096-character limit at sensible places.</summary>
public static class TelegramText
{
    public const int MaxLength = 4096;

    /// <summary>The three characters Telegram's HTML mode reserves; everything else (_, *, `) is literal there.</summary>
    public static string EscapeHtml(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>
    /// Parts of at most <paramref name="maxLength"/> characters (as the person reads them, before escaping): cut at a
    /// blank line, else a line break, else the end of a sentence, else a space; a word longer than a part is cut.
    /// </summary>
    public static IReadOnlyList<string> Split(string text, int maxLength = MaxLength)
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

    private static int? LastBreak(string window, string separator, int notBefore)
    {
        var at = window.LastIndexOf(separator, StringComparison.Ordinal);
        return at >= notBefore ? at + separator.Length : null;
    }

    /// <summary>Text of at most <paramref name="maxBytes"/> UTF-8 bytes (callback data is limited to 64 bytes).</summary>
    public static string TruncateUtf8(string text, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes)
        {
            return text;
        }

        var builder = new StringBuilder();
        var bytes = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            bytes += rune.Utf8SequenceLength;
            if (bytes > maxBytes)
            {
                break;
            }

            builder.Append(rune.ToString());
        }

        return builder.ToString();
    }
}
