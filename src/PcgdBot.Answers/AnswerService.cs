using System.Text;
using PcgdBot.Plan;

namespace PcgdBot.Answers;

/// <summary>
/// Answers questions about the plan: who is responsible for a task, a unit's duties, deadlines, targets and
/// base documents. Ranking is Lucene's (BM25 over words and word pairs); on top sit the domain's abbreviations
/// and synonyms, question-type detection, and a confidence threshold below which the bot says it does not know.
/// Thread-safe; build once per process.
/// </summary>
public sealed class AnswerService : IDisposable
{
    /// <summary>Below this share of the question's (rarity-weighted) words found in the best passage, the plan does not answer it.</summary>
    public const double ConfidenceThreshold = 0.5;

    private readonly KnowledgeIndex index;
    private readonly QuestionReader reader;
    private readonly ReplyTemplates replies;
    private readonly string capabilities;
    private readonly TypoCorrector typos;

    public AnswerService(PlanDocument plan, Lexicon lexicon, ReplyTemplates replies)
    {
        Plan = plan;
        this.replies = replies;
        index = new KnowledgeIndex(plan, lexicon);
        typos = KnownWords(plan, lexicon, index);
        reader = new QuestionReader(new UnitMentionFinder(plan.Units, lexicon), typos);
        capabilities = replies.Render("capabilities");
        canonicalUnitNames = plan.Units.ToDictionary(
            u => u.Id,
            u => u.Aliases.Append(u.Name).Select(n => $" {string.Join(' ', lexicon.CanonicalWords(n))} ").ToList());
        deadlineWords = plan.Deadlines.ToDictionary(d => d, d => lexicon.CanonicalWords(d.Text + " " + d.Recipient).ToHashSet());
    }

