using System.Text.RegularExpressions;
using PcgdBot.Answers;
using PcgdBot.Plan;
using PcgdBot.Storage.Reporting;

namespace PcgdBot.Conversations.Routing;

/// <summary>
/// Plan questions read in their conversation: who asks ("xã em", "phòng mình" are the asker's unit), what was said
/// just before ("đơn vị đó", "thế còn phối hợp thì sao"), and sections asked by number ("mục IV.9 nói gì").
/// </summary>
public sealed partial class PlanFollowUps(PlanDocument plan, Lexicon lexicon, ReplyTemplates replies)
{
    private readonly UnitMentionFinder finder = new(plan.Units, lexicon);

    /// <summary>
    /// The question with the asker's own unit written out: "xã tôi phải làm gì" → "UBND các xã, thị trấn phải làm gì"
    /// for a commune's person; null when the question does not speak of the asker's unit.
    /// </summary>
    public string? AsAsker(string text, KnownPerson? person, UnitRecord? unit)
    {
        if (person is null || unit is null || plan.FindUnit(unit.PlanUnitId) is not { } planUnit)
        {
            return null;
        }

        var folded = VietnameseText.Fold(text);
        var match = SelfReference().Match(folded);
        if (!match.Success)
        {
            return null;
        }

        var start = VietnameseText.OriginalLength(text, match.Index);
        var end = VietnameseText.OriginalLength(text, match.Index + match.Length);
        return (text[..start] + " " + planUnit.Name + " " + text[end..]).Trim();
    }

    /// <summary>"đơn vị đó", "hội đó", "phòng này" → the unit last talked about; null when the text has no such words.</summary>
    public string? WithSubject(string text, ConversationSubject? subject)
    {
        if (subject?.UnitId is not { } unitId || plan.FindUnit(unitId) is not { } unit)
        {
            return null;
        }

        var folded = VietnameseText.Fold(text);
        var match = Anaphora().Match(folded);
        if (!match.Success)
        {
            return null;
        }

        var start = VietnameseText.OriginalLength(text, match.Index);
        var end = VietnameseText.OriginalLength(text, match.Index + match.Length);
        return (text[..start] + " " + unit.Name + " " + text[end..]).Trim();
    }

    /// <summary>
    /// "thế còn phối hợp thì sao", "phòng nào phối hợp?", "thế chủ trì là ai", "đoàn phối hợp với ai": the roles of the
    /// duty or unit in question (named in the message, else the conversation's subject); null when it is another question.
    /// </summary>
    public (string Reply, ConversationSubject Subject)? Roles(string text, ConversationSubject? subject)
    {
        var words = lexicon.CanonicalWords(text);
        var padded = " " + string.Join(' ', words) + " ";
        if (!(padded.Contains(" phoi hop ", StringComparison.Ordinal) || padded.Contains(" chu tri ", StringComparison.Ordinal)))
        {
            return null;
        }

        var mentions = finder.Find(words);
        var mentioned = mentions.SelectMany(m => words.Skip(m.Start).Take(m.End - m.Start)).ToHashSet();
        // Only role words, question words and a unit's name: no task words that would make it a "who does X" question.
        if (words.Any(w => !mentioned.Contains(w) && !RoleQuestionWords.Contains(w)))
        {
            return null;
        }

        var unitId = mentions.Count > 0 ? mentions[0].UnitId : subject?.UnitId;
        if (mentions.Count == 0 && subject?.DutyId is { } dutyId && plan.Duties.FirstOrDefault(d => d.Id == dutyId) is { } duty)
        {
            return (DescribeDuty(duty), subject with { TurnsLeft = ConversationSubject.Lifetime });
        }

        if (unitId is null || plan.FindUnit(unitId) is not { } unit)
        {
            return null;
        }

        var duties = plan.DutiesOf(unit.Id).ToList();
        if (duties.Count == 0)
        {
            return null;
        }

        var items = string.Join('\n', duties.Select(d => replies.Render(
            "followup.roles.item",
            ("section", d.Id),
            ("lead", Lead(d)),
            ("partners", Partners(d)),
            ("text", Short(d.Text)))));
        return (replies.Render("followup.roles", ("unit", unit.Name), ("items", items)), new ConversationSubject(unit.Id, null, unit.Section, ConversationSubject.Lifetime));
    }

