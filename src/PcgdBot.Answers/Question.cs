using PcgdBot.Plan;

namespace PcgdBot.Answers;

/// <summary>A question read once: its canonical words, the units it names, and what kind of question it is.</summary>
internal sealed record Question(
    string Text,
    string Canonical,
    IReadOnlyList<string> Words,
    IReadOnlyList<UnitMention> Mentions,
    QuestionKind Kind,
    string? AskedUnitHead)
{
    /// <summary>The canonical words joined by spaces with a space on each side, for whole-phrase look-ups (" chu tri ").</summary>
    public string Padded { get; } = $" {string.Join(' ', Words)} ";

    /// <summary>The words without the question's wording that says nothing about the task ("đơn vị nào", "chịu trách nhiệm").</summary>
    public IReadOnlyList<string> TaskWords { get; init; } = [];

    /// <summary>The lexicon's synonym groups the question uses, each with the words of its phrases found in the question.</summary>
    public IReadOnlyList<SynonymUse> Synonyms { get; init; } = [];

    /// <summary>Units the question names as a partner ("cùng phòng GD&amp;ĐT", "với UBND xã"): not the unit asked for.</summary>
    public IEnumerable<string> PartnerUnitIds =>
        Mentions.Where(m => m.Start > 0 && Words[m.Start - 1] is "cung" or "voi" or "giup").Select(m => m.UnitId);
}

/// <summary>A synonym group (its index in the lexicon) a question uses, and the words of its phrases found in the question.</summary>
internal sealed record SynonymUse(int Group, HashSet<string> Words);

/// <summary>Reads questions: folds, expands abbreviations, finds units, decides the kind of question.</summary>
internal sealed class QuestionReader(UnitMentionFinder finder, TypoCorrector? typos = null)
{
    public Lexicon Lexicon => finder.Lexicon;

    // The synonym phrases padded with spaces, made once: " day nghe ".
    private readonly string[][] paddedSynonyms = finder.Lexicon.SynonymGroups.Select(g => g.Select(p => $" {p} ").ToArray()).ToArray();

    private List<SynonymUse> SynonymsIn(string padded)
    {
        var uses = new List<SynonymUse>();
        for (var g = 0; g < paddedSynonyms.Length; g++)
        {
            HashSet<string>? words = null;
            foreach (var phrase in paddedSynonyms[g])
            {
                if (padded.Contains(phrase, StringComparison.Ordinal))
                {
                    words ??= new HashSet<string>(StringComparer.Ordinal);
                    words.UnionWith(phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries));
                }
            }

            if (words is not null)
            {
                uses.Add(new SynonymUse(g, words));
            }
        }

