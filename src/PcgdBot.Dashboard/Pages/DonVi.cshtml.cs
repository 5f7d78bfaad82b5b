using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using PcgdBot.Dashboard.Board;
using PcgdBot.Storage.Reporting;

namespace PcgdBot.Dashboard.Pages;

/// <summary>A unit's page: its updates of the period, each with its history from the audit trail (who changed what, when).</summary>
public sealed class UnitModel : DashboardPageModel
{
    public UnitRecord Unit { get; private set; } = null!;

    public string Period { get; private set; } = string.Empty;

    public IReadOnlyList<(StatusUpdateRecord Update, IReadOnlyList<HistoryEntry> History)> Updates { get; private set; } = [];

    public sealed record HistoryEntry(DateTime At, string Who, string What);

    public IActionResult OnGet(string id, [FromQuery(Name = "ky")] string? period)
    {
        if (id.Length > 100 || Engine.Units[id] is not { } unit)
        {
            return NotFound();
        }

        if (!Viewer.CanSee(unit))
        {
            return Forbidden("Anh/chị chỉ xem được trang của xã mình.");
        }

        Unit = unit;
        Period = BoardReader.PeriodOf(Engine, period, Today);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        string NameOf(string? personId) => personId is null ? "—"
            : names.TryGetValue(personId, out var known) ? known
            : names[personId] = Engine.Store.Person(personId)?.Name ?? personId;
        Updates = [.. Engine.Store.UpdatesOfUnit(unit.Id, Period).OrderByDescending(u => u.UpdatedAt)
            .Select(update => (update, (IReadOnlyList<HistoryEntry>)[.. Engine.Store.AuditOf(update.Receipt)
                .Select(a => new HistoryEntry(a.At, NameOf(a.PersonId), Describe(a)))]))];
        return Page();
    }

    public string Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Engine.TimeZone).ToString("dd/MM/yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    public static string StatusName(ProgressStatus status) => status switch
    {
        ProgressStatus.NotStarted => "Chưa bắt đầu",
        ProgressStatus.InProgress => "Đang thực hiện",
        ProgressStatus.Done => "Hoàn thành",
        _ => "Vướng mắc",
    };

    /// <summary>"Tạo mới", or the fields an edit changed, "tình hình: Đang thực hiện → Hoàn thành".</summary>
    private static string Describe(AuditRecord audit)
    {
        if (audit.Action == "created" || audit.Before is null || audit.After is null)
        {
            return audit.Action == "created" ? "Gửi báo cáo" : audit.Action;
        }

        try
        {
            var before = JsonSerializer.Deserialize<StatusUpdateRecord>(audit.Before)!;
            var after = JsonSerializer.Deserialize<StatusUpdateRecord>(audit.After)!;
            var changes = new List<string>();
            if (before.Status != after.Status)
            {
                changes.Add($"tình hình: {StatusName(before.Status)} → {StatusName(after.Status)}");
            }

            if (before.FigureText != after.FigureText)
            {
                changes.Add($"số liệu: {before.FigureText ?? "—"} → {after.FigureText ?? "—"}");
            }

            if (before.Note != after.Note)
            {
                changes.Add($"ghi chú: {before.Note ?? "—"} → {after.Note ?? "—"}");
            }

            return changes.Count == 0 ? "Sửa báo cáo" : "Sửa " + string.Join("; ", changes);
        }
        catch (JsonException)
        {
            return "Sửa báo cáo";
        }
    }
}