    /// <summary>The words and word pairs of the plan's passages and units' names, for putting typing slips right.</summary>
    private static TypoCorrector KnownWords(PlanDocument plan, Lexicon lexicon, KnowledgeIndex index)
    {
        var frequencies = new Dictionary<string, int>(StringComparer.Ordinal);
        var pairs = new HashSet<string>(StringComparer.Ordinal);
        void Add(IReadOnlyList<string> words)
        {
            for (var i = 0; i < words.Count; i++)
            {
                frequencies[words[i]] = frequencies.GetValueOrDefault(words[i]) + 1;
                if (i + 1 < words.Count)
                {
                    pairs.Add(words[i] + " " + words[i + 1]);
                }
            }
        }

        foreach (var passage in index.Passages)
        {
            Add(passage.PaddedCanonical.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }

        foreach (var unit in plan.Units)
        {
            foreach (var name in unit.Aliases.Append(unit.Name))
            {
                Add(lexicon.CanonicalWords(name));
            }
        }

        foreach (var section in plan.Sections)
        {
            Add(lexicon.CanonicalWords(section.Title));
        }

        return new TypoCorrector(frequencies, pairs);
    }

    // Each unit's names, canonical and padded, for "phòng nào …?"-style checks.
    private readonly Dictionary<string, List<string>> canonicalUnitNames;

    // Each deadline's clause and recipient as canonical words, to put the one a question is about first.
    private readonly Dictionary<ReportingDeadline, HashSet<string>> deadlineWords;

    public PlanDocument Plan { get; }

    /// <summary>Longer messages are cut here: no question about the plan needs more, and the query stays small.</summary>
    public const int MaxQuestionLength = 1000;

    public Answer Ask(string question) => Ask(question, kind: null);

    /// <summary>
    /// Answers as the given kind of question when the caller knows it better (the conversation's intent classifier
    /// read "phòng GD báo cáo lên ai, hạn khi nào" as a deadline question); null reads the kind from the words.
    /// </summary>
    public Answer Ask(string question, QuestionKind? kind) => Ask(question, kind, askerUnitId: null);

    /// <summary>
    /// Answers for a registered asker: a deadline question that names no other unit is answered for the asker's plan
    /// unit (<paramref name="askerUnitId"/>): the report it sends, to whom and by when, as the plan says.
    /// </summary>
    public Answer Ask(string question, QuestionKind? kind, string? askerUnitId)
    {
        question ??= string.Empty;
        var read = reader.Read(question.Length > MaxQuestionLength ? question[..MaxQuestionLength] : question);
        if (kind is { } known && (known != QuestionKind.UnitDuties || read.Mentions.Count > 0))
        {
            read = read with { Kind = known };
        }

        // "Sở xây dựng phải làm gì?" asks for the duties of an office the plan does not name: say so rather than quote a
        // duty that shares a word with its name.
        if (read.Mentions.Count == 0 && read.Kind is QuestionKind.PlanContent or QuestionKind.UnitDuties
            && DutyQuestionMarkers.Any(m => read.Padded.Contains(m, StringComparison.Ordinal)) && UnknownUnit(read) is { } office)
        {
            return office;
        }

        var answer = read.Kind switch
        {
            QuestionKind.Greeting => Fixed(read, Greeting(name: null)),
            QuestionKind.Help => Fixed(read, replies.Render("help", ("capabilities", capabilities))),
            QuestionKind.Unclear => new Answer(question ?? string.Empty, QuestionKind.Unclear, replies.Render("unclear", ("capabilities", capabilities)), [], null, 0),
            QuestionKind.UnitDuties => UnitDuties(read),
            QuestionKind.Deadline => askerUnitId is not null && Plan.FindUnit(askerUnitId) is not null && read.Mentions.All(m => m.UnitId == askerUnitId)
                ? DeadlinesOf(read, askerUnitId) ?? Deadlines(read)
                : Deadlines(read),
            QuestionKind.Target => Targets(read),
            QuestionKind.BaseDocuments => BaseDocuments(read),
            _ => Responsible(read),
        };

        // "Phòng y tế cần làm gì?": rather than "out of scope", say the plan names no such unit and which it does.
        return answer.Kind is QuestionKind.OutOfScope or QuestionKind.Unclear && read.Mentions.Count == 0 && UnknownUnit(read) is { } unknown
            ? unknown
            : answer;
    }

    // ---- "Phòng y tế cần làm gì?" ------------------------------------------------------------------------

    /// <summary>Words that open the name of an office ("phòng …", "sở …", "trung tâm …"), folded.</summary>
    private static readonly string[][] OfficeHeads =
        [["phong"], ["so"], ["trung", "tam"], ["benh", "vien"], ["tram"], ["chi", "cuc"], ["cuc"], ["ban"], ["vien"], ["hoi"], ["doi"]];

    // The words after a name: what is asked about it.
    private static readonly HashSet<string> AfterName =
    [
        "can", "lam", "gi", "co", "nhiem", "vu", "phai", "thi", "sao", "la", "ai", "da", "bao", "cao", "nao", "duoc", "giao", "trach",
        "chu", "tri", "phoi", "hop", "trong", "ve", "cua", "voi", "nhung", "viec", "huyen", "tinh", "xa", "a", "nhe", "oi", "khong",
        "phu", "trach", "dam", "nhan", "thuc", "hien", "se", "the", "nao", "o", "tai",
    ];

    private Answer? UnknownUnit(Question question)
    {
        var words = question.Words;
        if (!UnitQuestionMarkers.Any(m => question.Padded.Contains(m, StringComparison.Ordinal)))
        {
            return null;
        }

        for (var i = 0; i < words.Count; i++)
        {
            foreach (var head in OfficeHeads)
            {
                if (!StartsAt(words, i, head))
                {
                    continue;
                }

                // "(cho em) hỏi phòng y tế …": the office is the one named last.
                if (OfficeHeads.Any(h => StartsAt(words, i + head.Length, h)))
                {
                    continue;
                }

                var name = words.Skip(i + head.Length).TakeWhile(w => !AfterName.Contains(w)).Take(4).ToList();
                // "Phong trào", "số liệu", "hỏi": words of the plan's own text, not an office it fails to name.
                if (name.Count == 0 || typos.KnowsPair(head[^1] + " " + name[0]))
                {
                    continue;
                }

                var typed = string.Join(' ', words.Skip(i).Take(head.Length + name.Count));
                var nearest = Plan.ResponsibleUnits
                    .Select(u => (Unit: u, Score: NameSimilarity(head, name, canonicalUnitNames[u.Id])))
                    .Where(x => x.Score > 0)
                    .OrderByDescending(x => x.Score)
                    .Take(3)
                    .Select(x => x.Unit.Name)
                    .ToList();
                if (nearest.Count == 0)
                {
                    return null;
                }

                var text = replies.Render("unit.unknown", ("name", VietnameseText.Capitalize(OriginalWords(question.Text, typed))), ("nearest", JoinNames(nearest)));
                return new Answer(question.Text, QuestionKind.UnknownUnit, text, [], null, 0);
            }
        }

        return null;
    }

    private static readonly string[] DutyQuestionMarkers = [" lam gi ", " nhiem vu gi ", " phai lam ", " can lam ", " co nhiem vu ", " duoc giao "];

    private static readonly string[] UnitQuestionMarkers =
        [" lam gi ", " nhiem vu ", " phai lam ", " can lam ", " trach nhiem ", " duoc giao ", " phu trach ", " chu tri ", " phoi hop ", " bao cao "];

    private static bool StartsAt(IReadOnlyList<string> words, int at, string[] phrase) =>
        at + phrase.Length <= words.Count && !phrase.Where((w, k) => words[at + k] != w).Any();

    /// <summary>How alike a typed office name is to a unit's names: the same kind of office, then shared letters pairs.</summary>
    private static double NameSimilarity(string[] head, List<string> name, List<string> unitNames)
    {
        var best = 0.0;
        var typedPairs = LetterPairs(string.Join(' ', name));
        foreach (var unitName in unitNames)
        {
            var padded = unitName;
            var sameKind = padded.StartsWith($" {string.Join(' ', head)} ", StringComparison.Ordinal);
            var rest = sameKind ? padded[(head.Sum(h => h.Length + 1) + 1)..] : padded;
            var pairs = LetterPairs(rest);
            var shared = typedPairs.Count(pairs.Contains);
            var dice = typedPairs.Count + pairs.Count == 0 ? 0 : 2.0 * shared / (typedPairs.Count + pairs.Count);
            best = Math.Max(best, (sameKind ? 1 : 0) + dice);
        }

        return best;
    }

    private static HashSet<string> LetterPairs(string text)
    {
        var pairs = new HashSet<string>(StringComparer.Ordinal);
        var squeezed = text.Replace(" ", string.Empty, StringComparison.Ordinal);
        for (var i = 0; i + 1 < squeezed.Length; i++)
        {
            pairs.Add(squeezed.Substring(i, 2));
        }

        return pairs;
    }

    /// <summary>The typed words as the person wrote them (with diacritics) when they can be found, else the folded ones.</summary>
    private static string OriginalWords(string text, string folded)
    {
        var (foldedText, map) = VietnameseText.FoldKeepingPositions(text);
        var pattern = string.Join(@"[^\p{L}\p{N}]+", folded.Split(' ').Select(System.Text.RegularExpressions.Regex.Escape));
        var match = System.Text.RegularExpressions.Regex.Match(foldedText, pattern, System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        return match.Success ? text[map[match.Index]..map[match.Index + match.Length]] : folded;
    }

    /// <summary>The greeting text with the person's name, for channels that know it.</summary>
    public string Greeting(string? name) =>
        replies.Render(
            "greeting",
            ("name", string.IsNullOrWhiteSpace(name) ? string.Empty : $" {name}"),
            ("district", Plan.District is null ? string.Empty : $" huyện {Plan.District}"),
            ("capabilities", capabilities));

    private static Answer Fixed(Question question, string text) => new(question.Text, question.Kind, text, [], null, 1);

    private Answer OutOfScope(Question question, double confidence) =>
        new(question.Text, QuestionKind.OutOfScope, replies.Render("out-of-scope", ("capabilities", capabilities)), [], null, Math.Round(confidence, 3));

    // ---- "Ai phụ trách …?" ------------------------------------------------------------------------------

    private Answer Responsible(Question question)
    {
        var terms = SearchTerms(question, out var contentWords);
        if (contentWords.Count == 0)
        {
            return new Answer(question.Text, QuestionKind.Unclear, replies.Render("unclear", ("capabilities", capabilities)), [], null, 0);
        }

        var hits = index.Search(terms, 30);
        var wantsDuty = question.Kind == QuestionKind.WhoIsResponsible;
        var candidates = new List<Hit>(hits.Count);
        foreach (var hit in hits)
        {
            var score = hit.Passage.Kind == PassageKind.Duty || !wantsDuty ? hit.Score * Preference(question, hit.Passage) : 0;
            if (score <= 0)
            {
                continue;
            }

            // Stable insertion by score: equal scores keep Lucene's order.
            var at = candidates.Count;
            while (at > 0 && candidates[at - 1].Score < score)
            {
                at--;
            }

            candidates.Insert(at, hit with { Score = score });
        }

        if (candidates.Count == 0)
        {
            return OutOfScope(question, 0);
        }

        // Naming a unit says nothing about whether the plan covers the task: judge on the other words.
        var mentioned = question.Mentions.SelectMany(m => question.Words.Skip(m.Start).Take(m.End - m.Start)).ToHashSet();
        var taskWords = contentWords.Where(w => !mentioned.Contains(w)).ToList();
        if (taskWords.Count > 0)
        {
            contentWords = taskWords;
        }

        // A duty its unit only supports ("Phối hợp triển khai … thi đua khen thưởng"), naming no lead, does not say who
        // leads: a close duty that does ("Chủ trì, … khen thưởng hàng năm") answers "ai …?" first; the other follows.
        if (candidates[0].Passage.Duty is { } first && !first.Roles.Any(r => r.Role == UnitRole.Lead))
        {
            var firstCoverage = Coverage(question, contentWords, candidates[0].Passage);
            var leading = candidates.Skip(1).FirstOrDefault(h =>
                h.Passage.Duty is { } other && other.Roles[0].Role == UnitRole.Lead && h.Score >= candidates[0].Score * 0.4
                && SharesAPhrase(question, h.Passage) && SharesAPhraseWith(question, h.Passage, candidates[0].Passage)
                && Coverage(question, contentWords, h.Passage) >= firstCoverage * 0.5);
            if (leading.Passage is not null)
            {
                candidates.Remove(leading);
                candidates.Insert(0, leading with { Score = candidates[0].Score });
            }
        }

        var best = candidates[0];
        var confidence = Coverage(question, contentWords, best.Passage);
        if (confidence < ConfidenceThreshold)
        {
            return OutOfScope(question, confidence);
        }

        if (best.Passage.Target is { } target)
        {
            return TargetAnswer(question, [target], confidence);
        }

        if (best.Passage.Duty is not { } duty)
        {
            var text = replies.Render("content", ("section", best.Passage.Section), ("title", best.Passage.Title ?? string.Empty), ("text", best.Passage.Text));
            return new Answer(question.Text, QuestionKind.PlanContent, text, [], best.Passage.Section, Math.Round(confidence, 3));
        }

        var reply = new StringBuilder(DescribeDuty(duty));
        var units = duty.Roles.Select(r => new AnsweredUnit(Plan.Unit(r.UnitId).Name, r.Role)).ToList();

        // A second duty almost as close, of another unit: the plan splits the work, so say so.
        var runnerUp = candidates.Skip(1).FirstOrDefault(h =>
            h.Passage.Duty is { } other && other.OwnerUnitId != duty.OwnerUnitId && h.Score >= best.Score * 0.85
            && Coverage(question, contentWords, h.Passage) >= ConfidenceThreshold);
        if (runnerUp.Passage?.Duty is { } second && second.OwnerUnitId is { } secondOwner)
        {
            var alsoKey = second.Roles[0].Role == UnitRole.Support ? "who.also.support" : "who.also";
            reply.Append('\n').Append(replies.Render(alsoKey, ("section", second.Section), ("unit", Plan.Unit(secondOwner).Name), ("text", second.Text)));
            if (units.All(u => u.Name != Plan.Unit(secondOwner).Name))
            {
                units.Add(new AnsweredUnit(Plan.Unit(secondOwner).Name, second.Roles[0].Role));
            }
        }

        return new Answer(question.Text, QuestionKind.WhoIsResponsible, reply.ToString(), units, duty.Section, Math.Round(confidence, 3));
    }

    /// <summary>Domain preferences on top of Lucene's score: the unit kind asked for, the role asked for, partners named.</summary>
    private float Preference(Question question, Passage passage)
    {
        if (passage.Duty is not { OwnerUnitId: { } ownerId } duty)
        {
            return 1f;
        }

        var preference = 1f;
        if (question.PartnerUnitIds.Contains(ownerId))
        {
            // "Ai cùng phòng GD&ĐT …?" asks for someone other than the phòng GD&ĐT.
            preference *= 0.3f;
        }

        if (question.AskedUnitHead is { } kind && !UnitIsOfKind(Plan.Unit(ownerId), kind))
        {
            preference *= 0.5f;
        }

        var padded = question.Padded;
        if (padded.Contains(" chu tri ", StringComparison.Ordinal) && duty.Roles[0].Role == UnitRole.Lead)
        {
            // The plan's own "Chủ trì, …" is the strongest sign of a lead.
            preference *= passage.OpensWithLead ? 1.25f : 1.1f;
        }
        else if (padded.Contains(" phoi hop ", StringComparison.Ordinal) && duty.Roles[0].Role == UnitRole.Support)
        {
            preference *= 1.15f;
        }

        return preference;
    }

    /// <summary>Whether a unit's name or aliases say it is of the kind asked for ("phòng", "quân đội" ~ "biên phòng").</summary>
    private bool UnitIsOfKind(PlanUnit unit, string kind) =>
        unitKinds.GetOrAdd((unit.Id, kind), key => ComputeUnitIsOfKind(Plan.Unit(key.UnitId), key.Kind));

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string UnitId, string Kind), bool> unitKinds = new();

    private bool ComputeUnitIsOfKind(PlanUnit unit, string kind)
    {
        var names = canonicalUnitNames[unit.Id];
        var kinds = reader.Lexicon.SynonymGroups.Where(g => g.Contains(kind)).SelectMany(g => g).Append(kind);
        return kinds.Any(k => names.Any(n => n.Contains($" {k} ", StringComparison.Ordinal)));
    }

    private string DescribeDuty(PlanDuty duty)
    {
        var owner = duty.Roles[0];
        var ownerName = Plan.Unit(owner.UnitId).Name;
        var others = duty.Roles.Skip(1).ToList();
        if (owner.Role == UnitRole.Support && others.Any(r => r.Role == UnitRole.Lead))
        {
            var leads = JoinNames(others.Where(r => r.Role == UnitRole.Lead).Select(r => Plan.Unit(r.UnitId).Name));
            return replies.Render("who.support", ("section", duty.Section), ("unit", ownerName), ("leads", leads), ("text", duty.Text));
        }

        var partners = others.Count == 0
            ? string.Empty
            : replies.Render("who.partners", ("units", JoinNames(others.Select(r => Plan.Unit(r.UnitId).Name))));
        var key = OpensWithLead(duty.Text) ? "who.lead" : "who.owner";
        return replies.Render(key, ("section", duty.Section), ("unit", ownerName), ("partners", partners), ("text", duty.Text));
    }

    // ---- "UBND xã cần làm gì?" ---------------------------------------------------------------------------

    private Answer UnitDuties(Question question)
    {
        var unitIds = question.Mentions.Select(m => m.UnitId).Distinct().Take(3).ToList();
        var text = new StringBuilder();
        var units = new List<AnsweredUnit>();
        string? source = null;
        foreach (var unitId in unitIds)
        {
            var unit = Plan.Unit(unitId);
            if (text.Length > 0)
            {
                text.Append("\n\n");
            }

            // Its own duties: those of its section, and those it leads with others (IV.19's reporting duty). A duty of
            // another unit's section that opens "Phối hợp với <this unit>" is that unit's duty, led by this one: it is
            // listed apart, never as this unit's own text (which would have it "phối hợp với" itself).
            var own = Plan.Duties.Where(d => d.OwnerUnitId == unitId || (d.Roles[0].Role == UnitRole.Lead && d.Roles.Any(r => r.UnitId == unitId && r.Role == UnitRole.Lead))).ToList();
            var ledElsewhere = Plan.Duties.Where(d => !own.Contains(d) && d.Roles[0].Role == UnitRole.Support && d.Roles.Any(r => r.UnitId == unitId && r.Role == UnitRole.Lead)).ToList();
            var supporting = Plan.Duties.Where(d => !own.Contains(d) && !ledElsewhere.Contains(d) && d.Roles.Any(r => r.UnitId == unitId)).ToList();
            var items = string.Join("; ", supporting.Select(d => replies.Render(
                "duties.supporting.item",
                ("section", d.Id),
                ("lead", Plan.Unit(d.Roles.FirstOrDefault(r => r.Role == UnitRole.Lead)?.UnitId ?? d.OwnerUnitId!).Name))));
            if (own.Count == 0)
            {
                text.Append(replies.Render("duties.only-supporting", ("unit", unit.Name), ("items", items)));
                units.Add(new AnsweredUnit(unit.Name, UnitRole.Support));
                source ??= supporting.FirstOrDefault()?.Section;
                continue;
            }

            text.Append(replies.Render("duties.heading", ("unit", unit.Name), ("section", string.Join(", ", own.Select(d => d.Section).Distinct()))));
            for (var i = 0; i < own.Count; i++)
            {
                text.Append('\n').Append(replies.Render("duties.item", ("number", (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)), ("text", own[i].Text)));
            }

            if (ledElsewhere.Count > 0)
            {
                var led = string.Join("; ", ledElsewhere.Select(d => replies.Render("duties.led-elsewhere.item", ("section", d.Id), ("partner", Plan.Unit(d.OwnerUnitId!).Name))));
                text.Append('\n').Append(replies.Render("duties.led-elsewhere", ("unit", unit.Name), ("items", led)));
            }

            if (supporting.Count > 0)
            {
                text.Append('\n').Append(replies.Render("duties.supporting", ("unit", unit.Name), ("items", items)));
            }

            // The yearly report: the deadline the unit is named in, else the general one (every phòng, ban,
            // ngành, đoàn thể reports), unless its duties above already say it.
            var reporting = Plan.Deadlines.FirstOrDefault(d => d.Reporters.Contains(unitId))
                ?? Plan.Deadlines.FirstOrDefault(d => d.Recipient != unit.Name);
            if (reporting is not null && unit.Section is not null && own.All(d => d.Section != reporting.Section))
            {
                text.Append('\n').Append(replies.Render("duties.reporting", ("recipient", reporting.Recipient), ("date", reporting.DayMonth), ("section", reporting.Section)));
            }

            units.Add(new AnsweredUnit(unit.Name, own.Any(d => d.Roles[0].Role == UnitRole.Lead) ? UnitRole.Lead : UnitRole.Support));
            source ??= own[0].Section;
        }

        return new Answer(question.Text, QuestionKind.UnitDuties, text.ToString(), units, source, 1);
    }

    // ---- Deadlines, targets, documents ------------------------------------------------------------------

    private Answer Deadlines(Question question)
    {
        if (Plan.Deadlines.Count == 0)
        {
            return OutOfScope(question, 0);
        }

        // The deadline whose clause shares most words with the question first ("báo cáo huyện ủy" → 20/12).
        var ordered = Plan.Deadlines
            .OrderByDescending(d => question.Words.Count(w => index.Knows(w) && deadlineWords[d].Contains(w))
                + question.Mentions.Count(m => d.Reporters.Contains(m.UnitId)))
            .ToList();
        var text = new StringBuilder(replies.Render("deadline.heading", ("section", ordered[0].Section)));
        foreach (var deadline in ordered)
        {
            text.Append('\n').Append(replies.Render(
                "deadline.item",
                ("date", deadline.DayMonth),
                ("reporters", JoinNames(deadline.Reporters.Select(id => Plan.Unit(id).Name))),
                ("recipient", deadline.Recipient)));
        }

        // Asked by a reporting unit ("… gửi báo cáo về đâu?"), the answer is the unit that receives the report.
        var units = new List<AnsweredUnit>();
        if (question.Mentions.Count > 0)
        {
            var recipient = Plan.Units.FirstOrDefault(u => u.Name == ordered[0].Recipient);
            if (recipient is not null && question.Mentions.All(m => m.UnitId != recipient.Id))
            {
                units.Add(new AnsweredUnit(recipient.Name, UnitRole.Lead));
            }

            units.AddRange(ordered[0].Reporters.Select(id => new AnsweredUnit(Plan.Unit(id).Name, recipient is null ? UnitRole.Lead : UnitRole.Support)));
        }
        return new Answer(question.Text, QuestionKind.Deadline, text.ToString(), units, ordered[0].Section, 0.9);
    }

    /// <summary>
    /// The asker's own deadline: the one its unit reports in (a unit or commune: to phòng GD&amp;ĐT before 10/12), else the
    /// general one (every phòng, ban, ngành reports); for the unit that receives reports, also when they come in.
    /// </summary>
    private Answer? DeadlinesOf(Question question, string unitId)
    {
        var unit = Plan.Unit(unitId);
        var reporting = Plan.Deadlines.FirstOrDefault(d => d.Reporters.Contains(unitId))
            ?? Plan.Deadlines.FirstOrDefault(d => !SameName(d.Recipient, unit.Name) && Plan.Deadlines.All(o => !o.Reporters.Contains(unitId)));
        if (reporting is null)
        {
            return null;
        }

        var text = new StringBuilder(replies.Render("deadline.own", ("section", reporting.Section), ("unit", unit.Name), ("recipient", reporting.Recipient), ("date", reporting.DayMonth)));
        foreach (var incoming in Plan.Deadlines.Where(d => d != reporting && SameName(d.Recipient, unit.Name)))
        {
            text.Append('\n').Append(replies.Render(
                "deadline.own.receives",
                ("unit", unit.Name),
                ("date", incoming.DayMonth),
                ("reporters", JoinNames(incoming.Reporters.Select(id => Plan.Unit(id).Name)))));
        }

        var recipient = Plan.Units.FirstOrDefault(u => SameName(u.Name, reporting.Recipient));
        IReadOnlyList<AnsweredUnit> units = recipient is null ? [] : [new AnsweredUnit(recipient.Name, UnitRole.Lead)];
        return new Answer(question.Text, QuestionKind.Deadline, text.ToString(), units, reporting.Section, 0.9);
    }

    private static bool SameName(string a, string b) => VietnameseText.Fold(a) == VietnameseText.Fold(b);

    private Answer Targets(Question question)
    {
        if (Plan.Targets.Count == 0)
        {
            return OutOfScope(question, 0);
        }

        var terms = SearchTerms(question, out var contentWords);
        var specific = contentWords.Where(w => !TargetWords.Contains(w)).ToList();
        var hits = index.Search(terms, 30).Where(h => h.Passage.Kind == PassageKind.Target).ToList();
        List<PlanTarget> shown;
        double confidence;
        var byFigure = Plan.Targets.Where(t => t.Value is { } value && question.Canonical.Replace(" ", string.Empty).Contains(value, StringComparison.Ordinal)).ToList();
        if (byFigure.Count > 0)
        {
            // "Chỉ tiêu 70% là gì?": the figure names the target.
            shown = byFigure;
            confidence = 0.95;
        }
        else if (specific.Count == 0 || hits.Count == 0)
        {
            // "Các mục tiêu đến 2030?": all of them.
            shown = [.. Plan.Targets];
            confidence = 0.8;
        }
        else
        {
            var best = hits[0];
            confidence = Coverage(question, specific, best.Passage);
            if (confidence < ConfidenceThreshold)
            {
                return Responsible(question with { Kind = QuestionKind.PlanContent });
            }

            shown = [best.Passage.Target!];
            shown.AddRange(hits.Skip(1).Where(h => h.Score >= best.Score * 0.9).Select(h => h.Passage.Target!));
        }

        return TargetAnswer(question, shown, confidence);
    }

    private Answer TargetAnswer(Question question, List<PlanTarget> shown, double confidence)
    {
        var first = shown[0];
        var text = new StringBuilder(replies.Render("target.heading", ("year", first.Year?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty), ("section", first.Section)));
        foreach (var target in shown.Distinct())
        {
            text.Append('\n').Append(target.Value is null
                ? replies.Render("target.item.plain", ("text", VietnameseText.Capitalize(target.Text)))
                : replies.Render("target.item", ("value", target.Value), ("text", VietnameseText.Capitalize(target.Text))));
        }

        return new Answer(question.Text, QuestionKind.Target, text.ToString(), [], first.Section, Math.Round(confidence, 3));
    }

    private static readonly HashSet<string> TargetWords =
    [
        "muc", "tieu", "chi", "ty", "ti", "le", "phan", "tram", "dat", "nam", "2030", "den", "bao", "nhieu", "can", "phai", "dau", "cu", "the",
    ];

    private Answer BaseDocuments(Question question)
    {
        if (Plan.BaseDocuments.Count == 0)
        {
            return OutOfScope(question, 0);
        }

        var text = new StringBuilder(replies.Render("documents.heading"));
        foreach (var document in Plan.BaseDocuments.OrderBy(d => DocumentRank(d.Kind)))
        {
            text.Append('\n').Append(replies.Render(
                "documents.item",
                ("kind", document.Kind),
                ("number", document.Number),
                ("date", document.Date is null ? string.Empty : $" ngày {document.Date}"),
                ("issuer", document.Issuer is null ? string.Empty : $" của {document.Issuer}")));
        }

        return new Answer(question.Text, QuestionKind.BaseDocuments, text.ToString(), [], null, 0.95);
    }

    /// <summary>The directive first, then the programme, then the plans that carry it down.</summary>
    private static int DocumentRank(string kind) => VietnameseText.Fold(kind) switch
    {
        "chi thi" => 0,
        "nghi quyet" => 1,
        "chuong trinh hanh dong" => 2,
        _ => 3,
    };

    // ---- Search terms and confidence --------------------------------------------------------------------

    /// <summary>The index and the search terms of a question, for tests that check the ranking itself.</summary>
    internal KnowledgeIndex Index => index;

    internal List<SearchTerm> SearchTermsFor(string question) => SearchTerms(reader.Read(question), out _);

    private List<SearchTerm> SearchTerms(Question question, out List<string> contentWords)
    {
        var words = question.TaskWords;
        contentWords = words.Where(w => !StopWords.Contains(w)).Distinct().ToList();
        // "Dạy nghề cho lao động nông thôn": the words after "cho" say for whom; the task is what comes before it, and
        // a duty for the same people on another task ("hỗ trợ lao động nông thôn học tập") must not outrank it.
        var forWhom = -1;
        for (var i = 0; i < words.Count && forWhom < 0; i++)
        {
            forWhom = words[i] == "cho" ? i : -1;
        }

        var beneficiary = forWhom > 1 ? words.Skip(forWhom + 1).ToHashSet(StringComparer.Ordinal) : [];
        beneficiary.ExceptWith(words.Take(forWhom < 0 ? 0 : forWhom));
        var terms = new List<SearchTerm>();
        foreach (var word in contentWords)
        {
            terms.Add(new SearchTerm(word, beneficiary.Contains(word) ? BeneficiaryBoost : 1f));
        }

        for (var i = 0; i + 1 < words.Count; i++)
        {
            if (!StopWords.Contains(words[i]) || !StopWords.Contains(words[i + 1]))
            {
                terms.Add(new SearchTerm($"{words[i]} {words[i + 1]}", forWhom > 1 && i > forWhom ? 1.5f * BeneficiaryBoost : 1.5f));
            }
        }

        var padded = question.Padded;
        foreach (var present in question.Synonyms)
        {
            var weight = present.Words.All(beneficiary.Contains) ? BeneficiaryBoost : 1f;
            foreach (var phrase in reader.Lexicon.SynonymGroups[present.Group].Where(p => !padded.Contains($" {p} ", StringComparison.Ordinal)))
            {
                var synonymWords = VietnameseText.Words(phrase);
                for (var i = 0; i + 1 < synonymWords.Count; i++)
                {
                    terms.Add(new SearchTerm($"{synonymWords[i]} {synonymWords[i + 1]}", 0.6f * weight));
                }

                if (synonymWords.Count == 1)
                {
                    terms.Add(new SearchTerm(synonymWords[0], 0.4f * weight));
                }
            }
        }

        // Repeated words add nothing; Lucene also caps a query at 1,024 clauses.
        return terms.DistinctBy(t => t.Text).Take(MaxSearchTerms).ToList();
    }

    private const int MaxSearchTerms = 256;

    /// <summary>The weight of the words that say for whom a task is ("… cho người lao động"), against 1 for the task's.</summary>
    private const float BeneficiaryBoost = 0.4f;

    /// <summary>
    /// The rarity-weighted share of the question's content words that the passage has (directly or through a
    /// synonym), discounted when no two adjacent words of the question stand together in the passage: folded
    /// Vietnamese syllables are ambiguous alone ("y tế" shares "y" and "te" with "ý nghĩa", "kinh tế").
    /// </summary>
    private double Coverage(Question question, IReadOnlyList<string> contentWords, Passage passage)
    {
        var coverage = WordCoverage(question, contentWords, passage);
        return contentWords.Count > 1 && !SharesAPhrase(question, passage) ? coverage * 0.7 : coverage;
    }

    private static bool SharesAPhrase(Question question, Passage passage)
    {
        var words = question.TaskWords;
        for (var i = 0; i + 1 < words.Count; i++)
        {
            if ((!StopWords.Contains(words[i]) || !StopWords.Contains(words[i + 1]))
                && passage.PaddedCanonical.Contains($" {words[i]} {words[i + 1]} ", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a word pair of the question stands in both passages ("khen thuong"): they are about the same thing.</summary>
    private static bool SharesAPhraseWith(Question question, Passage one, Passage other)
    {
        var words = question.TaskWords;
        for (var i = 0; i + 1 < words.Count; i++)
        {
            var pair = $" {words[i]} {words[i + 1]} ";
            if ((!StopWords.Contains(words[i]) || !StopWords.Contains(words[i + 1]))
                && one.PaddedCanonical.Contains(pair, StringComparison.Ordinal) && other.PaddedCanonical.Contains(pair, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private double WordCoverage(Question question, IReadOnlyList<string> contentWords, Passage passage)
    {
        double total = 0, matched = 0;
        foreach (var word in contentWords)
        {
            var weight = index.Idf(word);
            total += weight;
            if (passage.Words.Contains(word) || SynonymCovers(word, question, passage))
            {
                matched += weight;
            }
        }

        return total == 0 ? 0 : matched / total;
    }

    /// <summary>Whether a synonym group the question uses, through a phrase with this word, is in the passage too.</summary>
    private static bool SynonymCovers(string word, Question question, Passage passage)
    {
        foreach (var present in question.Synonyms)
        {
            if (present.Words.Contains(word) && passage.SynonymGroups.Contains(present.Group))
            {
                return true;
            }
        }

        return false;
    }

    internal static bool OpensWithLead(string dutyText) => VietnameseText.Fold(dutyText).StartsWith("chu tri", StringComparison.Ordinal);

    private static string JoinNames(IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count <= 1 ? string.Concat(list) : string.Join(", ", list.Take(list.Count - 1)) + " và " + list[^1];
    }

    private static readonly HashSet<string> StopWords =
    [
        "ai", "nao", "gi", "la", "cua", "cho", "va", "cac", "nhung", "duoc", "co", "khong", "se", "thi", "ma", "o", "tai", "trong", "ve",
        "voi", "cung", "nhu", "nay", "do", "vay", "a", "nhi", "nhe", "oi", "hoi", "biet", "xin", "toi", "em", "anh", "chi", "ban",
        "minh", "lam", "can", "phai", "ben", "the", "viec", "mot", "nhieu", "hay", "hoac", "neu", "de", "den", "tu", "theo", "tren",
        "duoi", "dang", "da", "ra", "vao", "len", "nhat", "rat", "qua", "nua", "lai", "con", "chu", "ak", "ah", "vang", "day", "kia",
        "huyen", "thuc", "hien", "tot", "phong", "hoi", "nganh", "don", "vi", "may", "muon", "nen", "sao", "gium", "lo",
    ];

    public void Dispose() => index.Dispose();
}
