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
    /// Text as the platform delivered it, made safe for the bot: the one sanitiser every channel and the engine share
    /// (<see cref="PcgdBot.Plan.MessageText.ReplaceInvalid"/>: invalid code points become U+FFFD, control characters
    /// other than line breaks and tabs are dropped). Normalisation and the length cap come later, in the engine.
    /// </summary>
    public static string Clean(string text) => PcgdBot.Plan.MessageText.ReplaceInvalid(text);

    private static int? LastBreak(string window, string separator, int notBefore)
    {
        var at = window.LastIndexOf(separator, StringComparison.Ordinal);
        return at >= notBefore ? at + separator.Length : null;
    }
}
