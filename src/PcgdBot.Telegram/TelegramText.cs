using System.Text;

namespace PcgdBot.Telegram;

/// <summary>Reply text for Telegram: HTML-escaped, and split under the 4,096-character limit at sensible places.</summary>
public static class TelegramText
{
    public const int MaxLength = 4096;

    /// <summary>The three characters Telegram's HTML mode reserves; everything else (_, *, `) is literal there.</summary>
    public static string EscapeHtml(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>Parts of at most 4,096 characters as the person reads them (before escaping).</summary>
    public static IReadOnlyList<string> Split(string text, int maxLength = MaxLength) => Channels.ChannelText.Split(text, maxLength);

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
