using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using PcgdBot.Dashboard.Board;

namespace PcgdBot.Dashboard.Pages;

/// <summary>"Tình hình báo cáo": every reporting unit × its duties (a commune leader sees their communes).</summary>
public sealed class StatusModel : DashboardPageModel
{
    public StatusBoard Board { get; private set; } = null!;

    public double BuildMilliseconds { get; private set; }

    public IActionResult OnGet([FromQuery(Name = "ky")] string? period)
    {
        var started = Stopwatch.GetTimestamp();
        Board = BoardReader.Read(Engine, Viewer, period, Today);
        BuildMilliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return Page();
    }
}
