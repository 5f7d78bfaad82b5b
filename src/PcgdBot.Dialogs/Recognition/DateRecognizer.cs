using System.Text.RegularExpressions;
using Microsoft.Recognizers.Text;
using Microsoft.Recognizers.Text.DateTime;

namespace PcgdBot.Dialogs.Recognition;

/// <summary>
/// A date in a Vietnamese answer: "10/12/2024", "10/12" (this year), "10-12-2024", "ngày 10 tháng 12 năm 2024",
/// "hôm nay", "hôm qua", "ngày mai", "tuần sau", "thứ hai".."chủ nhật" / "thứ 2".."cn" (the next such day),
/// "thứ 2 tuần sau", "3 ngày nữa", "cuối tháng", "cuối tháng sau", "đầu tháng sau", "cuối năm". With or without diacritics.
/// </summary>
/// <remarks>
/// Numeric dates go through Microsoft.Recognizers.Text.DateTime with <see cref="Culture.Spanish"/> (day first, like
/// Vietnamese); only the date itself is given to it, never the words around it, which it would read as Spanish
/// ("mar" → martes). Its model takes a few hundred milliseconds to build, so it is built once, on first use or
/// by <see cref="WarmUp"/>.
/// </remarks>
public static partial class DateRecognizer
{
    private static readonly Lazy<DateTimeModel> Model = new(
        () => new DateTimeRecognizer(Culture.Spanish).GetDateTimeModel(),
        LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly Phrase[] Sunday = [new("chủ nhật"), new("cn"), new("chúa nhật")];
    private static readonly Phrase Weekday = new("thứ");
    private static readonly Phrase[] NextWeek = [new("tuần sau"), new("tuần tới"), new("tuần tơi")];
    private static readonly Phrase ThisWeek = new("tuần này");
    private static readonly Phrase LastWeek = new("tuần trước");
    private static readonly Phrase[] After = [new("nữa"), new("tới"), new("sau")];
    private static readonly Phrase Within = new("sau");
    private static readonly Phrase EndOf = new("cuối");
    private static readonly Phrase StartOf = new("đầu");
    private static readonly Phrase MiddleOf = new("giữa");
    private static readonly Phrase Month = new("tháng");
    private static readonly Phrase Year = new("năm");
    private static readonly Phrase[] Next = [new("sau"), new("tới"), new("tơi")];
    private static readonly Phrase[] Previous = [new("trước"), new("vừa rồi"), new("ngoái")];
    private static readonly Phrase This = new("này");
    private static readonly (string Folded, string Typed, int? Number)[] WeekdayNames =
    [
        ("hai", "hai", 2), ("ba", "ba", 3), ("tu", "tư", 4), ("nam", "năm", 5), ("sau", "sáu", 6), ("bay", "bảy", 7), ("bay", "bẩy", 7),
    ];

    private static readonly Phrase[] DayWords = [new("ngày"), new("mùng"), new("mồng")];

    private static readonly (Phrase Phrase, Func<DateOnly, DateOnly> Date)[] RelativeWords =
    [
        (new("hôm nay"), d => d),
        (new("bữa nay"), d => d),
        (new("ngày hôm nay"), d => d),
        (new("hôm qua"), d => d.AddDays(-1)),
        (new("bữa qua"), d => d.AddDays(-1)),
        (new("hôm kia"), d => d.AddDays(-2)),
        (new("ngày mai"), d => d.AddDays(1)),
        (new("mai"), d => d.AddDays(1)),
        (new("ngày kia"), d => d.AddDays(2)),
        (new("ngày mốt"), d => d.AddDays(2)),
        (new("mốt"), d => d.AddDays(2)),
        (new("tuần sau"), d => d.AddDays(7)),
        (new("tuần tới"), d => d.AddDays(7)),
        (new("tuần trước"), d => d.AddDays(-7)),
        (new("tháng sau"), d => d.AddMonths(1)),
        (new("tháng tới"), d => d.AddMonths(1)),
        (new("tháng trước"), d => d.AddMonths(-1)),
        (new("năm sau"), d => d.AddYears(1)),
        (new("năm tới"), d => d.AddYears(1)),
        (new("sang năm"), d => d.AddYears(1)),
        (new("năm trước"), d => d.AddYears(-1)),
        (new("năm ngoái"), d => d.AddYears(-1)),
    ];

    /// <summary>Builds the Recognizers model now, so that the first user does not wait for it.</summary>
    public static void WarmUp() => _ = Recognize("10/12/2024", new DateOnly(2024, 1, 1));

    public static DateOnly? Recognize(string text, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var folded = new FoldedText(text);
        return Numeric(folded, today)
            ?? DayAndMonth(folded, today)
            ?? WeekdayDate(folded, today)
            ?? Offset(folded, today)
            ?? PartOfMonth(folded, today)
            ?? Relative(folded, today);
    }

    /// <summary>"10/12/2024", "10-12-2024", "10.12.2024", "10/12", "2024-12-10".</summary>
    private static DateOnly? Numeric(FoldedText text, DateOnly today)
    {
        for (var i = 0; i < text.Tokens.Count; i++)
        {
            if (!text.Tokens[i].IsDigits || IsGluedToCode(text, i))
            {
                continue;
            }

            var parts = new List<string> { text.Tokens[i].Folded };
            var separator = '\0';
            var last = i;
            while (text.At(last + 1) is { Kind: TokenKind.Symbol, SpaceBefore: false } s
                   && s.Folded[0] is '/' or '-' or '.'
                   && (separator == '\0' || separator == s.Folded[0])
                   && text.At(last + 2) is { IsDigits: true, SpaceBefore: false } digits)
            {
                separator = s.Folded[0];
                parts.Add(digits.Folded);
                last += 2;
            }

            if (parts.Count is < 2 or > 3
                || (separator == '.' && parts.Count == 2 && !DayWords.Any(p => p.EndsAt(text, i - 1)))
                || (text.At(last + 1) is { SpaceBefore: false } after && after.Kind != TokenKind.Symbol))
            {
                i = last;
                continue;
            }

            // Recognizers reads "1/13" as January 13 (month first when the day cannot be a month): Vietnamese
            // dates are always day first, so its reading is kept only when it agrees with ours on day and month.
            if (FromParts(parts, today) is { } own)
            {
                return FromRecognizers(text.OriginalText(i, last), today) is { } r && r.Day == own.Day && r.Month == own.Month ? r : own;
            }

            i = last;
        }

        return null;
    }

    /// <summary>"QĐ-10/12", "IV.10": the digits continue a code or a section number.</summary>
    private static bool IsGluedToCode(FoldedText text, int i) =>
        text.Tokens[i] is { SpaceBefore: false }
        && text.At(i - 1) is { } before
        && (before.IsWord || (before.Kind == TokenKind.Symbol && before.Folded[0] is '/' or '-' or '.' or '_'));

    private static DateOnly? FromRecognizers(string numericDate, DateOnly today)
    {
        var results = Model.Value.Parse(numericDate, today.ToDateTime(TimeOnly.MinValue));
        foreach (var result in results)
        {
            if (result.Start != 0 || result.End != numericDate.Length - 1
                || result.Resolution?.GetValueOrDefault("values") is not IEnumerable<Dictionary<string, string>> values)
            {
                continue;
            }

            foreach (var value in values)
            {
                if (value.GetValueOrDefault("timex") is { } timex && TimexDate().Match(timex) is { Success: true } match)
                {
                    var year = match.Groups[1].Value == "XXXX" ? today.Year : int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                    return Date(year, Int(match.Groups[2].Value), Int(match.Groups[3].Value));
                }
            }
        }

        return null;
    }

    /// <summary>Our own reading when Recognizers has none ("10-12" without a year).</summary>
    private static DateOnly? FromParts(List<string> parts, DateOnly today)
    {
        if (parts.Count == 3 && parts[0].Length == 4)
        {
            return Date(Int(parts[0]), Int(parts[1]), Int(parts[2]));
        }

        if (parts[0].Length > 2 || parts[1].Length > 2)
        {
            return null;
        }

        var year = today.Year;
        if (parts.Count == 3)
        {
            year = parts[2].Length switch
            {
                2 => 2000 + Int(parts[2]),
                4 => Int(parts[2]),
                _ => 0,
            };
        }

        return Date(year, Int(parts[1]), Int(parts[0]));
    }

    /// <summary>"ngày 10 tháng 12", "10 tháng 12 năm 2024", "mùng 5 tháng 2", "ngày 10" (this month).</summary>
    private static DateOnly? DayAndMonth(FoldedText text, DateOnly today)
    {
        for (var i = 0; i < text.Tokens.Count; i++)
        {
            var dayWord = DayWords.FirstOrDefault(p => p.MatchesAt(text, i));
            var numberAt = dayWord is null ? i : i + dayWord.Length;
            if (dayWord is not null && text.At(numberAt) is not { SpaceBefore: true })
            {
                continue;
            }

            if (ReadNumber(text, numberAt) is not { } day)
            {
                continue;
            }

            var next = day.Last + 1;
            if (Month.MatchesAt(text, next) && text.SpacedWordAt(next) is not null && ReadNumber(text, next + 1) is { } month)
            {
                var year = today.Year;
                if (Year.MatchesAt(text, month.Last + 1) && ReadNumber(text, month.Last + 2) is { Value: >= 1000 } y)
                {
                    year = y.Value;
                }

                return Date(year, month.Value, day.Value);
            }

            if (dayWord is not null && text.Tokens[numberAt].IsDigits && text.At(next) is not { Kind: TokenKind.Symbol, SpaceBefore: false })
            {
                // "ngày 20": the 20th of this month ("ngày mốt" is the day after tomorrow, not the 1st).
                return Date(today.Year, today.Month, day.Value);
            }
        }

        return null;
    }

    /// <summary>"thứ hai", "thứ 2", "t2", "chủ nhật", "cn": the next such day; "thứ 2 tuần sau": that day next week.</summary>
    private static DateOnly? WeekdayDate(FoldedText text, DateOnly today)
    {
        for (var i = 0; i < text.Tokens.Count; i++)
        {
            if (DayOfWeekAt(text, i) is not { } day)
            {
                continue;
            }

            var mondayOffset = ((int)day + 6) % 7;
            var thisMonday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
            if (Anywhere(text, NextWeek))
            {
                return thisMonday.AddDays(7 + mondayOffset);
            }

            if (Anywhere(text, [LastWeek]))
            {
                return thisMonday.AddDays(-7 + mondayOffset);
            }

            if (Anywhere(text, [ThisWeek]))
            {
                return thisMonday.AddDays(mondayOffset);
            }

            var ahead = ((int)day - (int)today.DayOfWeek + 7) % 7;
            return today.AddDays(ahead == 0 ? 7 : ahead);
        }

        return null;
    }

    private static DayOfWeek? DayOfWeekAt(FoldedText text, int i)
    {
        if (Sunday.Any(p => p.MatchesAt(text, i) && text.At(i + p.Length) is not { SpaceBefore: false, Kind: TokenKind.Word or TokenKind.Digits }))
        {
            return DayOfWeek.Sunday;
        }

        int? number = null;
        if (Weekday.MatchesAt(text, i) && text.At(i + 1) is { SpaceBefore: true } next)
        {
            number = next.IsDigits
                ? Int(next.Folded)
                : WeekdayNames.FirstOrDefault(w => Phrase.WordMatches(text, next, w.Folded, w.Typed, strict: false)).Number;
        }
        else if (text.At(i) is { IsWord: true, Folded: "t" or "thu" } t && text.At(i + 1) is { IsDigits: true, SpaceBefore: false } glued
                 && (i == 0 || t.SpaceBefore || text.At(i - 1)!.Kind == TokenKind.Symbol))
        {
            number = Int(glued.Folded);
        }

        return number is >= 2 and <= 7 ? (DayOfWeek)(number.Value - 1) : null;
    }

    /// <summary>"3 ngày nữa", "2 tuần tới", "sau 5 ngày", "một tháng nữa".</summary>
    private static DateOnly? Offset(FoldedText text, DateOnly today)
    {
        for (var i = 0; i < text.Tokens.Count; i++)
        {
            if (ReadNumber(text, i) is not { } n || text.SpacedWordAt(n.Last + 1) is not { } unit)
            {
                continue;
            }

            var before = Within.EndsAt(text, i - 1);
            var after = After.Any(p => p.MatchesAt(text, n.Last + 2) && text.SpacedWordAt(n.Last + 2) is not null);
            if (!before && !after)
            {
                continue;
            }

            DateOnly? date = unit.Folded switch
            {
                "ngay" => today.AddDays(n.Value),
                "tuan" => today.AddDays(7 * n.Value),
                "thang" => today.AddMonths(n.Value),
                "nam" => today.AddYears(n.Value),
                _ => null,
            };
            if (date is not null)
            {
                return date;
            }
        }

        return null;
    }

    /// <summary>"cuối tháng", "cuối tháng sau", "cuối tháng 12", "đầu tháng sau", "giữa tháng", "cuối năm".</summary>
    private static DateOnly? PartOfMonth(FoldedText text, DateOnly today)
    {
        for (var i = 0; i < text.Tokens.Count; i++)
        {
            var part = EndOf.MatchesAt(text, i) ? 'e' : StartOf.MatchesAt(text, i) ? 's' : MiddleOf.MatchesAt(text, i) ? 'm' : '\0';
            if (part == '\0')
            {
                continue;
            }

            if (Month.MatchesAt(text, i + 1))
            {
                var month = new DateOnly(today.Year, today.Month, 1);
                var k = i + 2;
                if (Next.Any(p => p.MatchesAt(text, k)))
                {
                    month = month.AddMonths(1);
                }
                else if (Previous.Any(p => p.MatchesAt(text, k)))
                {
                    month = month.AddMonths(-1);
                }
                else if (ReadNumber(text, k) is { Value: >= 1 and <= 12 } m)
                {
                    month = new DateOnly(today.Year, m.Value, 1);
                }
                else if (!This.MatchesAt(text, k) && part == 's')
                {
                    // "đầu tháng" alone: the start of this month has passed unless it is today.
                    month = today.Day == 1 ? month : month.AddMonths(1);
                }

                return part switch
                {
                    'e' => month.AddMonths(1).AddDays(-1),
                    'm' => month.AddDays(14),
                    _ => month,
                };
            }

            if (Year.MatchesAt(text, i + 1))
            {
                var year = today.Year;
                if (Next.Any(p => p.MatchesAt(text, i + 2)))
                {
                    year++;
                }
                else if (Previous.Any(p => p.MatchesAt(text, i + 2)))
                {
                    year--;
                }

                return part switch
                {
                    'e' => new DateOnly(year, 12, 31),
                    'm' => new DateOnly(year, 6, 30),
                    _ => new DateOnly(year, 1, 1),
                };
            }
        }

        return null;
    }

    /// <summary>"hôm nay", "hôm qua", "ngày mai", "tuần sau", "tháng sau", "năm sau".</summary>
    private static DateOnly? Relative(FoldedText text, DateOnly today)
    {
        for (var i = 0; i < text.Tokens.Count; i++)
        {
            var best = RelativeWords
                .Where(r => r.Phrase.MatchesAt(text, i))
                .OrderByDescending(r => r.Phrase.Length)
                .Select(r => ((Phrase Phrase, Func<DateOnly, DateOnly> Date)?)r)
                .FirstOrDefault();
            if (best is { } found)
            {
                return found.Date(today);
            }
        }

        return null;
    }

    private static bool Anywhere(FoldedText text, Phrase[] phrases)
    {
        for (var i = 0; i < text.Tokens.Count; i++)
        {
            if (phrases.Any(p => p.MatchesAt(text, i)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A whole number at token <paramref name="index"/>, in digits ("10") or words ("mười").</summary>
    private static (int Value, int Last)? ReadNumber(FoldedText text, int index)
    {
        if (text.At(index) is not { } token)
        {
            return null;
        }

        if (token.IsDigits)
        {
            if (token.Folded.Length > 4 || text.At(index + 1) is { SpaceBefore: false, Kind: TokenKind.Word or TokenKind.Digits })
            {
                return null;
            }

            if (text.At(index + 1) is { SpaceBefore: false } s && s.Folded[0] is '/' or '-' or '.' or ',' or ':'
                && text.At(index + 2) is { IsDigits: true, SpaceBefore: false })
            {
                return null;
            }

            return (Int(token.Folded), index);
        }

        if (VietnameseNumberWords.TryParse(text, index, out var value, out var last, out _) && value == decimal.Truncate(value) && value < 10_000)
        {
            return ((int)value, last);
        }

        return null;
    }

    private static DateOnly? Date(int year, int month, int day) =>
        year is >= 1 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new DateOnly(year, month, day)
            : null;

    private static int Int(string digits) =>
        digits.Length <= 9 ? int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) : int.MaxValue;

    [GeneratedRegex(@"^(XXXX|\d{4})-(\d{2})-(\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex TimexDate();
}
