namespace PcgdBot.Reports;

/// <summary>Where a duty stands in a reported update.</summary>
public enum ReportStatus
{
    NotStarted,
    InProgress,
    Done,
    Blocked,
}

/// <summary>A stored unit as the report needs it: a plan unit, or a member of one (a commune, a school).</summary>
/// <param name="PlanUnitId">The plan unit whose duties it carries (its part-IV section).</param>
/// <param name="Reports">Whether it reports on its own (a collective unit with reporting members does not).</param>
public sealed record ReportUnit(string Id, string Name, string PlanUnitId, string? ParentId, bool IsCommune, bool Reports, int Order);

/// <summary>One saved status update of the period.</summary>
/// <param name="DutyId">The plan duty ("IV.13.2"); null for "việc khác" (then <paramref name="Task"/> says what).</param>
/// <param name="Revision">1 for an update never edited.</param>
public sealed record ReportUpdate(
    long Number,
    string Receipt,
    string UnitId,
    string PersonName,
    string? DutyId,
    string Task,
    ReportStatus Status,
    string? Figure,
    string? Note,
    string Channel,
    DateTime CreatedAtUtc,
    DateTime UpdatedAtUtc,
    int Revision);

/// <summary>What the report reads of the stored data, for one period.</summary>
/// <param name="Units">All stored units in list order (reporting or not).</param>
/// <param name="Updates">The period's updates, in receipt order.</param>
public sealed record ReportData(IReadOnlyList<ReportUnit> Units, IReadOnlyList<ReportUpdate> Updates);

/// <summary>
/// The report's port to the stored data: implemented over the bot's storage, faked in unit tests. The report never
/// sees how or where the data is kept.
/// </summary>
public interface IReportSource
{
    /// <summary>The oldest and newest periods with at least one update ("2025", "2026"); nulls when nothing was ever reported.</summary>
    (string? Oldest, string? Newest) PeriodRange();

    ReportData Read(string period);
}
