using System.Globalization;
using System.Text.RegularExpressions;

namespace PcgdBot.Plan;

/// <summary>
/// Reads a plan document (the district's "Kế hoạch", as Markdown-like text) into a <see cref="PlanDocument"/>.
/// It works from the document's structure — parts "I.", "II.", numbered sections, bullets — and the
/// usual wording of Vietnamese administrative plans ("Chủ trì, phối hợp với …", "trước ngày 10/12"),
/// so a plan of the same shape for another district or year loads too.
/// </summary>
public static partial class PlanParser
{
    public static PlanDocument Load(string path, Lexicon? lexicon = null)
    {
        if (!File.Exists(path))
        {
            throw new PlanFormatException(Path.GetFileName(path), 0, "không tìm thấy tệp (file not found)");
        }

        return Parse(File.ReadAllText(path), Path.GetFileName(path), lexicon);
    }

    /// <exception cref="PlanFormatException">The text is not a plan of the expected shape.</exception>
    public static PlanDocument Parse(string text, string sourceName = "plan", Lexicon? lexicon = null)
    {
        lexicon ??= Lexicon.Empty;
        // The patterns below are written in NFC; a file saved with decomposed accents must read the same.
        var blocks = PlanBlocks.Read(text.Normalize(System.Text.NormalizationForm.FormC));
        if (blocks.Count == 0)
        {
            throw new PlanFormatException(sourceName, 1, "tệp trống, không có nội dung kế hoạch (the file is empty)");
        }

        var outline = Outline.Build(blocks, sourceName);
        var duties = outline.Parts.FirstOrDefault(p => p.Is(PartKind.Implementation))
            ?? throw new PlanFormatException(
                sourceName,
                blocks[^1].Line,
                "không tìm thấy phần \"TỔ CHỨC THỰC HIỆN\" (no part naming the units' duties)");
        if (duties.Sections.Count == 0)
        {
            throw new PlanFormatException(
                sourceName,
                duties.Line,
                $"phần {duties.Numeral} \"{duties.Title}\" không có mục đánh số nào (1., 2., …) (no numbered sections)");
        }

        var units = new UnitCatalog(lexicon);
        foreach (var section in duties.Sections)
        {
            if (UnitHeading(section.Title) is { } unitName)
            {
                units.AddResponsible(unitName, section.Id);
            }
        }

        if (!units.All.Any())
        {
            throw new PlanFormatException(
                sourceName,
                duties.Line,
                $"phần {duties.Numeral} không có mục nào mang tên một đơn vị (\"Phòng …\", \"Hội …\", \"Ủy ban nhân dân …\") (no section names a unit)");
        }

        // Units named only inside duties ("phối hợp với Phòng Kinh tế - Hạ tầng") join before roles are read.
        foreach (var section in duties.Sections)
        {
            foreach (var paragraph in section.Paragraphs)
            {
                foreach (var name in NamedOrganisationsInPartnerLists(paragraph.Text))
                {
                    units.AddSupporting(name);
                }
            }
        }

        var finder = units.Finder();
        var dutyList = new List<PlanDuty>();
        var deadlines = new List<ReportingDeadline>();
        foreach (var section in duties.Sections)
        {
            var owner = units.ResponsibleFor(section.Id);
            if (section.Paragraphs.Count == 0)
            {
                throw new PlanFormatException(sourceName, section.Line, $"mục {section.Id} \"{section.Title}\" không có nội dung (the section is empty)");
            }

            var number = 0;
            foreach (var paragraph in section.Paragraphs)
            {
                if (owner is not null)
                {
                    number++;
                    dutyList.Add(new PlanDuty($"{section.Id}.{number}", section.Id, paragraph.Text, RolesInUnitDuty(owner, paragraph.Text, finder), paragraph.Line)
                    {
                        Label = DutyLabel(paragraph.Text, finder),
                    });
                    continue;
                }

                // A section that is not a unit (e.g. "Chế độ thông tin, báo cáo"): each clause that names
                // its actors is a duty of theirs.
                foreach (var clause in Clauses(paragraph.Text))
                {
                    var roles = RolesInClause(clause, finder);
                    if (roles.Count == 0)
                    {
                        continue;
                    }

                    number++;
                    dutyList.Add(new PlanDuty($"{section.Id}.{number}", section.Id, clause, roles, paragraph.Line));
                    deadlines.AddRange(DeadlinesIn(section.Id, clause, roles, finder, units, paragraph.Line));
                }
            }
        }

        var title = outline.Title ?? blocks[0].Text;
        return new PlanDocument(
            title,
            District(title),
            units.All.ToList(),
            dutyList,
            GeneralTasks(outline),
            Targets(outline),
            deadlines,
            BaseDocuments(outline, text.Normalize(System.Text.NormalizationForm.FormC), out var documentWarnings),
            outline.AllSections().ToList(),
            documentWarnings);
    }

