using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PcgdBot.Plan;
using PcgdBot.Storage.Reporting;

namespace PcgdBot.Conversations.Reporting;

/// <summary>The kinds of questions about reported data.</summary>
internal enum QueryKind
{
    /// <summary>"Đơn vị nào chưa báo cáo?"</summary>
    NotReported,

    /// <summary>"Xã Mường So đã báo cáo gì?"</summary>
    UnitDetail,

    /// <summary>"Tiến độ nhiệm vụ IV.13.2?"</summary>
    Progress,

    /// <summary>"Bao nhiêu xã đã hoàn thành …?"</summary>
    Count,

    /// <summary>"Tổng hợp báo cáo năm nay."</summary>
    Summary,

    /// <summary>"Xã mình còn nhiệm vụ nào chưa báo cáo?": the plan duties a unit has not reported on yet.</summary>
    MissingDuties,
}

/// <summary>A recognised question about reported data, with what it names.</summary>
internal sealed record QueryRequest(QueryKind Kind)
{
    /// <summary>The reporting units the question names (unit details).</summary>
    public IReadOnlyList<UnitRecord> Units { get; init; } = [];

    /// <summary>"Xã mình đã báo cáo gì?": the asker's own units.</summary>
    public bool AboutOwnUnits { get; init; }

    /// <summary>A collective unit named ("các xã"): count or list only its members.</summary>
    public UnitRecord? Group { get; init; }

    /// <summary>The question is about communes ("xã nào…", "bao nhiêu xã…").</summary>
    public bool CommunesOnly { get; init; }

    /// <summary>A duty or section of the plan the question names: "IV.13.2" or "IV.13".</summary>
    public string? PlanReference { get; init; }

    public ProgressStatus Status { get; init; }

    /// <summary>What the question says after the status words ("điều tra phổ cập"), as typed.</summary>
    public string StatusTail { get; init; } = string.Empty;

    /// <summary>The question's canonical words that can name a duty (no question, status or filler words).</summary>
    public IReadOnlyList<string> ContentWords { get; init; } = [];

    /// <summary>A period the question names ("năm 2025", "năm ngoái"); null for the current one.</summary>
    public string? Period { get; init; }
}

/// <summary>
/// Tells questions about reported data from questions about the plan, by their shape after folding
/// ("chưa báo cáo", "đã báo cáo gì", "tiến độ" + a duty, "bao nhiêu xã" + a status, "tổng hợp").
/// Questions such as "ai chủ trì báo cáo?" or "hạn báo cáo là khi nào?" are left to the plan answers.
/// </summary>
internal sealed partial class QueryRecognizer(Lexicon lexicon)
{
    private static readonly string[] NotYetReported =
        ["chua bao cao", "chua nop bao cao", "chua gui bao cao", "chua co bao cao", "chua cap nhat", "chua nop", "chua gui"];

    // "Nếu chưa báo cáo thì sao?" asks about the rules, not the data.
    private static readonly string[] NotYetReportedAboutRules = ["neu", "thi sao", "xu ly", "hau qua", "phai", "bi gi", "lam sao"];

    // Words of questions about the plan: who leads, deadlines, duties, targets, obligations.
    private static readonly string[] AboutThePlan =
    [
        "ai", "chu tri", "phu trach", "cho ai", "gui ai", "ve dau", "len dau", "o dau", "khi nao", "bao gio", "ngay nao",
        "truoc ngay", "han", "phai", "trach nhiem", "lam gi", "co quan nao", "phong nao", "muc tieu", "chi tieu", "den nam",
        "phan dau", "hang nam", "dinh ky", "can bao cao", "nen bao cao", "se bao cao", "can lam", "nhiem vu gi",
        "nhiem vu nao", "quy dinh", "la gi", "gui dau", "nop dau", "thuong vu", "huyen uy", "so giao duc",
    ];

    private static readonly string[] ProgressWords =
        ["tien do", "tinh hinh", "ket qua", "da bao cao", "bao cao gi", "bao cao nhung gi", "cap nhat", "so lieu"];

    private static readonly string[] UnitDetailShapes =
    [
        "bao cao gi", "bao cao nhung gi", "bao cao viec gi", "bao cao nhung viec gi", "bao cao noi dung gi",
        "bao cao nhung noi dung gi", "da bao cao", "bao cao chua", "bao cao den dau", "cap nhat gi", "da cap nhat",
        "cap nhat chua", "tien do", "tinh hinh bao cao", "tinh hinh thuc hien", "ket qua bao cao", "ket qua thuc hien",
        "tong hop", "bao cao cua", "cac bao cao", "so lieu", "tinh hinh", "bao cao khong", "da nop", "da gui", "nop chua",
        "gui chua",
    ];

