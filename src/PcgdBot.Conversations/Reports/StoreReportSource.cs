using PcgdBot.Reports;
using PcgdBot.Storage.Reporting;

namespace PcgdBot.Conversations.Reports;

/// <summary>The report's port over the bot's storage: stored units, the period's updates and who wrote them.</summary>
public sealed class StoreReportSource(ReportingStore store) : IReportSource
{
    public (string? Oldest, string? Newest) PeriodRange() => store.UpdatePeriods();

    public ReportData Read(string period)
    {
        var units = store.AllUnits().Select(u => new ReportUnit(u.Id, u.Name, u.PlanUnitId, u.ParentId, u.IsCommune, u.Reports, u.Order)).ToList();
        var updates = store.UpdatesIn(period);
        var names = store.AllPeople().ToDictionary(p => p.Id, p => p.Name, StringComparer.Ordinal);
        return new ReportData(units, [.. updates.Select(u => new ReportUpdate(
            u.Id, u.Receipt, u.UnitId, names.GetValueOrDefault(u.PersonId, u.PersonId), u.DutyId, u.Task, (ReportStatus)(int)u.Status,
            u.FigureText, u.Note, u.Channel, u.CreatedAt, u.UpdatedAt, u.Revision))]);
    }
}
