using System.Globalization;
using PcgdBot.Answers;
using PcgdBot.Plan;
using PcgdBot.Storage.Reporting;

namespace PcgdBot.Conversations.Reporting;

/// <summary>
/// Answers questions about the reported data: which units have not reported, what one unit reported, the progress of a
/// duty or section, how many communes reached a status, and a summary of the period. What a person sees depends on
/// their role: a coordinator sees everything; a commune leader or focal point sees their own unit's details and only
/// the district's totals. All wording comes from <c>dialogs/replies.queries.vi.txt</c>.
/// </summary>
public sealed class ReportQueries
{
    public const string TemplateFile = "replies.queries.vi.txt";

    /// <summary>The keys of <see cref="TemplateFile"/> with the placeholders each may use.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> RequiredTemplates = new Dictionary<string, string[]>
    {
        ["status.not-started"] = [],
        ["status.in-progress"] = [],
        ["status.done"] = [],
        ["status.blocked"] = [],
        ["population.units"] = [],
        ["population.communes"] = [],
        ["registration-needed"] = [],
        ["scope.commune"] = [],
        ["scope.unit"] = [],
        ["scope.refused"] = ["unit", "scope"],
        ["no-units"] = [],
        ["task.duty"] = ["id", "text"],
        ["task.other"] = ["task"],
        ["figure"] = ["figure"],
        ["note"] = ["note"],
        ["own.heading"] = [],
        ["own.reported"] = ["unit", "count"],
        ["own.missing"] = ["unit"],
        ["more.units"] = ["count"],
        ["more.updates"] = ["count"],
        ["missing.heading"] = ["period", "reported", "total", "population", "deadline"],
        ["missing.list-heading"] = ["count", "population"],
        ["missing.item"] = ["unit"],
        ["missing.group"] = ["group", "missing", "total", "names"],
        ["missing.none"] = ["population"],
        ["unit.heading"] = ["unit", "period", "count"],
        ["unit.item"] = ["receipt", "date", "task", "status", "figure", "note"],
        ["unit.none"] = ["unit", "period", "deadline"],
        ["unit.not-reporting"] = ["unit"],
        ["target.duty"] = ["id", "text"],
        ["target.section"] = ["id", "title"],
        ["target.other"] = ["task"],
        ["progress.heading"] = ["target", "period", "reported", "total"],
        ["progress.status"] = ["status", "count"],
        ["progress.latest-heading"] = [],
        ["progress.latest"] = ["unit", "status", "figure", "date"],
        ["progress.latest.section"] = ["unit", "id", "status", "figure", "date"],
        ["progress.none"] = ["target", "period", "deadline"],
        ["progress.unknown"] = ["id"],
        ["count.result"] = ["count", "total", "population", "status", "target", "period"],
        ["count.any"] = ["count", "total", "population", "status", "period"],
        ["count.no-match"] = ["words", "population"],
        ["count.names"] = ["names"],
        ["summary.heading"] = ["period", "range", "deadline"],
        ["summary.units"] = ["reported", "total"],
        ["summary.communes"] = ["reported", "total"],
        ["summary.items"] = ["count"],
        ["summary.status"] = ["status", "count"],
        ["summary.blocked"] = ["units"],
        ["summary.blocked-count"] = ["count"],
        ["summary.empty"] = ["period", "deadline"],
        ["summary.status.names"] = ["status", "count", "names"],
        ["missing.others"] = ["missing", "total", "names"],
        ["count.reason"] = ["unit", "task", "note"],
        ["duties-missing.heading"] = ["unit", "period", "missing", "total"],
        ["duties-missing.item"] = ["id", "text"],
        ["duties-missing.none"] = ["unit", "period", "total"],
        ["duties-missing.no-duties"] = ["unit"],
    };

    // Phone screens: long lists are cut with "… và N đơn vị khác".
    private const int MaxNamesShown = 20;
    private const int MaxUpdatesShown = 15;
    private const int MaxUnitsAsked = 3;
    private const int NoteLength = 80;
    private const int TaskTextLength = 50;

    private static readonly ProgressStatus[] StatusDisplayOrder =
        [ProgressStatus.Done, ProgressStatus.InProgress, ProgressStatus.NotStarted, ProgressStatus.Blocked];