    // For a collective unit ("các xã đã báo cáo chưa?") the answer is who has and who has not.
    private static readonly string[] GroupShapes = ["da bao cao", "bao cao chua", "da cap nhat", "tien do", "tinh hinh bao cao"];

    // The asker's unit. "Báo cáo của tôi" (the person's own reports) is left to the status-update replies.
    private static readonly string[] OwnUnitWords =
    [
        "xa minh", "don vi minh", "phong minh", "ben minh", "xa toi", "don vi toi", "phong toi", "ben toi",
        "xa chung toi", "don vi chung toi", "xa em", "don vi em", "ben em",
    ];

    // "Nhiệm vụ nào", "việc gì": the question is about duties of a unit.
    private static readonly string[] DutyQuestionWords = ["nhiem vu nao", "viec nao", "nhiem vu gi", "viec gi", "noi dung nao", "nhung nhiem vu", "nhung viec"];

    // "Đơn vị nào", "xã nào": the question asks which units.
    private static readonly string[] WhichUnitWords = ["don vi nao", "xa nao", "ai", "phong nao", "co quan nao", "thi tran nao"];

    private static readonly string[] SummaryShapes =
        ["tong hop", "thong ke", "tinh hinh bao cao", "tinh hinh chung", "so lieu chung", "so lieu bao cao", "bao cao chung"];

    // "Tổng hợp báo cáo gì?", "đơn vị nào tổng hợp?" ask about the plan's reporting duty.
    private static readonly string[] SummaryAboutThePlan = ["don vi nao", "gi"];

    private static readonly string[] QuestionParticles =
        ["ai", "gi", "nao", "chua", "bao nhieu", "may", "the nao", "sao", "khong", "den dau"];

    private static readonly string[][] CountWords = [["bao", "nhieu"], ["so", "luong"], ["may"], ["so"]];

    private static readonly (string[] Words, ProgressStatus Status)[] StatusPhrases = BuildStatusPhrases(
        (ProgressStatus.Done, ["da hoan thanh", "hoan thanh", "da xong", "xong", "hoan tat"]),
        (ProgressStatus.InProgress, ["dang thuc hien", "dang trien khai", "dang lam"]),
        (ProgressStatus.NotStarted, ["chua trien khai", "chua bat dau", "chua thuc hien", "chua lam"]),
        (ProgressStatus.Blocked, ["gap kho khan", "gap vuong mac", "vuong mac", "bi kho khan", "dang kho khan", "con kho khan", "co kho khan", "can ho tro"]));

    // Words that say nothing about which duty is meant.
    private static readonly HashSet<string> FillerWords = new(StringComparer.Ordinal)
    {
        "bao", "nhieu", "may", "so", "luong", "xa", "thi", "tran", "don", "vi", "cac", "nhung", "da", "roi", "chua", "nao",
        "co", "duoc", "la", "va", "cua", "trong", "nam", "nay", "ky", "nhiem", "vu", "viec", "cong", "tac", "cao", "muc",
        "ve", "cho", "voi", "o", "tai", "the", "a", "vay", "nhi", "ha", "khong", "bi", "con", "toi", "minh", "huyen", "em",
        "thuc", "hien", "to", "chuc", "trien", "khai", "het", "tat", "ca", "toan", "dia", "ban",
    };

    public QueryRequest? Recognize(string text, UnitDirectory units, UnitMentionFinder finder, string currentPeriod)
    {
        var words = lexicon.CanonicalWords(text);
        if (words.Count == 0)
        {
            return null;
        }

        var question = new QuestionWords(words);
        if (text.TrimStart().StartsWith('/') || IsStatusUpdateCommand(text, question))
        {
            return null;
        }

        var request = Classify(text, question, units, finder);
        return request is null ? null : request with { Period = PeriodAskedFor(words, currentPeriod) };
    }

