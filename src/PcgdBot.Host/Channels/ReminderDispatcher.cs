using PcgdBot.Conversations;
using PcgdBot.Conversations.Broadcasting;
using PcgdBot.Reminders.Schedule;

namespace PcgdBot.Host.Channels;

/// <summary>
/// Turns a scheduled reminder into a broadcast: its audience resolved now (e.g. the units that have still not
/// reported), the late units filled in for the coordinator's notice, and "(gửi muộn)" on a reminder sent late.
/// </summary>
public sealed partial class ReminderDispatcher(ChatEngine engine, ILogger<ReminderDispatcher> logger) : IReminderDispatcher
{
    public const string LatePrefix = "(Gửi muộn) ";

    public Task DispatchAsync(ReminderOccurrence occurrence, bool late, CancellationToken cancellationToken)
    {
        var today = engine.Today;
        var units = engine.Units;
        var audience = ReminderAudiences.Name(occurrence.Audience);
        var recipients = engine.Broadcasts.Resolve(audience, units, null, today);
        var text = occurrence.ListsLateUnits
            ? occurrence.WithLateUnits(engine.Broadcasts.UnitsNotReported(units, today).Select(u => u.Name))
            : occurrence.Message;
        if (late)
        {
            text = LatePrefix + text;
        }

        var sent = engine.Broadcasts.Send(text, "lịch nhắc: " + occurrence.ReminderId, recipients, "schedule", late ? "reminder-late" : "reminder", occurrence.OfferUpdate);
        LogDispatched(occurrence.OccurrenceKey, sent.Id, sent.Recipients, late);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder {OccurrenceKey} queued as {BroadcastId} for {Recipients} people (late: {Late})")]
    private partial void LogDispatched(string occurrenceKey, string broadcastId, int recipients, bool late);
}
