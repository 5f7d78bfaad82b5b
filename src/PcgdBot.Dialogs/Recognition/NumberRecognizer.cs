namespace PcgdBot.Dialogs.Recognition;

/// <summary>
/// The one number in a short answer: "2", "số 2", "#2", "hai", "mười hai", "1.200", "98,5", "80%", "1,5 triệu".
/// Dates ("10/12"), times and dotted section numbers ("IV.13") are not numbers; several different numbers → null.
/// </summary>
public static class NumberRecognizer
{
    public static decimal? Recognize(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var folded = new FoldedText(text);
        decimal? found = null;
        foreach (var mention in NumberScanner.Scan(folded))
        {
            if (mention.Value is not { } value
                || mention.Has(NumberContext.Date | NumberContext.Time | NumberContext.Section | NumberContext.Code))
            {
                continue;
            }

            if (mention.FromWords && !mention.IsCompound && !mention.IsPercent && mention.KnownUnit is null
                && !NumberScanner.IsAlone(folded, mention))
            {
                continue;
            }

            if (found is not null && found != value)
            {
                return null;
            }

            found = value;
        }

        return found;
    }
}