    private QueryRequest? Classify(string text, QuestionWords question, UnitDirectory units, UnitMentionFinder finder)
    {
        var (named, group) = UnitsNamed(question.Words, units, finder);
        var communes = NamesCommunes(question);

        if (question.HasAny(NotYetReported) && !question.HasAny(NotYetReportedAboutRules))
        {
            // "Còn nhiệm vụ nào chưa báo cáo?" asks for duties, not for units.
            var asksDuties = question.HasAny(DutyQuestionWords);
            if (asksDuties && named.Count > 0)
            {
                return new QueryRequest(QueryKind.MissingDuties) { Units = named };
            }

            if (named.Count > 0)
            {
                return new QueryRequest(QueryKind.UnitDetail) { Units = named };
            }

            return question.HasAny(OwnUnitWords) || (asksDuties && group is null && !question.HasAny(WhichUnitWords))
                ? new QueryRequest(asksDuties ? QueryKind.MissingDuties : QueryKind.UnitDetail) { AboutOwnUnits = true }
                : new QueryRequest(QueryKind.NotReported) { Group = group, CommunesOnly = communes };
        }

        var reference = PlanReferenceIn(VietnameseText.Fold(text));
        if (CountedPopulation(question.Words) is { } counted)
        {
            if (question.HasAny(AboutThePlan))
            {
                return null;
            }

            if (StatusIn(question.Words, counted.End) is not { } status)
            {
                // "Đơn vị nào tổng hợp báo cáo?" asks the plan; "bao nhiêu xã đã báo cáo?" the data.
                return !IsWhichQuestion(question.Words, counted.Start) && question.HasAny("bao cao", "cap nhat")
                    ? new QueryRequest(QueryKind.NotReported) { Group = group, CommunesOnly = counted.Communes }
                    : null;
            }

            if (status.Negated)
            {
                // "Bao nhiêu xã chưa hoàn thành?" has no single status to count; the plan answers rather than a wrong count.
                return null;
            }

            var skipped = Enumerable.Range(counted.Start, counted.End - counted.Start)
                .Concat(Enumerable.Range(status.Start, status.End - status.Start))
                .ToHashSet();
            return new QueryRequest(QueryKind.Count)
            {
                Group = group,
                CommunesOnly = counted.Communes,
                PlanReference = reference,
                Status = status.Status,
                StatusTail = TextAfter(text, status.Words),
                ContentWords = [.. question.Words.Where((w, i) => !skipped.Contains(i) && !FillerWords.Contains(w))],
            };
        }

        if (question.HasAny(AboutThePlan))
        {
            return null;
        }

        if (reference is not null && question.HasAny(ProgressWords))
        {
            return new QueryRequest(QueryKind.Progress) { PlanReference = reference };
        }

        if (question.HasAny(UnitDetailShapes))
        {
            if (named.Count > 0)
            {
                return new QueryRequest(QueryKind.UnitDetail) { Units = named };
            }

            if (group is not null && question.HasAny(GroupShapes))
            {
                return new QueryRequest(QueryKind.NotReported) { Group = group };
            }

            if (question.HasAny(OwnUnitWords) && !question.HasAny(SummaryShapes))
            {
                return new QueryRequest(QueryKind.UnitDetail) { AboutOwnUnits = true };
            }
        }

        return question.HasAny(SummaryShapes) && !question.HasAny(SummaryAboutThePlan)
            ? new QueryRequest(QueryKind.Summary)
            : null;
    }

    /// <summary>
    /// "Cập nhật tiến độ IV.13.2", "báo cáo xã Mường So đã xong" start a status update (their first words are its
    /// triggers); the same words asked as a question ("báo cáo tiến độ IV.13.2 thế nào?") or "báo cáo tổng hợp" are queries.
    /// </summary>
    private static bool IsStatusUpdateCommand(string text, QuestionWords question)
    {
        var words = question.Words;
        var startsWithTrigger = QuestionWords.MatchesAt(words, 0, ["cap", "nhat"])
            || (QuestionWords.MatchesAt(words, 0, ["bao", "cao"]) && !(words.Count > 2 && words[2] is "tong" or "chung" or "cua"));
        return startsWithTrigger && !text.Contains('?') && !question.HasAny(QuestionParticles);
    }

