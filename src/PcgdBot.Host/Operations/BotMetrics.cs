using System.Diagnostics.Metrics;
using PcgdBot.Reminders.Outbox;
using PcgdBot.Reminders.Schedule;
using PcgdBot.Storage;
using PcgdBot.Zalo.Oa;

namespace PcgdBot.Host.Operations;

/// <summary>
/// The bot's instruments (meter <c>PcgdBot</c>): counters written by the turn and HTTP edges, gauges read from the data
/// file when scraped. Names follow OpenTelemetry; Prometheus shows them with underscores and unit suffixes.
/// </summary>
public sealed class BotMetrics
{
    public const string MeterName = "PcgdBot";

    private readonly Counter<long> _messagesIn;
    private readonly Histogram<double> _turnDuration;
    private readonly Counter<long> _repliesSent;
    private readonly Counter<long> _repliesFailed;
    private readonly Counter<long> _webhookRejections;

    public BotMetrics(IMeterFactory meters, PcgdBotDatabase database, TimeProvider time)
    {
        var meter = meters.Create(MeterName);
        _messagesIn = meter.CreateCounter<long>("pcgdbot.messages.in", "{message}", "Messages received, per channel.");
        _turnDuration = meter.CreateHistogram<double>("pcgdbot.turn.duration", "s", "Time to answer one incoming activity.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
        _repliesSent = meter.CreateCounter<long>("pcgdbot.replies.sent", "{reply}", "Replies the platform accepted, per channel.");
        _repliesFailed = meter.CreateCounter<long>("pcgdbot.replies.failed", "{reply}", "Replies the platform refused or that could not be sent, per channel.");
        _webhookRejections = meter.CreateCounter<long>("pcgdbot.webhook.rejections", "{request}", "Webhook requests refused with 401 or 403, per channel.");

        var outbox = new OutboxStore(database, time);
        meter.CreateObservableGauge("pcgdbot.outbox.depth", () => outbox.Backlog().Waiting, "{record}", "Outbox records waiting to be sent (pending or sending).");
        meter.CreateObservableGauge("pcgdbot.outbox.oldest_age", () =>
        {
            var oldest = outbox.Backlog().OldestCreatedAt;
            return oldest is { } at ? Math.Max(0, (time.GetUtcNow().UtcDateTime - at).TotalSeconds) : 0;
        }, "s", "Age of the oldest outbox record still waiting (0 when none).");
        var reminders = new ReminderRunStore(database);
        meter.CreateObservableGauge("pcgdbot.reminder.runs", () => reminders.All().Count, "{run}", "Reminder runs recorded in the data file.");
        var inbox = new ZaloOaInbox(database, time);
        meter.CreateObservableGauge("pcgdbot.inbox.depth", () => inbox.PendingEntries().Count, "{event}", "Zalo OA events received and not yet handled.");
    }

    public void MessageIn(string channel) => _messagesIn.Add(1, Channel(channel));

    public void TurnEnded(string channel, TimeSpan elapsed) => _turnDuration.Record(elapsed.TotalSeconds, Channel(channel));

    public void RepliesSent(string channel, int count) => _repliesSent.Add(count, Channel(channel));

    public void RepliesFailed(string channel, int count) => _repliesFailed.Add(count, Channel(channel));

    public void WebhookRejected(string channel, int status) =>
        _webhookRejections.Add(1, new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("status", status));

    private static KeyValuePair<string, object?> Channel(string channel) => new("channel", channel);
}