    private readonly PlanDocument plan;
    private readonly Lexicon lexicon;
    private readonly ReplyTemplates templates;
    private readonly ReportingStore store;
    private readonly ReportingCalendar calendar;
    private readonly QueryRecognizer recognizer;
    private UnitDirectory? cachedUnits;

    public ReportQueries(PlanDocument plan, Lexicon lexicon, ReplyTemplates templates, ReportingStore store, ReportingCalendar calendar)
    {
        this.plan = plan;
        this.lexicon = lexicon;
        this.templates = templates;
        this.store = store;
        this.calendar = calendar;
        recognizer = new QueryRecognizer(lexicon);

        // The unit the yearly reports go to (phòng GD&ĐT) collects them: it is never "missing" one.
        receiverIds = plan.Deadlines
            .Where(d => d.Reporters.Count > 0)
            .Select(d => plan.Units.FirstOrDefault(u => VietnameseText.Fold(u.Name) == VietnameseText.Fold(d.Recipient))?.Id)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
    }

    private readonly HashSet<string> receiverIds;

    /// <summary>
    /// The reply to a question about reported data, or null when the text is not one (then the bot answers from the plan).
    /// </summary>
    /// <param name="person">The registered person asking, or null for someone not registered.</param>
    /// <param name="today">The day the question is asked; it decides the current reporting period.</param>
    public string? TryAnswer(string text, KnownPerson? person, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var units = UnitsNow();
        var currentPeriod = calendar.PeriodOf(today);
        var request = recognizer.Recognize(text, units, units.Finder, currentPeriod);
        if (request is null)
        {
            return null;
        }

        if (person is null || person.Memberships.Count == 0)
        {
            return Render("registration-needed");
        }

        if (units.ReportingUnits.Count == 0)
        {
            return Render("no-units");
        }

        var scope = QueryScope.Of(person, units);
        var period = request.Period ?? currentPeriod;
        return request.Kind switch
        {
            QueryKind.NotReported => NotReported(request, scope, units, period),
            QueryKind.UnitDetail => UnitDetails(request, scope, units, period),
            QueryKind.Progress => Progress(request.PlanReference!, scope, units, period),
            QueryKind.Count => Count(request, scope, units, period),
            QueryKind.MissingDuties => MissingDuties(request, scope, units, period),
            _ => Summary(scope, units, period),
        };
    }

    // ---- "Đơn vị nào chưa báo cáo?" ----------------------------------------------------------------

    private string NotReported(QueryRequest request, QueryScope scope, UnitDirectory units, string period)
    {
        var population = Population(request, units);
        var updates = store.UpdatesIn(period);
        var reportedIds = updates.Select(u => u.UnitId).ToHashSet(StringComparer.Ordinal);
        var missing = population.Where(u => !reportedIds.Contains(u.Id)).ToList();
        var populationWord = PopulationWord(population);
        var lines = new List<string>
        {
            Render("missing.heading", ("period", period), ("reported", Number(population.Count - missing.Count)), ("total", Number(population.Count)), ("population", populationWord), ("deadline", Deadline(period))),
        };

        if (missing.Count == 0)
        {
            lines.Add(Render("missing.none", ("population", populationWord)));
        }
        else if (scope.SeesAll)
        {
            lines.Add(Render("missing.list-heading", ("count", Number(missing.Count)), ("population", populationWord)));
            lines.AddRange(MissingList(missing, population, units));
        }

        if (!scope.SeesAll)
        {
            lines.AddRange(OwnLines(scope, updates));
            if (missing.Count > 0)
            {
                lines.Add(ScopeNote(scope));
            }
        }

        return Join(lines);
    }

