using System.Globalization;

namespace PcgdBot.Dialogs.Recognition;

/// <summary>What is around a number that says it is not a quantity.</summary>
[Flags]
internal enum NumberContext
{
    None = 0,

    /// <summary>Part of a date or range: "10/12", "10-12-2024", "10 tháng 12".</summary>
    Date = 1 << 0,

    /// <summary>A time of day: "8:30", "8h30".</summary>
    Time = 1 << 1,

    /// <summary>A dotted section number: "IV.13", "1.2.3", "2.a".</summary>
    Section = 1 << 2,

    /// <summary>Glued to letters or other symbols: "XMC2", "6A", "123/QĐ".</summary>
    Code = 1 << 3,

    /// <summary>Written "#2".</summary>
    Hash = 1 << 4,

    /// <summary>After a naming word: "nhiệm vụ 2", "lớp 9", "thứ hai".</summary>
    Named = 1 << 5,

    /// <summary>After a date word: "ngày 10", "năm 2024".</summary>
    DateWord = 1 << 6,

    /// <summary>A phone number or code with a leading zero or many digits: "0912345678".</summary>
    Phone = 1 << 7,

    /// <summary>"2.5": a decimal with a dot, or section 2.5? Decided by what follows.</summary>
    DotDecimal = 1 << 8,
}

/// <summary>A number found in text, with what follows it (%, a unit) and what is around it.</summary>
internal sealed class NumberMention
{
    public required int First { get; init; }

    /// <summary>The last token of the number itself (before %, multiplier or unit).</summary>
    public required int NumberLast { get; init; }

    /// <summary>The last token of the whole figure (number, multiplier, % and unit).</summary>
    public required int Last { get; init; }

    public required decimal? Value { get; init; }

    public required NumberContext Context { get; init; }

    public bool FromWords { get; init; }

    /// <summary>For numbers in words: a compound ("mười hai", "tám mươi") rather than one ambiguous word ("năm").</summary>
    public bool IsCompound { get; init; }

    public bool HasMultiplier { get; init; }

    public bool IsPercent { get; init; }

    public Phrase? KnownUnit { get; init; }

    /// <summary>The word typed after the number when it is not a known unit ("3 XMC" → "XMC").</summary>
    public string? OtherUnit { get; init; }

    public string? Unit => KnownUnit?.Canonical ?? OtherUnit;

    public bool Has(NumberContext context) => (Context & context) != 0;
}

/// <summary>Finds the numbers in a text, in digits (Vietnamese way: "1.200", "98,5") or in words.</summary>
internal static class NumberScanner
{
    private static readonly HashSet<string> Fillers = new(StringComparer.Ordinal)
    {
        "so", "la", "khoang", "chung", "dat", "duoc", "co", "con", "tong", "cong", "hon", "gan", "tren", "duoi",
        "chon", "muc", "phuong", "an", "cau", "y", "dap", "thu", "cai",
    };

    public static List<NumberMention> Scan(FoldedText text)
    {
        var found = new List<NumberMention>();
        var i = 0;
        while (i < text.Tokens.Count)
        {
            var token = text.Tokens[i];
            NumberMention? mention = null;
            if (token.IsDigits)
            {
                mention = ScanDigits(text, i);
            }
            else if (token.IsWord && (i == 0 || token.SpaceBefore || !text.Tokens[i - 1].IsDigits)
                     && VietnameseNumberWords.TryParse(text, i, out var value, out var last, out var words))
            {
                mention = Complete(text, i, last, value, Preceding(text, i), fromWords: true, isCompound: words > 1 || token.Folded == "muoi");
            }

            if (mention is null)
            {
                i++;
                continue;
            }

            found.Add(mention);
            i = mention.Last + 1;
        }

        return found;
    }

    /// <summary>Whether every token outside the mention is punctuation or a filler word ("số 2", "khoảng 80%").</summary>
    public static bool IsAlone(FoldedText text, NumberMention mention)
    {
        for (var k = 0; k < text.Tokens.Count; k++)
        {
            if (k >= mention.First && k <= mention.Last)
            {
                continue;
            }

            var token = text.Tokens[k];
            if (token.IsDigits || (token.IsWord && !Fillers.Contains(token.Folded) && !Vocabulary.Particles.Contains(token.Folded)))
            {
                return false;
            }
        }

        return true;
    }

