using Microsoft.Extensions.Options;
using PcgdBot.Reminders.Outbox;
using PcgdBot.Storage;

namespace PcgdBot.Host.Operations;

/// <summary>A configured channel and when it last brought an activity (null: not since the start).</summary>
public sealed record ChannelContact(string Channel, DateTimeOffset? LastContact, double? SecondsAgo);

/// <summary>What /readyz answers: ready unless the data file takes no writes or the outbox is stuck.</summary>
public sealed record Readiness(
    bool Ready,
    string Status,
    string? Reason,
    string? Detail,
    bool DatabaseOpen,
    int OutboxWaiting,
    double? OutboxOldestSeconds,
    double OutboxStuckAfterSeconds,
    IReadOnlyList<ChannelContact> Channels);

/// <summary>Computes <see cref="Readiness"/> from the data file, the outbox and the channels' last contacts.</summary>
public sealed class ReadinessReport(
    PcgdBotDatabase database,
    ChannelContacts contacts,
    ConfiguredChannels channels,
    IOptions<HealthOptions> options,
    TimeProvider time)
{
    private readonly OutboxStore _outbox = new(database, time);

    public Readiness Check()
    {
        var now = time.GetUtcNow();
        var stuckAfter = options.Value.OutboxStuckAfter;
        var channelContacts = channels.Names
            .Select(name => contacts.LastContact(name) is { } at
                ? new ChannelContact(name, at, Math.Round((now - at).TotalSeconds, 1))
                : new ChannelContact(name, null, null))
            .ToList();

        var health = database.CheckHealth();
        OutboxBacklog backlog;
        try
        {
            backlog = _outbox.Backlog();
        }
        catch (Exception e) when (e is LiteDB.LiteException or IOException or ObjectDisposedException)
        {
            return new Readiness(false, "not-ready", "storage-error", e.Message, false, 0, null, stuckAfter.TotalSeconds, channelContacts);
        }

        double? oldest = backlog.OldestCreatedAt is { } created ? Math.Max(0, Math.Round((now.UtcDateTime - created).TotalSeconds, 1)) : null;
        if (!health.Writable)
        {
            return new Readiness(false, "not-ready", health.DiskFull ? "disk-full" : "storage-error", health.Problem, true,
                backlog.Waiting, oldest, stuckAfter.TotalSeconds, channelContacts);
        }

        if (oldest is { } age && age > stuckAfter.TotalSeconds)
        {
            return new Readiness(false, "not-ready", "outbox-stuck",
                $"Hàng đợi gửi tin có {backlog.Waiting} tin đang chờ, tin cũ nhất đã chờ {TimeSpan.FromSeconds(age):g} (ngưỡng {stuckAfter:g}). "
                + "(The oldest outbox record has waited longer than Health:OutboxStuckAfter.)",
                true, backlog.Waiting, oldest, stuckAfter.TotalSeconds, channelContacts);
        }

        return new Readiness(true, "ready", null, null, true, backlog.Waiting, oldest, stuckAfter.TotalSeconds, channelContacts);
    }
}