    /// <summary>"mục IV.9 nói gì": the section's text, quoted; null when the message names no section.</summary>
    public (string Reply, ConversationSubject? Subject)? Section(string text)
    {
        var match = SectionNumber().Match(VietnameseText.Fold(text).ToUpperInvariant());
        if (!match.Success)
        {
            return null;
        }

        var id = match.Groups["id"].Value.TrimEnd('.');
        var section = plan.Sections.FirstOrDefault(s => string.Equals(s.Id, id, StringComparison.OrdinalIgnoreCase));
        if (section is null)
        {
            var last = plan.Sections.Select(s => s.Id).Where(s => s.StartsWith("IV.", StringComparison.Ordinal) && s.Count(c => c == '.') == 1)
                .Select(s => int.TryParse(s[3..], out var n) ? n : 0).DefaultIfEmpty(0).Max();
            return (replies.Render("section.unknown", ("section", id), ("last", last.ToString(System.Globalization.CultureInfo.InvariantCulture))), null);
        }

        var unit = plan.Units.FirstOrDefault(u => u.Section == section.Id);
        var body = section.Text.Length > 1500 ? section.Text[..1500] + "…" : section.Text;
        var title = string.IsNullOrWhiteSpace(section.Title) ? string.Empty : $" ({section.Title})";
        return (replies.Render("section", ("section", section.Id), ("title", title), ("text", body)), new ConversationSubject(unit?.Id, null, section.Id, ConversationSubject.Lifetime));
    }

    /// <summary>What an answer was about, to keep as the subject.</summary>
    public ConversationSubject? SubjectOf(Answer answer)
    {
        if (answer.Kind is not (QuestionKind.WhoIsResponsible or QuestionKind.UnitDuties))
        {
            return null;
        }

        var unit = answer.Units.Select(u => plan.Units.FirstOrDefault(p => p.Name == u.Name)).FirstOrDefault(u => u is not null);
        var duty = answer.Kind == QuestionKind.WhoIsResponsible && answer.Source is { } source
            ? plan.Duties.FirstOrDefault(d => d.Section == source && answer.Text.Contains(d.Text[..Math.Min(60, d.Text.Length)], StringComparison.Ordinal))
            : null;
        return unit is null && duty is null ? null : new ConversationSubject(unit?.Id ?? duty?.OwnerUnitId, duty?.Id, answer.Source, ConversationSubject.Lifetime);
    }

    private string DescribeDuty(PlanDuty duty) =>
        replies.Render("followup.duty", ("section", duty.Id), ("lead", Lead(duty)), ("partners", Partners(duty)), ("text", duty.Text));

    private string Lead(PlanDuty duty) =>
        plan.Unit(duty.Roles.FirstOrDefault(r => r.Role == UnitRole.Lead)?.UnitId ?? duty.OwnerUnitId!).Name;

    private string Partners(PlanDuty duty)
    {
        var lead = duty.Roles.FirstOrDefault(r => r.Role == UnitRole.Lead)?.UnitId ?? duty.OwnerUnitId;
        var others = duty.Roles.Where(r => r.UnitId != lead).Select(r => plan.Unit(r.UnitId).Name).Distinct().ToList();
        return others.Count == 0 ? string.Empty : replies.Render("followup.partners", ("units", string.Join(", ", others)));
    }

    private static string Short(string text) => text.Length <= 140 ? text : text[..140].TrimEnd() + "…";

    private static readonly HashSet<string> RoleQuestionWords = new(StringComparer.Ordinal)
    {
        "the", "con", "thi", "sao", "ai", "la", "phoi", "hop", "chu", "tri", "nao", "don", "vi", "phong", "ben", "co", "quan",
        "voi", "cung", "nhung", "gi", "vay", "a", "nhe", "oi", "anh", "chi", "em", "cho", "hoi", "viec", "nay", "do", "lam",
        "duoc", "khong", "cac", "nua", "ho", "to", "chuc", "ban", "nganh", "hoi", "doan", "ra", "sau", "nhi",
    };

    // "xã tôi", "đơn vị mình", "phòng em", "chúng tôi", "bên mình"… — the asker's unit.
    [GeneratedRegex(@"\b(?:(?:xa|thi tran|don vi|phong|ben|co quan|truong|hoi|doan|dồn|don|trung tam|uy ban|ubnd xa)\s+(?:toi|minh|em|chung toi|chung em|bon em)|chung toi|chung em)\b")]
    private static partial Regex SelfReference();

    [GeneratedRegex(@"\b(?:don vi|phong|hoi|ben|co quan|doan|truong|trung tam|to chuc|luc luong|nganh)\s+(?:do|nay|ay|kia|vua roi|tren)\b")]
    private static partial Regex Anaphora();

    [GeneratedRegex(@"\b(?:MUC|PHAN|DIEM)\s+(?<id>[IVX]+(?:\.\d+){0,2})\b")]
    private static partial Regex SectionNumber();
}