    /// <summary>The unit a part-IV section heading names, without "Đề nghị", or null when the heading is not a unit.</summary>
    private static string? UnitHeading(string title)
    {
        var name = RequestPrefix().Replace(title, string.Empty).Trim().TrimEnd('.', ':');
        var folded = VietnameseText.Fold(name);
        return OrganisationHeads.Any(head => folded.StartsWith(head + " ", StringComparison.Ordinal))
            ? VietnameseText.Capitalize(name)
            : null;
    }

    /// <summary>Words that start the name of an organisation in Vietnamese administration (folded).</summary>
    private static readonly string[] OrganisationHeads =
    [
        "phong", "hoi", "doan", "cac", "trung tam", "uy ban", "ubnd", "lien doan", "ban", "so", "don", "truong",
        "cong an", "mat tran", "uy ban mat tran", "vien", "chi cuc", "cuc", "benh vien", "tram", "ngan hang", "bo chi huy",
        "ban chi huy", "hat", "kho bac", "chi nhanh", "thanh tra", "van phong", "toa an",
    ];

    private static IReadOnlyList<DutyRole> RolesInUnitDuty(PlanUnit owner, string text, UnitMentionFinder finder)
    {
        var folded = VietnameseText.Fold(text);
        var ownerSupports = folded.StartsWith("phoi hop", StringComparison.Ordinal) || folded.StartsWith("chu dong phoi hop", StringComparison.Ordinal);
        var roles = new List<DutyRole> { new(owner.Id, ownerSupports ? UnitRole.Support : UnitRole.Lead) };
        // "Phối hợp với X": X leads what the owner supports; "Chủ trì, phối hợp với X": X supports.
        var partnerRole = ownerSupports ? UnitRole.Lead : UnitRole.Support;
        foreach (var clause in Clauses(text))
        {
            foreach (var partner in PartnersIn(clause, finder))
            {
                if (roles.All(r => r.UnitId != partner))
                {
                    roles.Add(new DutyRole(partner, partnerRole));
                }
            }
        }

        return roles;
    }

    /// <summary>
    /// The duty without the partners its opening lists: "Chủ trì, phối hợp với phòng Giáo dục và Đào tạo, các cơ quan
    /// liên quan và các địa phương xây dựng …" → "Chủ trì: xây dựng …". Many duties open alike, so menus and lists show
    /// the words that tell them apart. The role word is the plan's own; the text unchanged when it opens otherwise.
    /// </summary>
    internal static string DutyLabel(string text, UnitMentionFinder finder)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var (folded, map) = VietnameseText.FoldKeepingPositions(flat);
        var opening = folded.StartsWith("chu tri", StringComparison.Ordinal) || folded.StartsWith("phoi hop", StringComparison.Ordinal);
        var at = folded.IndexOf("phoi hop", StringComparison.Ordinal);
        if (!opening || at < 0 || at > 12)
        {
            return flat;
        }

        // The canonical words after "phối hợp", the partner list read as the roles are, then the first two words of the action.
        var words = finder.Lexicon.CanonicalWords(flat);
        var start = words.FindIndex(w => w == "phoi");
        if (start < 0 || start + 1 >= words.Count || words[start + 1] != "hop")
        {
            return flat;
        }

        var position = start + 2;
        var units = 0;
        // "… phối hợp với phòng GD&ĐT tổ chức các phong trào": "tổ chức" is the action there, not "các tổ chức" of a list.
        bool IsFiller(int i) => ListFiller.Contains(words[i]) && !(words[i] == "to" && i + 1 < words.Count && words[i + 1] == "chuc" && words[i - 1] != "cac");
        while (position < words.Count && (finder.MatchAt(words, position) is not null || IsFiller(position)))
        {
            if (finder.MatchAt(words, position) is { } mention)
            {
                units++;
                position = mention.End;
            }
            else
            {
                position++;
            }
        }

