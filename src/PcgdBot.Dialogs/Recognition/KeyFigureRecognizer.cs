namespace PcgdBot.Dialogs.Recognition;

/// <summary>
/// Reads the figures in a progress report: "80%", "80 phần trăm", "tám mươi phần trăm", "98,5%", "đã mở 3 lớp XMC",
/// "1.200 người", "mười hai học viên". Numbers that are part of a date ("10/12", "ngày 10"), a section number
/// ("IV.13", "nhiệm vụ 2", "lớp 9"), a time, a code or a phone number are not figures.
/// </summary>
public static class KeyFigureRecognizer
{
    /// <summary>
    /// The most salient figure, null if none: the first percentage, else the first count in a known unit
    /// ("3 lớp"), else the first count in another word ("3 XMC"), else the first bare number.
    /// </summary>
    public static KeyFigure? Recognize(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var folded = new FoldedText(text);
        var figures = Figures(folded).ToList();
        var best = figures
            .Select((f, order) => (f, order))
            .OrderBy(x => x.f.IsPercent ? 0 : x.f.KnownUnit is not null ? 1 : x.f.OtherUnit is not null ? 2 : 3)
            .ThenBy(x => x.order)
            .Select(x => x.f)
            .FirstOrDefault();
        return best is null ? null : ToFigure(folded, best);
    }

    /// <summary>All figures, in the order they appear.</summary>
    public static IReadOnlyList<KeyFigure> RecognizeAll(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var folded = new FoldedText(text);
        return [.. Figures(folded).Select(m => ToFigure(folded, m))];
    }

    private static IEnumerable<NumberMention> Figures(FoldedText text) => NumberScanner.Scan(text).Where(m => IsFigure(text, m));

    private static KeyFigure ToFigure(FoldedText text, NumberMention mention) =>
        new(mention.Value!.Value, mention.IsPercent ? null : mention.Unit, mention.IsPercent, text.OriginalText(mention.First, mention.Last));

    private static bool IsFigure(FoldedText text, NumberMention mention)
    {
        if (mention.Value is null)
        {
            return false;
        }

        const NumberContext NotAFigure = NumberContext.Date | NumberContext.Time | NumberContext.Section | NumberContext.Code
            | NumberContext.Hash | NumberContext.DateWord | NumberContext.Phone;
        if (mention.Has(NotAFigure))
        {
            return false;
        }

        var counted = mention.IsPercent || mention.KnownUnit is not null;
        if (mention.Has(NumberContext.DotDecimal) && !mention.IsPercent && !mention.HasMultiplier)
        {
            // "2.3" alone is a section number more often than a decimal typed with a dot.
            return false;
        }

        if (mention.Has(NumberContext.Named) && !counted)
        {
            return false;
        }

        if (mention.FromWords && !mention.IsCompound && !counted && !NumberScanner.IsAlone(text, mention))
        {
            // "năm", "sáu", "ba" alone in a sentence are as often "year", "after", "dad".
            return false;
        }

        if (!mention.FromWords && !counted && mention.Unit is null && !mention.HasMultiplier
            && mention.Value is >= 1900 and <= 2100 && decimal.Truncate(mention.Value.Value) == mention.Value
            && !NumberScanner.IsAlone(text, mention))
        {
            // "trong 2024": a year.
            return false;
        }

        return true;
    }
}