        return uses;
    }

    /// <summary>The words without the stop phrases, each removed where it stands between spaces.</summary>
    internal static List<string> WithoutStopPhrases(IReadOnlyList<string> words)
    {
        var padded = $" {string.Join(' ', words)} ";
        foreach (var phrase in PaddedStopPhrases)
        {
            padded = padded.Replace(phrase, " ", StringComparison.Ordinal);
        }

        return [.. padded.Split(' ', StringSplitOptions.RemoveEmptyEntries)];
    }

    /// <summary>Question wording that says nothing about the task itself.</summary>
    internal static readonly string[] StopPhrases =
    [
        "don vi nao", "co quan nao", "to chuc nao", "ben nao", "doan the nao", "luc luong nao", "chiu trach nhiem", "trach nhiem",
        "phu trach", "chu tri", "phoi hop", "dam nhan", "dam nhiem", "nhiem vu", "cong tac", "la gi", "the nao", "nhu the nao",
        "bao nhieu", "khi nao", "lam gi", "can lam", "phai lam", "la ai", "o dau", "co the", "hien nay", "cho biet", "xin hoi",
        "vui long", "lam on", "theo ke hoach", "ke hoach nay", "trong ke hoach", "dau moi", "lo viec", "thuc hien viec", "viec gi",
        "do ai", "giao cho", "cua ai", "hay cho", "toi muon", "muon hoi", "lien he", "muc do may", "la may", "muon biet", "noi ve", "cai gi", "la sao",
    ];

    private static readonly string[] PaddedStopPhrases = [.. StopPhrases.Select(p => $" {p} ")];


    public Question Read(string text)
    {
        var canonical = finder.Lexicon.Canonical(text);
        var words = VietnameseText.Words(canonical);
        if (typos is not null)
        {
            words = typos.Correct(words);
        }

        var mentions = finder.Find(words);
        var question = new Question(text, canonical, words, mentions, QuestionKind.Unclear, AskedUnitHead: null);
        return question with
        {
            Kind = KindOf(question.Padded, words, mentions, canonical),
            AskedUnitHead = AskedHead(question.Padded),
            TaskWords = WithoutStopPhrases(words),
            Synonyms = SynonymsIn(question.Padded),
        };
    }

    private static QuestionKind KindOf(string padded, List<string> words, List<UnitMention> mentions, string canonical)
    {
        if (words.Count == 0)
        {
            return QuestionKind.Unclear;
        }

        if (IsOnly(words, GreetingWords) || canonical.StartsWith("/start", StringComparison.Ordinal))
        {
            return QuestionKind.Greeting;
        }

        if (canonical.StartsWith("/help", StringComparison.Ordinal) || canonical.StartsWith("/trogiup", StringComparison.Ordinal)
            || HelpPhrases.Any(p => padded.Contains(p, StringComparison.Ordinal)) && words.Count <= 8)
        {
            return QuestionKind.Help;
        }

        var asksWho = WhoMarkers.Any(m => padded.Contains(m, StringComparison.Ordinal));
        if (DocumentMarkers.Any(m => padded.Contains(m, StringComparison.Ordinal)) && !asksWho)
        {
            return QuestionKind.BaseDocuments;
        }

        // "Khi nào …" alone is not about the plan's deadlines: a report, a submission or "hạn" must be in it too.
        if (!asksWho && DeadlineMarkers.Any(m => padded.Contains(m, StringComparison.Ordinal)) && !padded.Contains(" han che ", StringComparison.Ordinal)
            && ReportingMarkers.Any(m => padded.Contains(m, StringComparison.Ordinal)))
        {
            return QuestionKind.Deadline;
        }

        if (!asksWho && (TargetMarkers.Any(m => padded.Contains(m, StringComparison.Ordinal)) || canonical.Contains('%')))
        {
            return QuestionKind.Target;
        }

        if (mentions.Count > 0 && !asksWho)
        {
            var asksDuties = DutyMarkers.Any(m => padded.Contains(m, StringComparison.Ordinal));
            // A message that is only a unit's name ("phòng nội vụ", "UBND xã?") asks for its duties too.
            var onlyUnits = words.Count - mentions.Sum(m => m.End - m.Start) <= 1;
            if (asksDuties || onlyUnits)
            {
                return QuestionKind.UnitDuties;
            }
        }

        return asksWho ? QuestionKind.WhoIsResponsible : QuestionKind.PlanContent;
    }

    /// <summary>"Phòng nào …?", "Hội nào …?", "đơn vị quân đội nào …?": the words that say what kind of unit is asked for.</summary>
    private static string? AskedHead(string padded)
    {
        var words = padded.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var which = Array.IndexOf(words, "nao");
        if (which <= 0)
        {
            return null;
        }

        var descriptor = words[Math.Max(0, which - 3)..which].SkipWhile(w => !UnitKindWords.Contains(w)).ToList();
        // Drop generic heads ("đơn vị", "cơ quan"): "đơn vị quân đội nào" asks for "quân đội".
        while (descriptor.Count > 0 && GenericHeads.Contains(descriptor[0]))
        {
            descriptor.RemoveAt(0);
        }

        return descriptor.Count == 0 ? null : string.Join(' ', descriptor);
    }

    private static readonly HashSet<string> UnitKindWords =
        ["phong", "hoi", "doan", "truong", "trung", "don", "co", "to", "ben", "luc", "quan", "bo", "nganh", "cap", "dia"];

    private static readonly HashSet<string> GenericHeads = ["don", "vi", "co", "quan", "to", "chuc", "ben", "luc", "luong", "cap", "nganh"];

    private static bool IsOnly(List<string> words, HashSet<string> vocabulary) => words.Count <= 5 && words.All(vocabulary.Contains);

    private static readonly HashSet<string> GreetingWords =
    [
        "xin", "chao", "hello", "hi", "alo", "ban", "bot", "pcgdbot", "anh", "chi", "em", "a", "nhe", "oi", "start", "bat", "dau",
        "moi", "nguoi", "ca", "buoi", "sang", "chieu", "toi", "hey", "kinh", "ad", "admin",
    ];

    private static readonly string[] HelpPhrases =
    [
        " tro giup ", " huong dan ", " help ", " lam duoc gi ", " giup duoc gi ", " co the lam gi ", " hoi duoc gi ", " hoi gi ",
        " menu ", " chuc nang ", " su dung the nao ", " dung the nao ", " biet gi ", " tra loi duoc gi ",
    ];

    private static readonly string[] WhoMarkers =
    [
        " ai ", " don vi nao ", " co quan nao ", " phong nao ", " hoi nao ", " ben nao ", " to chuc nao ", " doan the nao ",
        " nganh nao ", " truong nao ", " trung tam nao ", " doan nao ", " luc luong nao ", " noi nao ", " cap nao ",
        " chiu trach nhiem ", " phu trach ", " dau moi ", " dam nhan ", " dam nhiem ", " dam trach ", " lo viec ", " ai lo ",
        " chu tri ", " giao cho ", " thuoc ve ", " nhiem vu cua ai ", " viec cua ai ", " do ai ",
    ];

    private static readonly string[] DutyMarkers =
    [
        " nhiem vu ", " lam gi ", " can lam ", " phai lam ", " lam nhung ", " trach nhiem ", " viec gi ", " cong viec ", " phan cong ",
        " duoc giao ", " giao gi ", " vai tro ", " lam viec gi ", " chuc nang ", " can gi ", " phai gi ", " lam sao ", " the nao ",
    ];

    private static readonly string[] DocumentMarkers =
    [
        " chi thi ", " van ban ", " can cu ", " nghi quyet ", " chuong trinh hanh dong ", " ke hoach nao ", " ke hoach so ",
        " quyet dinh nao ", " ban hanh ", " so hieu ", " trien khai ke hoach ", " dua tren ", " theo van ban ",
    ];

    private static readonly string[] DeadlineMarkers =
    [
        " han ", " thoi han ", " han chot ", " khi nao ", " bao gio ", " ngay nao ", " luc nao ", " truoc ngay ", " thoi diem ",
        " deadline ", " mung may ", " ngay bao nhieu ", " cham nhat ",
    ];

    private static readonly string[] ReportingMarkers =
    [
        " bao cao ", " nop ", " gui ", " tong hop ", " han ", " thoi han ", " han chot ", " deadline ",
    ];

    private static readonly string[] TargetMarkers =
    [
        " muc tieu ", " chi tieu ", " ty le ", " ti le ", " phan tram ", " bao nhieu phan ", " phan dau ", " 2030 ", " can dat ", " phai dat ",
        " dat bao nhieu ", " dat muc ", " dat chuan ", " muc do ",
    ];
}