    /// <summary>
    /// The reporting units and the first collective unit the question names. "Xã nào", "thị trấn nào" ask which one,
    /// so they name none; "huyện Phong Thổ" is the district, not the town of the same name.
    /// </summary>
    private static (List<UnitRecord> Named, UnitRecord? Group) UnitsNamed(IReadOnlyList<string> words, UnitDirectory units, UnitMentionFinder finder)
    {
        var named = new List<UnitRecord>();
        UnitRecord? group = null;
        foreach (var mention in finder.Find(words))
        {
            if ((mention.Start > 0 && words[mention.Start - 1] == "huyen")
                || (mention.End < words.Count && words[mention.End] == "nao")
                || units[mention.UnitId] is not { } unit)
            {
                continue;
            }

            if (units.HasMembers(unit))
            {
                group ??= unit;
            }
            else if (units.IsReporter(unit) && !named.Contains(unit))
            {
                named.Add(unit);
            }
        }

        return (named, group);
    }

    /// <summary>"Xã" or "thị trấn" in the question (not "xã hội"), and not "đơn vị".</summary>
    private static bool NamesCommunes(QuestionWords question)
    {
        if (question.Has("don vi"))
        {
            return false;
        }

        var words = question.Words;
        for (var i = 0; i < words.Count; i++)
        {
            var next = i + 1 < words.Count ? words[i + 1] : string.Empty;
            if ((words[i] == "xa" && next != "hoi") || (words[i] == "thi" && next == "tran"))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsWhichQuestion(IReadOnlyList<string> words, int start) =>
        QuestionWords.MatchesAt(words, start, ["don", "vi", "nao"]) || QuestionWords.MatchesAt(words, start, ["xa", "nao"])
        || QuestionWords.MatchesAt(words, start, ["thi", "tran", "nao"]);

    /// <summary>
    /// "Bao nhiêu xã", "mấy đơn vị", "số xã" — or "xã nào", "những đơn vị nào", which ask for the same units by name:
    /// where the counted words are, and whether they count communes.
    /// </summary>
    private static (int Start, int End, bool Communes)? CountedPopulation(IReadOnlyList<string> words)
    {
        for (var i = 0; i + 1 < words.Count; i++)
        {
            if (QuestionWords.MatchesAt(words, i, ["don", "vi", "nao"]))
            {
                return (i, i + 3, false);
            }

            if (QuestionWords.MatchesAt(words, i, ["thi", "tran", "nao"]))
            {
                return (i, i + 3, true);
            }

            if (QuestionWords.MatchesAt(words, i, ["xa", "nao"]))
            {
                return (i, i + 2, true);
            }
        }

        for (var i = 0; i < words.Count; i++)
        {
            foreach (var countWord in CountWords)
            {
                if (!QuestionWords.MatchesAt(words, i, countWord))
                {
                    continue;
                }

                var at = i + countWord.Length;
                if (at < words.Count && words[at] == "cac")
                {
                    at++;
                }

                if (QuestionWords.MatchesAt(words, at, ["don", "vi"]))
                {
                    return (i, at + 2, false);
                }

                if (QuestionWords.MatchesAt(words, at, ["thi", "tran"]))
                {
                    return (i, at + 2, true);
                }

                if (at < words.Count && words[at] == "xa" && !QuestionWords.MatchesAt(words, at + 1, ["hoi"]))
                {
                    // "bao nhiêu xã, thị trấn" counts the same communes.
                    var end = QuestionWords.MatchesAt(words, at + 1, ["thi", "tran"]) ? at + 3 : at + 1;
                    return (i, end, true);
                }
            }
        }

        return null;
    }

    private sealed record StatusFound(ProgressStatus Status, int Start, int End, string[] Words, bool Negated);

    /// <summary>The first status phrase at or after <paramref name="from"/>; "đặc biệt khó khăn" is a kind of commune, not a status.</summary>
    private static StatusFound? StatusIn(IReadOnlyList<string> words, int from)
    {
        for (var i = from; i < words.Count; i++)
        {
            foreach (var (phrase, status) in StatusPhrases)
            {
                if (!QuestionWords.MatchesAt(words, i, phrase))
                {
                    continue;
                }

                if (status == ProgressStatus.Blocked && i >= 2 && words[i - 2] == "dac" && words[i - 1] == "biet")
                {
                    continue;
                }

                var negated = (status is ProgressStatus.Done or ProgressStatus.InProgress) && i > 0 && words[i - 1] is "chua" or "khong";
                return new StatusFound(status, i, i + phrase.Length, phrase, negated);
            }
        }

        return null;
    }

    private static (string[] Words, ProgressStatus Status)[] BuildStatusPhrases(params (ProgressStatus Status, string[] Phrases)[] groups) =>
        [.. groups
            .SelectMany(g => g.Phrases.Select(p => (Words: p.Split(' '), g.Status)))
            .OrderByDescending(p => p.Words.Length)];

    /// <summary>"IV.13.2", "iv.13", "mục 13.2" → "IV.13.2"/"IV.13"; null when the question names no duty or section.</summary>
    private static string? PlanReferenceIn(string folded)
    {
        if (RomanReference().Match(folded) is { Success: true } roman)
        {
            return Reference(roman.Groups[1].Value.ToUpperInvariant(), roman.Groups[2].Value, roman.Groups[3].Value);
        }

        // Duties are all in part IV ("Tổ chức thực hiện"), so "mục 13.2" means IV.13.2.
        return NumberedReference().Match(folded) is { Success: true } numbered
            ? Reference("IV", numbered.Groups[1].Value, numbered.Groups[2].Value)
            : null;
    }

    private static string Reference(string part, string section, string item)
    {
        var reference = part + "." + int.Parse(section, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
        return item.Length > 0 ? reference + "." + int.Parse(item, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture) : reference;
    }

    /// <summary>"năm 2025" / "kỳ 2025" → "2025"; "năm ngoái", "năm trước", "kỳ trước" → the period before the current one.</summary>
    private static string? PeriodAskedFor(IReadOnlyList<string> words, string currentPeriod)
    {
        for (var i = 0; i + 1 < words.Count; i++)
        {
            if (words[i] is not ("nam" or "ky"))
            {
                continue;
            }

            var next = words[i + 1];
            if (next.Length == 4 && int.TryParse(next, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 2000 and <= 2100)
            {
                return next;
            }

            if (next is "ngoai" or "truoc" && int.TryParse(currentPeriod, NumberStyles.None, CultureInfo.InvariantCulture, out var current))
            {
                return (current - 1).ToString(CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    /// <summary>What the person typed after the given words ("điều tra phổ cập"), diacritics and all.</summary>
    private static string TextAfter(string text, string[] phraseWords)
    {
        var (folded, map) = FoldKeepingPositions(text);
        var pattern = @"(?<![\p{L}\p{N}])" + string.Join(@"[^\p{L}\p{N}]+", phraseWords.Select(Regex.Escape)) + @"(?![\p{L}\p{N}])";
        var match = Regex.Match(folded, pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return match.Success
            ? text[map[match.Index + match.Length]..].Trim().TrimEnd('?', '.', '!', '…').Trim()
            : string.Empty;
    }

    /// <summary>Folds like <see cref="VietnameseText.Fold"/> but one character at a time, remembering where each came from.</summary>
    private static (string Folded, int[] Map) FoldKeepingPositions(string text)
    {
        var folded = new StringBuilder(text.Length);
        var map = new List<int>(text.Length + 1);
        for (var i = 0; i < text.Length; i++)
        {
            foreach (var c in text[i].ToString().Normalize(NormalizationForm.FormD))
            {
                if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                {
                    continue;
                }

                folded.Append(c is 'đ' or 'Đ' ? 'd' : char.ToLowerInvariant(c));
                map.Add(i);
            }
        }

        map.Add(text.Length);
        return (folded.ToString(), [.. map]);
    }

    [GeneratedRegex(@"(?<![a-z0-9])(i{1,3}|iv|vi{0,3}|ix|x)\s*\.\s*(\d{1,2})(?:\s*\.\s*(\d{1,2}))?(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex RomanReference();

    [GeneratedRegex(@"(?<![a-z0-9])(?:muc|nhiem vu)\s+(\d{1,2})(?:\s*\.\s*(\d{1,2}))?(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex NumberedReference();
}

/// <summary>A question's canonical words, searchable for whole phrases ("chua bao cao").</summary>
internal sealed class QuestionWords(IReadOnlyList<string> words)
{
    private readonly string padded = " " + string.Join(' ', words) + " ";

    public IReadOnlyList<string> Words { get; } = words;

    public bool Has(string phrase) => padded.Contains(" " + phrase + " ", StringComparison.Ordinal);

    public bool HasAny(params string[] phrases) => phrases.Any(Has);

    public static bool MatchesAt(IReadOnlyList<string> words, int position, string[] phrase)
    {
        if (position < 0 || position + phrase.Length > words.Count)
        {
            return false;
        }

        for (var k = 0; k < phrase.Length; k++)
        {
            if (words[position + k] != phrase[k])
            {
                return false;
            }
        }

        return true;
    }
}
