namespace PcgdBot.Dialogs.Recognition;

/// <summary>
/// Numbers written in Vietnamese words: "hai", "mười hai", "tám mươi", "hai mươi lăm", "một trăm linh năm",
/// "một nghìn hai trăm", "mười hai nghìn" — with or without diacritics.
/// </summary>
internal static class VietnameseNumberWords
{
    /// <summary>Folded word → the ways it is written with diacritics.</summary>
    private static readonly Dictionary<string, string[]> Forms = new(StringComparer.Ordinal)
    {
        ["khong"] = ["không"],
        ["mot"] = ["một", "mốt"],
        ["hai"] = ["hai"],
        ["ba"] = ["ba"],
        ["bon"] = ["bốn"],
        ["tu"] = ["tư"],
        ["nam"] = ["năm"],
        ["lam"] = ["lăm"],
        ["nham"] = ["nhăm"],
        ["sau"] = ["sáu"],
        ["bay"] = ["bảy", "bẩy"],
        ["tam"] = ["tám"],
        ["chin"] = ["chín"],
        ["muoi"] = ["mười", "mươi"],
        ["linh"] = ["linh"],
        ["le"] = ["lẻ"],
        ["tram"] = ["trăm"],
        ["nghin"] = ["nghìn"],
        ["ngan"] = ["ngàn"],
        ["trieu"] = ["triệu"],
        ["ty"] = ["tỷ", "tỉ"],
        ["ti"] = ["tỉ", "tỷ"],
    };

    /// <summary>Whether a folded word is one of the number words (in any of its senses).</summary>
    public static bool IsNumberWord(string folded) => Forms.ContainsKey(folded);

    /// <summary>
    /// Whether <paramref name="token"/> is a number word as typed: "sáu" is, "sau" is only in a message typed
    /// entirely without diacritics (else it is "after"), "hai" always is.
    /// </summary>
    public static bool IsNumberWord(FoldedText text, Token token)
    {
        if (!token.IsWord || !Forms.TryGetValue(token.Folded, out var forms))
        {
            return false;
        }

        if (token.HasDiacritics)
        {
            return Array.IndexOf(forms, token.Typed) >= 0;
        }

        return !text.HasDiacritics || Array.IndexOf(forms, token.Folded) >= 0;
    }

    /// <summary>The value of a scale word after a number: "trăm" 100, "nghìn"/"ngàn" 1 000, "triệu", "tỷ".</summary>
    public static long? Scale(string? folded) => folded switch
    {
        "nghin" or "ngan" => 1_000,
        "trieu" => 1_000_000,
        "ty" or "ti" => 1_000_000_000,
        _ => null,
    };

    /// <summary>
    /// Reads a number in words starting at token <paramref name="start"/>: consecutive word tokens separated
    /// by white space. <paramref name="last"/> is the last token used; <paramref name="words"/> how many.
    /// </summary>
    public static bool TryParse(FoldedText text, int start, out decimal value, out int last, out int words)
    {
        value = 0;
        last = start;
        words = 0;

        string? Word(int index) =>
            text.At(index) is { } token && (index == start || token.SpaceBefore) && IsNumberWord(text, token)
                ? token.Folded
                : null;

        if (text.At(start) is { Typed: "mốt" or "tư" or "lăm" or "nhăm" or "mươi" })
        {
            // Forms that only follow tens ("hai mươi mốt"): alone, "mốt" is the day after tomorrow, "tư" fourth.
            return false;
        }

        var position = start;
        if (!TryGroup(Word, ref position, out var group))
        {
            return false;
        }

        decimal total = 0;
        decimal current = group;
        while (Scale(Word(position)) is { } scale)
        {
            total += current * scale;
            current = 0;
            position++;
            if (TryGroup(Word, ref position, out var next))
            {
                current = next;
            }
            else
            {
                break;
            }
        }

        value = total + current;
        last = position - 1;
        words = position - start;
        return true;
    }

    private static int? Digit(string? folded) => folded switch
    {
        "khong" => 0,
        "mot" => 1,
        "hai" => 2,
        "ba" => 3,
        "bon" => 4,
        "nam" => 5,
        "sau" => 6,
        "bay" => 7,
        "tam" => 8,
        "chin" => 9,
        _ => null,
    };

    /// <summary>A number below a thousand: "ba", "mười hai", "hai mươi lăm", "ba trăm linh năm", "không trăm hai mươi".</summary>
    private static bool TryGroup(Func<int, string?> word, ref int position, out int group)
    {
        group = 0;
        var start = position;
        var hundreds = -1;
        if (Digit(word(position)) is { } h && word(position + 1) == "tram")
        {
            hundreds = h;
            position += 2;
            if (word(position) is "linh" or "le" && Digit(word(position + 1)) is { } odd and > 0)
            {
                group = (hundreds * 100) + odd;
                position += 2;
                return true;
            }
        }

        var tens = -1;
        var b = word(position);
        if (b == "muoi")
        {
            tens = 1;
            position++;
        }
        else if (Digit(b) is { } t and >= 2 && word(position + 1) == "muoi")
        {
            tens = t;
            position += 2;
        }
        else if (hundreds >= 0 && Digit(b) is { } shortTens and > 0 && word(position + 1) is not ("tram" or "muoi"))
        {
            // "một trăm hai" is said for 120.
            group = (hundreds * 100) + (shortTens * 10);
            position++;
            return true;
        }

        if (tens >= 0)
        {
            var u = word(position);
            int? units = u switch
            {
                "lam" or "nham" => 5,
                "tu" when tens >= 2 => 4,
                "khong" => null,
                _ => Digit(u) is { } d and > 0 ? d : null,
            };
            if (units is not null && word(position + 1) is not ("tram" or "muoi"))
            {
                position++;
            }
            else
            {
                units = null;
            }

            group = (Math.Max(hundreds, 0) * 100) + (tens * 10) + (units ?? 0);
            return true;
        }

        if (hundreds >= 0)
        {
            group = hundreds * 100;
            return true;
        }

        if (Digit(b) is { } single and > 0)
        {
            group = single;
            position++;
            return true;
        }

        position = start;
        return false;
    }
}