    private static NumberMention ScanDigits(FoldedText text, int first)
    {
        var parts = new List<string> { text.Tokens[first].Folded };
        var separators = new List<char>();
        var last = first;
        while (text.At(last + 1) is { Kind: TokenKind.Symbol, SpaceBefore: false } separator
               && separator.Folded[0] is '.' or ',' or '/' or '-' or ':'
               && text.At(last + 2) is { IsDigits: true, SpaceBefore: false } digits)
        {
            separators.Add(separator.Folded[0]);
            parts.Add(digits.Folded);
            last += 2;
        }

        var context = Preceding(text, first);
        decimal? value = null;
        if (separators.Contains('/') || separators.Contains('-'))
        {
            context |= NumberContext.Date;
        }
        else if (separators.Contains(':'))
        {
            context |= NumberContext.Time;
        }
        else if (separators.Count == 0)
        {
            var digits = parts[0];
            if ((digits.Length >= 3 && digits[0] == '0') || digits.Length >= 9)
            {
                context |= NumberContext.Phone;
            }

            value = Parse(digits);
        }
        else if (separators.All(s => s == '.'))
        {
            if (IsGrouped(parts))
            {
                value = Parse(string.Concat(parts));
            }
            else if (separators.Count == 1)
            {
                context |= NumberContext.DotDecimal;
                value = Parse(parts[0] + "." + parts[1]);
            }
            else
            {
                context |= NumberContext.Section;
            }
        }
        else if (separators.All(s => s == ','))
        {
            if (separators.Count == 1)
            {
                value = Parse(parts[0] + "." + parts[1]);
            }
            else if (IsGrouped(parts))
            {
                value = Parse(string.Concat(parts));
            }
            else
            {
                context |= NumberContext.Section;
            }
        }
        else if (separators[^1] == ',' && separators.Take(separators.Count - 1).All(s => s == '.') && IsGrouped(parts[..^1]))
        {
            value = Parse(string.Concat(parts[..^1]) + "." + parts[^1]);
        }
        else if (separators[^1] == '.' && separators.Take(separators.Count - 1).All(s => s == ',') && IsGrouped(parts[..^1]))
        {
            value = Parse(string.Concat(parts[..^1]) + "." + parts[^1]);
        }
        else
        {
            context |= NumberContext.Section;
        }

        if (text.At(first) is { SpaceBefore: true } && text.At(first - 1) is { IsDigits: true })
        {
            // "0912 345 678": groups of a phone number.
            context |= NumberContext.Phone;
        }

        // What the number is glued to.
        if (text.At(first) is { SpaceBefore: false } && text.At(first - 1) is { } before)
        {
            if (before.IsWord)
            {
                context |= NumberContext.Code;
            }
            else if (before.IsSymbol('#'))
            {
                context |= NumberContext.Hash;
            }
            else if (before.Kind == TokenKind.Symbol && before.Folded[0] is '.' or '/' or '-' or '_' or '\\'
                     && !before.SpaceBefore && text.At(first - 2) is { Kind: TokenKind.Word or TokenKind.Digits })
            {
                context |= before.Folded[0] == '.' ? NumberContext.Section : NumberContext.Code;
            }
        }

        if (text.At(last + 1) is { SpaceBefore: false } after)
        {
            if (after.IsWord && after.Folded is "h" or "g" or "gio" or "am" or "pm")
            {
                context |= NumberContext.Time;
            }
            else if (after.Kind == TokenKind.Symbol && after.Folded[0] is '.' or '/' or '-' or '_' or '\\'
                     && text.At(last + 2) is { SpaceBefore: false, Kind: TokenKind.Word or TokenKind.Digits })
            {
                context |= after.Folded[0] == '.' ? NumberContext.Section : NumberContext.Code;
            }
        }

        // "10 tháng 12": a date in words.
        if (text.SpacedWordAt(last + 1) is { Folded: "thang" } && text.At(last + 2) is { IsDigits: true, SpaceBefore: true })
        {
            context |= NumberContext.Date;
        }

        return Complete(text, first, last, value, context, fromWords: false, isCompound: false);
    }

