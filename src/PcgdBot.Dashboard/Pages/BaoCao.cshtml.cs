using Microsoft.AspNetCore.Mvc;
using PcgdBot.Conversations.Reports;
using PcgdBot.Dashboard.Board;
using PcgdBot.Storage.Reporting;

namespace PcgdBot.Dashboard.Pages;

/// <summary>"Báo cáo": the consolidated report as DOCX or XLSX, made by the same report service as the chat's.</summary>
public sealed class ReportModel : DashboardPageModel
{
    public string Period { get; private set; } = string.Empty;

    /// <summary>A commune leader's reports are their commune's.</summary>
    public IReadOnlyList<UnitRecord> Communes { get; private set; } = [];

    public string? Error { get; private set; }

    public IActionResult OnGet([FromQuery(Name = "ky")] string? period, [FromQuery(Name = "dinh-dang")] string? format, [FromQuery(Name = "don-vi")] string? unitId)
    {
        Period = BoardReader.PeriodOf(Engine, period, Today);
        Communes = [.. Viewer.CommuneIds.Select(id => Engine.Units[id]).OfType<UnitRecord>()];
        if (format is null)
        {
            return Page();
        }

        ReportFormat? chosen = format switch { "docx" => ReportFormat.Docx, "xlsx" => ReportFormat.Xlsx, _ => null };
        if (chosen is null)
        {
            return BadRequest("dinh-dang must be docx or xlsx");
        }

        UnitRecord? unit = null;
        if (unitId is not null && (unitId.Length > 100 || (unit = Engine.Units[unitId]) is null))
        {
            return NotFound();
        }

        if (unit is not null ? !Viewer.CanSee(unit) : !Viewer.IsCoordinator)
        {
            return Forbidden("Anh/chị chỉ tải được báo cáo của xã mình.");
        }

        var outcome = Engine.Reports.Service.Create(Period, chosen.Value, unit, Today);
        if (outcome.File is not { } file)
        {
            Error = outcome.Error;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Engine.WebSignIn.RecordAction("reports", file.Name, "web-report-downloaded", Viewer.PersonId, Now,
            System.Text.Json.JsonSerializer.Serialize(new { by = Viewer.Name, file = file.Name, period = Period }));
        return File(file.Content, file.MediaType, file.Name);
    }
}