    /// <summary>
    /// Every missing unit, so the coordinator sees the whole list: members of a collective unit (the communes) together
    /// on their parent's line; the other units one per line, or together on one line when they would not fit a screen.
    /// </summary>
    private List<string> MissingList(List<UnitRecord> missing, IReadOnlyList<UnitRecord> population, UnitDirectory units)
    {
        // Only one collective unit's members asked about ("xã nào…"): its name on every line would say nothing.
        if (missing.Select(u => u.ParentId).Distinct().Count() == 1 && population.All(u => u.ParentId == missing[0].ParentId))
        {
            return missing.Count <= MaxNamesShown
                ? [.. missing.Select(u => Render("missing.item", ("unit", u.Name)))]
                : [Render("missing.item", ("unit", string.Join(", ", missing.Select(u => ReportingUnits.ShortName(u.Name)))))];
        }

        var groups = missing.GroupBy(u => u.ParentId is { } parentId && units[parentId] is not null ? parentId : null).ToList();
        var single = groups.Where(g => g.Key is null).SelectMany(g => g).ToList();
        var lines = new List<string>();
        if (single.Count <= MaxNamesShown)
        {
            lines.AddRange(single.Select(u => Render("missing.item", ("unit", u.Name))));
        }
        else
        {
            lines.Add(Render(
                "missing.others",
                ("missing", Number(single.Count)),
                ("total", Number(population.Count(u => u.ParentId is null || units[u.ParentId] is null))),
                ("names", string.Join(", ", single.Select(u => u.Name)))));
        }

        foreach (var entry in groups.Where(g => g.Key is not null))
        {
            var parent = units[entry.Key!]!;
            lines.Add(Render(
                "missing.group",
                ("group", parent.Name),
                ("missing", Number(entry.Count())),
                ("total", Number(population.Count(u => u.ParentId == parent.Id))),
                ("names", string.Join(", ", entry.Select(m => ReportingUnits.ShortName(m.Name))))));
        }

        return lines;
    }

    // ---- "Xã mình còn nhiệm vụ nào chưa báo cáo?" --------------------------------------------------

    private string MissingDuties(QueryRequest request, QueryScope scope, UnitDirectory units, string period)
    {
        var asked = request.AboutOwnUnits ? scope.OwnReporters : request.Units;
        if (asked.Count == 0)
        {
            return scope.OwnUnits.Count > 0
                ? Render("unit.not-reporting", ("unit", string.Join(", ", scope.OwnUnits.Select(u => u.Name))))
                : Render("no-units");
        }

        return string.Join("\n\n", asked.Take(MaxUnitsAsked).Select(unit => MissingDutiesOf(unit, scope, period)));
    }