        // No unit listed ("phối hợp với cấp ủy, chính quyền …"), or nothing after them: the text says it best. The
        // action must follow the list closely: an abbreviation read as longer words ("THCS") may hide its first words.
        var listLength = words.Skip(start).Take(position - start).Sum(w => w.Length + 1);
        var foldedAt = units > 0 && position + 1 < words.Count
            ? FindWords(folded, words[position], words[position + 1], at + "phoi hop".Length)
            : -1;
        if (foldedAt < 0 || foldedAt - at > listLength + 12)
        {
            return flat;
        }

        var head = flat[..map[at]].TrimEnd(' ', ',', ';', ':');
        var rest = flat[map[foldedAt]..];
        return head.Length == 0
            ? VietnameseText.Capitalize(flat[..map[at + "phoi hop".Length]]) + ": " + rest
            : head + ": " + rest;
    }


    /// <summary>Where two folded words stand next to each other in folded text, from <paramref name="from"/>; -1 when nowhere.</summary>
    private static int FindWords(string folded, string first, string second, int from)
    {
        var pattern = first + " " + second;
        for (var at = folded.IndexOf(pattern, from, StringComparison.Ordinal); at >= 0; at = folded.IndexOf(pattern, at + 1, StringComparison.Ordinal))
        {
            var end = at + pattern.Length;
            if ((at == 0 || !char.IsLetterOrDigit(folded[at - 1])) && (end == folded.Length || !char.IsLetterOrDigit(folded[end])))
            {
                return at;
            }
        }

        return -1;
    }

    /// <summary>The units listed right after "phối hợp (với)" in one clause.</summary>
    private static IEnumerable<string> PartnersIn(string clause, UnitMentionFinder finder)
    {
        var words = finder.Lexicon.CanonicalWords(clause);
        for (var i = 0; i + 1 < words.Count; i++)
        {
            if (words[i] != "phoi" || words[i + 1] != "hop")
            {
                continue;
            }

            foreach (var unitId in ListedUnits(words, i + 2, finder))
            {
                yield return unitId;
            }
        }
    }

    /// <summary>
    /// Reads a list of units ("phòng GD&amp;ĐT, các cơ quan liên quan và các địa phương") starting at
    /// <paramref name="start"/>, and stops at the first word that is neither a unit nor list filler —
    /// that word starts the action ("xây dựng", "tham mưu").
    /// </summary>
    private static List<string> ListedUnits(List<string> words, int start, UnitMentionFinder finder)
    {
        var listed = new List<string>();
        var position = start;
        while (position < words.Count)
        {
            if (finder.MatchAt(words, position) is { } mention)
            {
                listed.Add(mention.UnitId);
                position = mention.End;
            }
            else if (ListFiller.Contains(words[position]))
            {
                position++;
            }
            else
            {
                break;
            }
        }

        return listed;
    }

    private static readonly HashSet<string> ListFiller =
    [
        "voi", "cung", "chat", "che", "cac", "va", "co", "quan", "lien", "don", "vi", "dia", "phuong", "ban", "nganh",
        "doan", "the", "to", "chuc", "huyen", "cap", "khac", "nhung", "tinh", "tren", "ban", "chinh", "uy", "tat", "ca",
    ];

    /// <summary>In a clause of a non-unit section the actors come first ("các phòng, ban, ngành, UBND các xã … báo cáo"): they lead; units named later support.</summary>
    private static List<DutyRole> RolesInClause(string clause, UnitMentionFinder finder)
    {
        var words = finder.Lexicon.CanonicalWords(clause);
        var mentions = finder.Find(words);
        if (mentions.Count == 0)
        {
            return [];
        }

        var actors = ListedUnits(words, mentions[0].Start, finder);
        var roles = actors.Distinct().Select(id => new DutyRole(id, UnitRole.Lead)).ToList();
        foreach (var mention in mentions)
        {
            if (roles.All(r => r.UnitId != mention.UnitId))
            {
                roles.Add(new DutyRole(mention.UnitId, UnitRole.Support));
            }
        }

        return roles;
    }

    private static IEnumerable<ReportingDeadline> DeadlinesIn(
        string section, string clause, List<DutyRole> roles, UnitMentionFinder finder, UnitCatalog units, int line)
    {
        foreach (Match match in DeadlineDate().Matches(clause))
        {
            var day = int.Parse(match.Groups["day"].Value, CultureInfo.InvariantCulture);
            var month = int.Parse(match.Groups["month"].Value, CultureInfo.InvariantCulture);
            if (day is < 1 or > 31 || month is < 1 or > 12)
            {
                continue;
            }

            var reporters = roles.Where(r => r.Role == UnitRole.Lead).Select(r => r.UnitId).ToList();
            yield return new ReportingDeadline(section, day, month, reporters, Recipient(clause[..match.Index], finder, units), clause, line);
        }
    }

    /// <summary>Whom a report goes to: a unit named after "về"/"báo cáo" (or in brackets), else the words there.</summary>
    private static string Recipient(string beforeDate, UnitMentionFinder finder, UnitCatalog units)
    {
        var marker = RecipientMarker().Matches(beforeDate).LastOrDefault();
        var phrase = marker is null ? beforeDate : beforeDate[(marker.Index + marker.Length)..];
        phrase = TrailingPeriodWords().Replace(phrase, string.Empty).Trim(' ', ',');
        var named = finder.Find(phrase).FirstOrDefault();
        return named is not null ? units.Get(named.UnitId).Name : VietnameseText.Capitalize(phrase);
    }

    /// <summary>Splits a paragraph into clauses at ";" and at sentence ends.</summary>
    internal static IEnumerable<string> Clauses(string paragraph) =>
        ClauseBreak().Split(paragraph).Select(c => c.Trim().TrimEnd('.', ';').Trim()).Where(c => c.Length > 0);

    /// <summary>Organisations written with a head word and a capitalised name ("Phòng Kinh tế - Hạ tầng", "Hội Nông dân") in a "phối hợp với …" list.</summary>
    private static IEnumerable<string> NamedOrganisationsInPartnerLists(string text)
    {
        foreach (Match partnerList in PartnerList().Matches(text))
        {
            // Only the list right after "phối hợp với": an organisation further on ("theo quy định của
            // Trung ương Hội …") is not a partner.
            var list = partnerList.Groups["list"].Value;
            var listed = 0;
            foreach (Match organisation in NamedOrganisation().Matches(list))
            {
                var gap = VietnameseText.Words(VietnameseText.Fold(list[listed..organisation.Index]));
                if (!gap.All(ListFiller.Contains))
                {
                    break;
                }

                listed = organisation.Index + organisation.Length;
                yield return VietnameseText.Capitalize(organisation.Value.Trim());
            }
        }
    }

    private static string? District(string title)
    {
        var match = DistrictName().Matches(title).LastOrDefault();
        return match?.Groups["name"].Value;
    }

    private static List<GeneralTask> GeneralTasks(Outline outline) =>
        outline.Parts
            .Where(p => p.Is(PartKind.Tasks))
            .SelectMany(p => p.Sections)
            .Select(s => new GeneralTask(s.Id, s.Title, s.Paragraphs.Select(b => b.Text).ToList(), s.Line))
            .ToList();

    private static List<PlanTarget> Targets(Outline outline)
    {
        var targets = new List<PlanTarget>();
        foreach (var part in outline.Parts.Where(p => p.Is(PartKind.Objectives)))
        {
            foreach (var section in part.Sections)
            {
                var year = TargetYear().Match(section.Title) is { Success: true } y ? int.Parse(y.Groups[1].Value, CultureInfo.InvariantCulture) : (int?)null;
                foreach (var paragraph in section.Paragraphs)
                {
                    // Every clause of a dated objectives section is a target; a percentage, when given, is its figure.
                    foreach (var clause in paragraph.Text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                    {
                        var percent = Percentage().Match(clause);
                        if (percent.Success || year is not null)
                        {
                            targets.Add(new PlanTarget(section.Id, percent.Success ? percent.Groups[1].Value + "%" : null, clause.TrimEnd('.'), year, paragraph.Line));
                        }
                    }
                }
            }
        }

        return targets;
    }

    /// <summary>The documents the plan implements, cited in its title and preamble. A number cited once where another with the same date and issuer is cited often is reported as a probable typo.</summary>
    private static List<BaseDocument> BaseDocuments(Outline outline, string fullText, out List<string> warnings)
    {
        warnings = [];
        var cited = DocumentCitation().Matches(string.Join(" ", outline.Preamble.Select(b => b.Text)))
            .Select(m => new BaseDocument(
                VietnameseText.Capitalize(m.Groups["kind"].Value),
                m.Groups["number"].Value,
                m.Groups["date"].Success ? m.Groups["date"].Value : null,
                m.Groups["issuer"].Success ? m.Groups["issuer"].Value.Trim() : null))
            .DistinctBy(d => d.Number)
            .ToList();
        var result = new List<BaseDocument>();
        foreach (var sameDocument in cited.GroupBy(d => (VietnameseText.Fold(d.Kind), d.Date, VietnameseText.Fold(d.Issuer ?? string.Empty))))
        {
            var byUse = sameDocument.OrderByDescending(d => Regex.Matches(fullText, Regex.Escape(d.Number)).Count).ToList();
            result.Add(byUse[0]);
            foreach (var other in byUse.Skip(1))
            {
                warnings.Add($"\"{other.Kind} số {other.Number}\" có cùng ngày và cơ quan ban hành với \"{byUse[0].Kind} số {byUse[0].Number}\", có thể là lỗi đánh máy; dùng số {byUse[0].Number}.");
            }
        }

        return result;
    }

    [GeneratedRegex(@"^\s*Đề\s+nghị\s+", RegexOptions.IgnoreCase)]
    private static partial Regex RequestPrefix();

    [GeneratedRegex(@"trước\s+ngày\s+(?<day>\d{1,2})\s*/\s*(?<month>\d{1,2})(?!\s*/\s*\d)", RegexOptions.IgnoreCase)]
    private static partial Regex DeadlineDate();

    [GeneratedRegex(@"(\bvề\b|\bbáo\s+cáo\b|\bgửi\b)", RegexOptions.IgnoreCase)]
    private static partial Regex RecipientMarker();

    [GeneratedRegex(@"\s*(định\s+kỳ|hằng\s+năm|hàng\s+năm)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex TrailingPeriodWords();

    [GeneratedRegex(@";|(?<=[.!?])\s+(?=[\p{Lu}])")]
    private static partial Regex ClauseBreak();

    [GeneratedRegex(@"[Pp]hối\s+hợp(\s+chặt\s+chẽ)?\s+(với\s+)?(?<list>[^;.]+)")]
    private static partial Regex PartnerList();

    // Head word, then capitalised words, joined by lower-case syllables, "và" or "-" ("Kinh tế - Hạ tầng", "Nông dân").
    // A joiner followed by a new head word ("Phòng Y tế và Phòng GD&ĐT") starts the next organisation.
    [GeneratedRegex(@"(?<![\p{L}])(?:[Pp]hòng|Hội|Sở|Ban|Trung tâm|Đoàn|Liên đoàn|Ủy ban|Đồn|Chi cục|Trạm)\s+\p{Lu}\p{Ll}*(?:\s+\p{Ll}+)?(?:\s+(?:-|và|&)\s+(?!(?:[Pp]hòng|Hội|Sở|Ban|Trung|Đoàn|Liên|Ủy|Đồn|Chi|Trạm)\s)\p{Lu}\p{Ll}*(?:\s+\p{Ll}+)?)*(?:\s+(?!(?:[Pp]hòng|Hội|Sở|Ban|Trung|Đoàn|Liên|Ủy|Đồn|Chi|Trạm)\s)\p{Lu}\p{Ll}*(?:\s+\p{Ll}+)?)*")]
    private static partial Regex NamedOrganisation();

    [GeneratedRegex(@"huyện\s+(?<name>\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*)*)")]
    private static partial Regex DistrictName();

    [GeneratedRegex(@"năm\s+(\d{4})")]
    private static partial Regex TargetYear();

    [GeneratedRegex(@"(\d+(?:[,.]\d+)?)\s*%")]
    private static partial Regex Percentage();

    [GeneratedRegex(@"(?<kind>Chỉ thị|Kế hoạch|Chương trình hành động|Nghị quyết|Quyết định|Nghị định|Thông tư|Kết luận)\s+số\s+(?<number>\d+[-–][\p{L}\d/\-]+)(?:\s+ngày\s+(?<date>\d{1,2}/\d{1,2}/\d{4}))?(?:\s+của\s+(?<issuer>.+?)(?=\s+về\s|\s+triển\s|\s+thực\s|,|;|\.|\)|$))?", RegexOptions.IgnoreCase)]
    private static partial Regex DocumentCitation();
}
