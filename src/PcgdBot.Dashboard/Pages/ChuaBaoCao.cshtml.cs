using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using PcgdBot.Conversations.Broadcasting;
using PcgdBot.Dashboard.Board;
using PcgdBot.Storage.Reporting;

namespace PcgdBot.Dashboard.Pages;

/// <summary>
/// "Chưa báo cáo": the units with no update in the period, and "Nhắc các đơn vị này": a preview (recipients per channel,
/// who cannot be reached), then a confirmed broadcast through the same outbox as the chat's.
/// </summary>
public sealed class MissingModel(DashboardTexts texts) : DashboardPageModel
{
    public const int MaxMessageLength = 2000;

    protected override bool CoordinatorOnly => true;

    public StatusBoard Board { get; private set; } = null!;

    public IReadOnlyList<(UnitRecord Unit, IReadOnlyList<string> People)> Missing { get; private set; } = [];

    public string Message { get; private set; } = string.Empty;

    /// <summary>Set after "Xem trước": who will get the reminder.</summary>
    public Preview? Previewed { get; private set; }

    public BroadcastInfo? Sent { get; private set; }

    public string? Error { get; private set; }

    public sealed record Preview(int Total, IReadOnlyDictionary<string, int> PerChannel, IReadOnlyList<string> NotReachable);

    public void OnGet([FromQuery(Name = "ky")] string? period)
    {
        Load(period);
        Message = texts.Render("remind.not-reported", ("period", Board.Period), ("deadline", StatusBoard.Format(Board.Deadline)));
    }

    public IActionResult OnPostPreview([FromForm(Name = "ky")] string? period, [FromForm(Name = "noi-dung")] string? message)
    {
        Load(period);
        if (!CheckMessage(message))
        {
            return Page();
        }

        var (total, perChannel, notReachable) = BroadcastService.Count(Recipients());
        Previewed = new Preview(total, perChannel, notReachable);
        return Page();
    }

    public IActionResult OnPostSend([FromForm(Name = "ky")] string? period, [FromForm(Name = "noi-dung")] string? message)
    {
        Load(period);
        if (!CheckMessage(message))
        {
            return Page();
        }

        var recipients = Recipients();
        var text = Message + "\n" + texts.Render("remind.signature", ("name", Viewer.Name));
        Sent = Engine.Broadcasts.Send(text, "Đơn vị chưa báo cáo (trang điều phối)", recipients, Viewer.PersonId, "manual", offerUpdate: true);
        var details = JsonSerializer.Serialize(new
        {
            by = Viewer.Name,
            broadcast = Sent.Id,
            period = Board.Period,
            units = Board.Missing.Select(r => r.Unit.Name).ToArray(),
            recipients = Sent.Recipients,
            notReachable = Sent.NotReachable,
        });
        Engine.WebSignIn.RecordAction("broadcasts", Sent.Id, "web-remind-not-reported", Viewer.PersonId, Now, details);
        return Page();
    }

    private bool CheckMessage(string? message)
    {
        Message = message?.Trim() ?? string.Empty;
        if (Message.Length is 0 or > MaxMessageLength)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Error = $"Nội dung tin nhắc cần có, và không quá {MaxMessageLength} ký tự.";
            return false;
        }

        if (Board.Missing.Count == 0)
        {
            Error = "Tất cả các đơn vị đã báo cáo, không có ai cần nhắc.";
            return false;
        }

        return true;
    }

    private void Load(string? period)
    {
        Board = BoardReader.Read(Engine, Viewer, period, Today);
        var memberships = Engine.Store.AllMemberships();
        Missing = [.. Board.Missing.Select(row => (row.Unit, (IReadOnlyList<string>)[.. memberships
            .Where(m => m.UnitId == row.Unit.Id && m.Role != PersonRole.Coordinator)
            .Select(m => Engine.Store.Person(m.PersonId)?.Name).OfType<string>().Order(StringComparer.Ordinal)]))];
    }

    /// <summary>The people of the missing units (not coordinators), each once, on the channel the chat would use.</summary>
    private IReadOnlyList<Recipient> Recipients()
    {
        var missing = Board.Missing.Select(r => r.Unit.Id).ToHashSet(StringComparer.Ordinal);
        return [.. Engine.Store.AllMemberships()
            .Where(m => m.Role != PersonRole.Coordinator && missing.Contains(m.UnitId))
            .Select(m => m.PersonId)
            .Distinct(StringComparer.Ordinal)
            .Select(Engine.Store.Person)
            .OfType<PersonRecord>()
            .Select(person => new Recipient(person, Engine.Broadcasts.ChannelFor(person.Id)))
            .OrderBy(r => r.Person.Name, StringComparer.Ordinal)];
    }
}