    private string MissingDutiesOf(UnitRecord unit, QueryScope scope, string period)
    {
        if (!scope.CanSeeDetailsOf(unit))
        {
            return Render("scope.refused", ("unit", unit.Name), ("scope", ScopeNote(scope)));
        }

        var duties = plan.DutiesOf(unit.PlanUnitId).ToList();
        if (duties.Count == 0)
        {
            return Render("duties-missing.no-duties", ("unit", unit.Name));
        }

        var reported = store.UpdatesOfUnit(unit.Id, period).Select(u => u.DutyId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var missing = duties.Where(d => !reported.Contains(d.Id)).ToList();
        if (missing.Count == 0)
        {
            return Render("duties-missing.none", ("unit", unit.Name), ("period", period), ("total", Number(duties.Count)));
        }

        var lines = new List<string>
        {
            Render("duties-missing.heading", ("unit", unit.Name), ("period", period), ("missing", Number(missing.Count)), ("total", Number(duties.Count))),
        };
        lines.AddRange(missing.Select(d => Render("duties-missing.item", ("id", d.Id), ("text", Shorten(d.Label, TaskTextLength * 2)))));
        return Join(lines);
    }

    // ---- "Xã Mường So đã báo cáo gì?" --------------------------------------------------------------

    private string UnitDetails(QueryRequest request, QueryScope scope, UnitDirectory units, string period)
    {
        var asked = request.AboutOwnUnits ? scope.OwnReporters : request.Units;
        if (asked.Count == 0)
        {
            // The person's own units do not report on their own (a collective unit with no members yet).
            return scope.OwnUnits.Count > 0
                ? Render("unit.not-reporting", ("unit", string.Join(", ", scope.OwnUnits.Select(u => u.Name))))
                : Render("no-units");
        }

        return string.Join("\n\n", asked.Take(MaxUnitsAsked).Select(unit => UnitDetail(unit, scope, period)));
    }

    private string UnitDetail(UnitRecord unit, QueryScope scope, string period)
    {
        if (!scope.CanSeeDetailsOf(unit))
        {
            return Render("scope.refused", ("unit", unit.Name), ("scope", ScopeNote(scope)));
        }

        var updates = store.UpdatesOfUnit(unit.Id, period);
        if (updates.Count == 0)
        {
            return Render("unit.none", ("unit", unit.Name), ("period", period), ("deadline", Deadline(period)));
        }

        var lines = new List<string> { Render("unit.heading", ("unit", unit.Name), ("period", period), ("count", Number(updates.Count))) };
        foreach (var update in updates.OrderByDescending(u => u.Id).Take(MaxUpdatesShown))
        {
            lines.Add(Render(
                "unit.item",
                ("receipt", update.Receipt),
                ("date", DateOf(update)),
                ("task", TaskLabel(update)),
                ("status", StatusName(update.Status)),
                ("figure", Figure(update)),
                ("note", Note(update))));
        }

        if (updates.Count > MaxUpdatesShown)
        {
            lines.Add(Render("more.updates", ("count", Number(updates.Count - MaxUpdatesShown))));
        }

        return Join(lines);
    }

    // ---- "Tiến độ nhiệm vụ IV.13.2?" ---------------------------------------------------------------

    private string Progress(string reference, QueryScope scope, UnitDirectory units, string period)
    {
        var (duties, isSection) = DutiesFor(reference);
        if (duties.Count == 0)
        {
            return Render("progress.unknown", ("id", reference));
        }

        var target = Target(reference, duties, isSection);
        var dutyIds = duties.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var updates = store.UpdatesIn(period).Where(u => u.DutyId is { } id && dutyIds.Contains(id)).ToList();
        if (updates.Count == 0)
        {
            return Render("progress.none", ("target", target), ("period", period), ("deadline", Deadline(period)));
        }

        // Out of the units whose plan unit carries the duty (and any other unit that reported on it anyway).
        var reportedIds = updates.Select(u => u.UnitId).ToHashSet(StringComparer.Ordinal);
        var carrierIds = units.ReportingUnits
            .Where(u => duties.Any(d => d.Roles.Any(r => r.UnitId == u.PlanUnitId)))
            .Select(u => u.Id);
        var lines = new List<string>
        {
            Render("progress.heading", ("target", target), ("period", period), ("reported", Number(reportedIds.Count)), ("total", Number(reportedIds.Union(carrierIds).Count()))),
        };
        lines.AddRange(StatusCountLines("progress.status", LatestPerTask(updates)));

        var latestPerUnit = updates
            .GroupBy(u => u.UnitId)
            .Select(g => (Update: g.MaxBy(u => u.Id)!, Unit: units[g.Key]))
            .Where(x => scope.SeesAll || (x.Unit is not null && scope.CanSeeDetailsOf(x.Unit)))
            .OrderBy(x => x.Unit?.Order ?? int.MaxValue)
            .ToList();
        if (latestPerUnit.Count > 0)
        {
            lines.Add(Render("progress.latest-heading"));
            foreach (var (update, unit) in latestPerUnit.Take(MaxNamesShown))
            {
                var name = unit is null ? update.UnitId : ReportingUnits.ShortName(unit.Name);
                lines.Add(isSection
                    ? Render("progress.latest.section", ("unit", name), ("id", update.DutyId ?? string.Empty), ("status", StatusName(update.Status)), ("figure", Figure(update)), ("date", DateOf(update)))
                    : Render("progress.latest", ("unit", name), ("status", StatusName(update.Status)), ("figure", Figure(update)), ("date", DateOf(update))));
            }

            if (latestPerUnit.Count > MaxNamesShown)
            {
                lines.Add(Render("more.units", ("count", Number(latestPerUnit.Count - MaxNamesShown))));
            }
        }

        if (!scope.SeesAll)
        {
            lines.Add(ScopeNote(scope));
        }

        return Join(lines);
    }

    // ---- "Bao nhiêu xã đã hoàn thành …?" -----------------------------------------------------------

    private string Count(QueryRequest request, QueryScope scope, UnitDirectory units, string period)
    {
        var population = Population(request, units);
        var populationWord = PopulationWord(population);
        var populationIds = population.Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
        var updates = store.UpdatesIn(period).Where(u => populationIds.Contains(u.UnitId)).ToList();
        var lines = new List<string>();
        string? target = null;
        IEnumerable<StatusUpdateRecord> considered = updates;
        if (request.PlanReference is { } reference)
        {
            var (duties, isSection) = DutiesFor(reference);
            if (duties.Count == 0)
            {
                return Render("progress.unknown", ("id", reference));
            }

            target = Target(reference, duties, isSection);
            var dutyIds = duties.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
            considered = updates.Where(u => u.DutyId is { } id && dutyIds.Contains(id));
        }
        else if (QueryTaskMatcher.Best(request.ContentWords, CandidateTasks(population, updates)) is { } task)
        {
            target = task.DutyId is { } dutyId
                ? Render("target.duty", ("id", dutyId), ("text", Shorten(task.Text, TaskTextLength)))
                : Render("target.other", ("task", Shorten(task.Text, TaskTextLength)));
            considered = updates.Where(u => task.Covers(u, lexicon));
        }
        else if (request.ContentWords.Count > 0)
        {
            var words = request.StatusTail.Length > 0 ? request.StatusTail : string.Join(' ', request.ContentWords);
            lines.Add(Render("count.no-match", ("words", Shorten(words, TaskTextLength)), ("population", populationWord)));
        }

        var countedIds = LatestPerTask(considered).Where(u => u.Status == request.Status).Select(u => u.UnitId).ToHashSet(StringComparer.Ordinal);
        var counted = population.Where(u => countedIds.Contains(u.Id)).ToList();
        var status = StatusName(request.Status);
        lines.Add(target is null
            ? Render("count.any", ("count", Number(counted.Count)), ("total", Number(population.Count)), ("population", populationWord), ("status", status), ("period", period))
            : Render("count.result", ("count", Number(counted.Count)), ("total", Number(population.Count)), ("population", populationWord), ("status", status), ("target", target), ("period", period)));
        if (scope.SeesAll && counted.Count > 0)
        {
            lines.Add(Render("count.names", ("names", NameList(counted.Select(u => ReportingUnits.ShortName(u.Name))))));
            if (request.Status == ProgressStatus.Blocked)
            {
                // "Xã nào đang gặp khó khăn?": what each said, from its latest report of that status.
                var latest = LatestPerTask(considered).Where(u => u.Status == ProgressStatus.Blocked).ToList();
                foreach (var unit in counted.Take(MaxNamesShown))
                {
                    foreach (var update in latest.Where(u => u.UnitId == unit.Id).Take(MaxUnitsAsked))
                    {
                        lines.Add(Render("count.reason", ("unit", ReportingUnits.ShortName(unit.Name)), ("task", TaskLabel(update)), ("note", Note(update))));
                    }
                }
            }
        }

        return Join(lines);
    }

    /// <summary>The duties of the counted units' plan units, and the "việc khác" they reported in their own words.</summary>
    private List<QueryTask> CandidateTasks(IReadOnlyList<UnitRecord> population, IReadOnlyList<StatusUpdateRecord> updates)
    {
        var planUnitIds = population.Select(u => u.PlanUnitId).ToHashSet(StringComparer.Ordinal);
        var duties = plan.Duties
            .Where(d => d.Roles.Any(r => planUnitIds.Contains(r.UnitId)))
            .Select(d => QueryTask.Of(d, lexicon));
        var otherTasks = updates
            .Where(u => u.DutyId is null && !string.IsNullOrWhiteSpace(u.Task))
            .DistinctBy(u => lexicon.Canonical(u.Task))
            .Select(u => QueryTask.Other(u.Task, lexicon));
        return [.. duties, .. otherTasks];
    }

    // ---- "Tổng hợp báo cáo" ------------------------------------------------------------------------

    private string Summary(QueryScope scope, UnitDirectory units, string period)
    {
        var updates = store.UpdatesIn(period);
        if (updates.Count == 0)
        {
            return Render("summary.empty", ("period", period), ("deadline", Deadline(period)));
        }

        var reportedIds = updates.Select(u => u.UnitId).ToHashSet(StringComparer.Ordinal);
        var expected = units.ReportingUnits.Where(u => !receiverIds.Contains(u.PlanUnitId)).ToList();
        var lines = new List<string>
        {
            Render("summary.heading", ("period", period), ("range", calendar.Describe(period)), ("deadline", Deadline(period))),
            Render("summary.units", ("reported", Number(expected.Count(u => reportedIds.Contains(u.Id)))), ("total", Number(expected.Count))),
        };

        var communes = units.ReportingUnits.Where(u => u.IsCommune).ToList();
        if (communes.Count > 0)
        {
            lines.Add(Render("summary.communes", ("reported", Number(communes.Count(u => reportedIds.Contains(u.Id)))), ("total", Number(communes.Count))));
        }

        var latest = LatestPerTask(updates);
        lines.Add(Render("summary.items", ("count", Number(latest.Count))));
        if (scope.SeesAll)
        {
            // The coordinator sees who stands where, not only how many.
            foreach (var status in StatusDisplayOrder)
            {
                var atStatus = latest.Where(u => u.Status == status).ToList();
                if (atStatus.Count == 0)
                {
                    continue;
                }

                var ids = atStatus.Select(u => u.UnitId).ToHashSet(StringComparer.Ordinal);
                var names = NameList(units.Units.Where(u => ids.Contains(u.Id)).OrderBy(u => u.Order).Select(u => ReportingUnits.ShortName(u.Name)));
                lines.Add(Render("summary.status.names", ("status", StatusName(status)), ("count", Number(atStatus.Count)), ("names", names)));
            }
        }
        else
        {
            lines.AddRange(StatusCountLines("summary.status", latest));
        }

        var blockedIds = latest.Where(u => u.Status == ProgressStatus.Blocked).Select(u => u.UnitId).ToHashSet(StringComparer.Ordinal);
        if (blockedIds.Count > 0)
        {
            lines.Add(scope.SeesAll
                ? Render("summary.blocked", ("units", NameList(units.Units.Where(u => blockedIds.Contains(u.Id)).Select(u => u.Name))))
                : Render("summary.blocked-count", ("count", Number(blockedIds.Count))));
        }

        if (!scope.SeesAll)
        {
            lines.AddRange(OwnLines(scope, updates));
            lines.Add(ScopeNote(scope));
        }

        return Join(lines);
    }

    // ---- Shared pieces -----------------------------------------------------------------------------

    /// <summary>
    /// The units a list or count is about: a named collective's members, the communes, or every reporting unit but the
    /// one the reports go to.
    /// </summary>
    private IReadOnlyList<UnitRecord> Population(QueryRequest request, UnitDirectory units)
    {
        var population = AllPopulation(request, units);
        return population.Any(u => receiverIds.Contains(u.PlanUnitId)) && population.Any(u => !receiverIds.Contains(u.PlanUnitId))
            ? [.. population.Where(u => !receiverIds.Contains(u.PlanUnitId))]
            : population;
    }

    private static IReadOnlyList<UnitRecord> AllPopulation(QueryRequest request, UnitDirectory units)
    {
        if (request.Group is { } group && units.ReportingUnitsWithin(group) is { Count: > 0 } members)
        {
            return members;
        }

        if (request.CommunesOnly && units.ReportingUnits.Where(u => u.IsCommune).ToList() is { Count: > 0 } communes)
        {
            return communes;
        }

        return units.ReportingUnits;
    }

    private string PopulationWord(IReadOnlyList<UnitRecord> population) =>
        Render(population.Count > 0 && population.All(u => u.IsCommune) ? "population.communes" : "population.units");

    private (List<PlanDuty> Duties, bool IsSection) DutiesFor(string reference)
    {
        var duty = plan.Duties.Where(d => d.Id == reference).ToList();
        return duty.Count > 0 ? (duty, false) : (plan.Duties.Where(d => d.Section == reference).ToList(), true);
    }

    private string Target(string reference, List<PlanDuty> duties, bool isSection)
    {
        if (!isSection)
        {
            return Render("target.duty", ("id", reference), ("text", Shorten(duties[0].Text, TaskTextLength)));
        }

        var title = plan.Units.FirstOrDefault(u => u.Section == reference)?.Name
            ?? plan.Sections.FirstOrDefault(s => s.Id == reference)?.Title
            ?? string.Empty;
        return Render("target.section", ("id", reference), ("title", title));
    }

    /// <summary>The person's own reporting units and whether each has reported.</summary>
    private List<string> OwnLines(QueryScope scope, IReadOnlyList<StatusUpdateRecord> updates)
    {
        var own = scope.OwnReporters;
        if (own.Count == 0)
        {
            return [];
        }

        var lines = new List<string> { Render("own.heading") };
        foreach (var unit in own.Take(MaxNamesShown))
        {
            var count = updates.Count(u => u.UnitId == unit.Id);
            lines.Add(count > 0
                ? Render("own.reported", ("unit", unit.Name), ("count", Number(count)))
                : Render("own.missing", ("unit", unit.Name)));
        }

        if (own.Count > MaxNamesShown)
        {
            lines.Add(Render("more.units", ("count", Number(own.Count - MaxNamesShown))));
        }

        return lines;
    }

    private IEnumerable<string> StatusCountLines(string key, IReadOnlyList<StatusUpdateRecord> latest) =>
        StatusDisplayOrder
            .Select(status => (status, count: latest.Count(u => u.Status == status)))
            .Where(x => x.count > 0)
            .Select(x => Render(key, ("status", StatusName(x.status)), ("count", Number(x.count))));

    /// <summary>
    /// Each unit's most recent update per task: a unit that reported "đang thực hiện" and later "hoàn thành" counts once, as done.
    /// </summary>
    private List<StatusUpdateRecord> LatestPerTask(IEnumerable<StatusUpdateRecord> updates) =>
        [.. updates
            .GroupBy(u => (u.UnitId, Task: u.DutyId ?? "\0" + lexicon.Canonical(u.Task)))
            .Select(g => g.MaxBy(u => u.Id)!)];

    private string TaskLabel(StatusUpdateRecord update)
    {
        if (update.DutyId is not { } dutyId)
        {
            return Render("task.other", ("task", Shorten(update.Task, TaskTextLength)));
        }

        var text = plan.Duties.FirstOrDefault(d => d.Id == dutyId)?.Text ?? update.Task;
        return Render("task.duty", ("id", dutyId), ("text", Shorten(text, TaskTextLength)));
    }

    private string Figure(StatusUpdateRecord update) =>
        string.IsNullOrWhiteSpace(update.FigureText) ? string.Empty : Render("figure", ("figure", update.FigureText.Trim()));

    private string Note(StatusUpdateRecord update) =>
        string.IsNullOrWhiteSpace(update.Note) ? string.Empty : Render("note", ("note", Shorten(update.Note, NoteLength)));

    private string StatusName(ProgressStatus status) => Render(status switch
    {
        ProgressStatus.NotStarted => "status.not-started",
        ProgressStatus.InProgress => "status.in-progress",
        ProgressStatus.Done => "status.done",
        _ => "status.blocked",
    });

    private string ScopeNote(QueryScope scope) => Render(scope.OwnAreCommunes ? "scope.commune" : "scope.unit");

    private string NameList(IEnumerable<string> names)
    {
        var all = names.ToList();
        var shown = string.Join(", ", all.Take(MaxNamesShown));
        return all.Count > MaxNamesShown ? shown + " " + Render("more.units", ("count", Number(all.Count - MaxNamesShown))) : shown;
    }

    private string Deadline(string period) => calendar.DeadlineOf(period).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static string DateOf(StatusUpdateRecord update) =>
        (update.UpdatedAt > update.CreatedAt ? update.UpdatedAt : update.CreatedAt).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>One line, cut at a word boundary with "…" when longer than <paramref name="length"/>.</summary>
    internal static string Shorten(string text, int length)
    {
        var line = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (line.Length <= length)
        {
            return line;
        }

        var cut = line.LastIndexOf(' ', length - 1);
        return line[..(cut > length / 2 ? cut : length - 1)].TrimEnd(',', ';', ':', '.', ' ') + "…";
    }

    private static string Join(IEnumerable<string> lines) => string.Join('\n', lines.Where(l => l.Length > 0));

    private string Render(string key, params (string Name, string Value)[] values) => templates.Render(key, values);

    /// <summary>The units as stored now; the same directory (and its finder) while nothing changes.</summary>
    private UnitDirectory UnitsNow()
    {
        var all = store.AllUnits();
        var cached = Volatile.Read(ref cachedUnits);
        if (cached is null || !ReferenceEquals(cached.Units, all))
        {
            cached = new UnitDirectory(all, lexicon);
            Volatile.Write(ref cachedUnits, cached);
        }

        return cached;
    }
}
