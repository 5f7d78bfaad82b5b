using System.Globalization;
using PcgdBot.Conversations;

namespace PcgdBot.Dashboard.Board;

/// <summary>Reads the board through the same ports as the chat (the engine's store, units and calendar).</summary>
public static class BoardReader
{
    /// <summary>The period asked for when it is a known one, else the one usually reported on (see ReportService.DefaultPeriod).</summary>
    public static string PeriodOf(ChatEngine engine, string? asked, DateOnly today)
    {
        var usual = engine.Reports.Service.DefaultPeriod(today);
        return asked is { Length: 4 } && int.TryParse(asked, NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && year >= 2000 && year <= today.Year + 1 ? asked : usual;
    }

    public static StatusBoard Read(ChatEngine engine, DashboardViewer viewer, string? period, DateOnly today)
    {
        var chosen = PeriodOf(engine, period, today);
        return StatusBoard.Build(engine.Content.Plan, engine.Units, engine.Store.UpdatesIn(chosen), engine.Calendar, chosen, today, engine.TimeZone, viewer.CanSee);
    }
}