    /// <summary>Adds what follows the number: a multiplier ("triệu"), a percent sign or a unit.</summary>
    private static NumberMention Complete(FoldedText text, int first, int numberLast, decimal? value, NumberContext context, bool fromWords, bool isCompound)
    {
        var next = numberLast + 1;
        var hasMultiplier = false;
        if (!fromWords && text.At(next) is { IsWord: true } m && Multiplier(text, m) is { } multiplier)
        {
            value *= multiplier;
            hasMultiplier = true;
            next++;
        }

        var last = next - 1;
        var isPercent = false;
        Phrase? knownUnit = null;
        string? otherUnit = null;
        if (text.At(next) is { } percentSign && percentSign.IsSymbol('%'))
        {
            isPercent = true;
            last = next;
        }
        else if (text.SpacedWordAt(next) is not null && Vocabulary.Percent.MatchesAt(text, next))
        {
            isPercent = true;
            last = next + 1;
        }
        else if (text.At(next) is { IsWord: true } unitStart && (unitStart.SpaceBefore || !fromWords))
        {
            knownUnit = Vocabulary.Units.MatchAt(text, next);
            if (knownUnit is not null)
            {
                var unitLast = next + knownUnit.Length - 1;
                if (knownUnit.Folded is ["thang"] or ["nam"] or ["ngay"] && text.At(unitLast + 1) is { IsDigits: true })
                {
                    // "10 tháng 12", "ngày 5 năm 2024": a date, not a count of months.
                    knownUnit = null;
                    context |= NumberContext.Date;
                }
                else
                {
                    last = unitLast;
                }
            }
            else if (!fromWords && unitStart.SpaceBefore && IsOtherUnit(unitStart))
            {
                otherUnit = text.OriginalText(next, next);
                last = next;
            }
            else if (!fromWords && !unitStart.SpaceBefore && !hasMultiplier)
            {
                // "6A", "2b": a name, not a count.
                context |= NumberContext.Code;
            }
        }

        return new NumberMention
        {
            First = first,
            NumberLast = numberLast,
            Last = last,
            Value = value / 1.000000000000000000000000000000000m, // no trailing zeros: 1,5 triệu → 1500000, not 1500000.0
            Context = context,
            FromWords = fromWords,
            IsCompound = isCompound,
            HasMultiplier = hasMultiplier,
            IsPercent = isPercent,
            KnownUnit = knownUnit,
            OtherUnit = otherUnit,
        };
    }

    private static bool IsOtherUnit(Token word) =>
        word.Folded.Length > 1
        && !Vocabulary.StopWords.Contains(word.Folded)
        && !Vocabulary.Negations.Contains(word.Folded)
        && !VietnameseNumberWords.IsNumberWord(word.Folded)
        && !Vocabulary.DateWords.ContainsFirstWord(word.Folded);

    private static long? Multiplier(FoldedText text, Token word)
    {
        if (!word.SpaceBefore && word.Folded is "k")
        {
            return 1_000;
        }

        if (word.Folded is "tr")
        {
            return 1_000_000;
        }

        if (word.Folded == "tram" && Phrase.WordMatches(text, word, "tram", "trăm", strict: true))
        {
            return 100;
        }

        return VietnameseNumberWords.IsNumberWord(text, word) ? VietnameseNumberWords.Scale(word.Folded) : null;
    }

    /// <summary>What the words right before a number say about it.</summary>
    private static NumberContext Preceding(FoldedText text, int first)
    {
        if (text.At(first) is not { SpaceBefore: true } || first == 0)
        {
            return NumberContext.None;
        }

        if (Vocabulary.CountingLeads.MatchEndingAt(text, first - 1) is not null)
        {
            return NumberContext.None;
        }

        if (Vocabulary.DateWords.MatchEndingAt(text, first - 1) is not null)
        {
            return NumberContext.DateWord;
        }

        return Vocabulary.NamingWords.MatchEndingAt(text, first - 1) is not null ? NumberContext.Named : NumberContext.None;
    }

    /// <summary>"1.200", "12.000.000": thousands groups of three digits.</summary>
    private static bool IsGrouped(IReadOnlyList<string> parts) =>
        parts.Count >= 2
        && parts[0].Length is >= 1 and <= 3
        && parts[0][0] != '0'
        && parts.Skip(1).All(p => p.Length == 3);

    private static decimal? Parse(string digits) =>
        decimal.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : null;
}
