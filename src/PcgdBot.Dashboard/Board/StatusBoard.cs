using System.Globalization;
using PcgdBot.Conversations.Reporting;
using PcgdBot.Plan;
using PcgdBot.Storage.Reporting;

namespace PcgdBot.Dashboard.Board;

/// <summary>Where one unit stands on one duty.</summary>
public enum CellState
{
    /// <summary>No update yet (before the deadline).</summary>
    NotReported,

    /// <summary>No update and the deadline has passed.</summary>
    Overdue,
    NotStarted,
    InProgress,
    Done,
    Blocked,
}

/// <summary>One unit × one duty: the latest update, if any.</summary>
public sealed record DutyCell(string DutyId, CellState State, StatusUpdateRecord? Latest, DateOnly? Date, bool Late)
{
    public string StateName => State switch
    {
        CellState.NotReported => "Chưa báo cáo",
        CellState.Overdue => "Quá hạn, chưa báo cáo",
        CellState.NotStarted => "Chưa bắt đầu",
        CellState.InProgress => "Đang thực hiện",
        CellState.Done => "Hoàn thành",
        CellState.Blocked => "Vướng mắc",
        _ => State.ToString(),
    };

    /// <summary>The CSS class of the state (colour is never the only sign: the name is written too).</summary>
    public string CssClass => "st-" + State.ToString().ToLowerInvariant();
}

/// <summary>One reporting unit's line.</summary>
public sealed record UnitRow(UnitRecord Unit, IReadOnlyList<DutyCell> Cells, int Updates, DateOnly? LastUpdate)
{
    public bool HasReported => Updates > 0;

    public int DutiesReported => Cells.Count(c => c.Latest is not null);
}

/// <summary>The units of one plan unit (the communes share theirs), with the duties they all carry as columns.</summary>
public sealed record UnitGroup(string PlanUnitId, string Title, IReadOnlyList<BoardDuty> Duties, IReadOnlyList<UnitRow> Rows);

/// <summary>A column: the duty's number and a short text (the full text in a tooltip and the unit page).</summary>
public sealed record BoardDuty(string Id, string Label, string Text);

/// <summary>A date the desk counts down to.</summary>
public sealed record Countdown(DateOnly Date, string What, int DaysLeft)
{
    public string Describe() => DaysLeft switch
    {
        > 0 => $"còn {DaysLeft} ngày",
        0 => "hôm nay là hạn",
        _ => $"đã qua {-DaysLeft} ngày",
    };
}

/// <summary>The "Tình hình báo cáo" view: every reporting unit × its duties in one period.</summary>
public sealed record StatusBoard(string Period, DateOnly Deadline, DateOnly Today, IReadOnlyList<Countdown> Countdowns, IReadOnlyList<UnitGroup> Groups)
{
    public IEnumerable<UnitRow> Rows => Groups.SelectMany(g => g.Rows);

    public int UnitCount => Rows.Count();

    public int ReportedCount => Rows.Count(r => r.HasReported);

    public IReadOnlyList<UnitRow> Missing => [.. Rows.Where(r => !r.HasReported)];

    /// <summary>
    /// Builds the board. <paramref name="updates"/> are the period's updates (any order); the latest per unit and duty
    /// is shown. A duty-less unit gets one "báo cáo chung" column.
    /// </summary>
    public static StatusBoard Build(PlanDocument plan, UnitDirectory units, IReadOnlyList<StatusUpdateRecord> updates, ReportingCalendar calendar,
        string period, DateOnly today, TimeZoneInfo timeZone, Func<UnitRecord, bool> visible)
    {
        var deadline = calendar.DeadlineOf(period);
        var byUnit = updates.GroupBy(u => u.UnitId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var dutiesByPlanUnit = new Dictionary<string, IReadOnlyList<BoardDuty>>(StringComparer.Ordinal);
        var groups = new List<UnitGroup>();
        foreach (var group in units.ReportingUnits.Where(visible).GroupBy(u => u.PlanUnitId, StringComparer.Ordinal))
        {
            if (!dutiesByPlanUnit.TryGetValue(group.Key, out var duties))
            {
                duties = [.. plan.DutiesOf(group.Key).Select(d => new BoardDuty(d.Id, d.Id, d.Text))];
                if (duties.Count == 0)
                {
                    duties = [new BoardDuty(string.Empty, "Báo cáo chung", "Báo cáo chung của đơn vị")];
                }

                dutiesByPlanUnit[group.Key] = duties;
            }

            var rows = group.Select(unit =>
            {
                var own = byUnit.GetValueOrDefault(unit.Id) ?? [];
                var cells = duties.Select(duty =>
                {
                    var latest = own.Where(u => duty.Id.Length == 0 || u.DutyId == duty.Id).MaxBy(u => (u.UpdatedAt, u.Id));
                    if (latest is null)
                    {
                        return new DutyCell(duty.Id, today > deadline ? CellState.Overdue : CellState.NotReported, null, null, false);
                    }

                    var first = own.Where(u => duty.Id.Length == 0 || u.DutyId == duty.Id).Min(u => u.CreatedAt);
                    var date = LocalDate(latest.UpdatedAt, timeZone);
                    var state = latest.Status switch
                    {
                        ProgressStatus.NotStarted => CellState.NotStarted,
                        ProgressStatus.InProgress => CellState.InProgress,
                        ProgressStatus.Done => CellState.Done,
                        _ => CellState.Blocked,
                    };
                    return new DutyCell(duty.Id, state, latest, date, LocalDate(first, timeZone) > deadline);
                }).ToList();
                DateOnly? last = own.Count == 0 ? null : LocalDate(own.Max(u => u.UpdatedAt), timeZone);
                return new UnitRow(unit, cells, own.Count, last);
            }).ToList();
            var title = plan.FindUnit(group.Key)?.Name ?? group.Key;
            groups.Add(new UnitGroup(group.Key, title, duties, rows));
        }

        return new StatusBoard(period, deadline, today, CountdownsOf(plan, deadline, today), groups);
    }

    /// <summary>The plan's reporting dates in the period's year (10/12 to Phòng GD&amp;ĐT, 20/12 to the district), soonest first.</summary>
    public static IReadOnlyList<Countdown> CountdownsOf(PlanDocument plan, DateOnly deadline, DateOnly today)
    {
        var dates = plan.Deadlines
            .GroupBy(d => (d.Month, d.Day))
            .Select(g => g.First())
            .Select(d => new Countdown(new DateOnly(deadline.Year, d.Month, Math.Min(d.Day, DateTime.DaysInMonth(deadline.Year, d.Month))), "Báo cáo gửi " + d.Recipient, 0))
            .ToList();
        if (dates.Count == 0)
        {
            dates.Add(new Countdown(deadline, "Hạn báo cáo", 0));
        }

        return [.. dates.Select(c => c with { DaysLeft = c.Date.DayNumber - today.DayNumber }).OrderBy(c => c.Date)];
    }

    public static DateOnly LocalDate(DateTime utc, TimeZoneInfo timeZone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), timeZone));

    public static string Format(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}
