using System.Globalization;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using PcgdBot.Channels;
using PcgdBot.Conversations;
using PcgdBot.Reminders.Outbox;

namespace PcgdBot.Host.Channels;

/// <summary>
/// Middleware of the platform adapters: a reply the platform could not take right now (rate limits or network errors
/// that outlasted the adapter's own retries) goes to the outbox, which sends it again later, instead of being lost
/// while the person's conversation has already moved on. Messages the bot starts do not pass here: the outbox already
/// handles their failures.
/// </summary>
public sealed partial class UndeliveredReplies(ChatEngine engine, ILogger<UndeliveredReplies> logger) : Microsoft.Bot.Builder.IMiddleware
{
    public const string BroadcastId = "replies";

    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        turnContext.OnSendActivities(async (context, activities, send) =>
        {
            try
            {
                return await send();
            }
            catch (ChannelDeliveryException error) when (error.Failure == DeliveryFailure.Transient)
            {
                Keep(activities, error.Message);
                return [.. activities.Select(_ => new ResourceResponse())];
            }
        });
        await next(cancellationToken);
    }

    private void Keep(List<Activity> activities, string reason)
    {
        var messages = activities
            .Where(a => a.Type == ActivityTypes.Message && !string.IsNullOrEmpty(a.Text))
            .Select(a => new OutboxMessage(
                BroadcastId + ":" + Guid.NewGuid().ToString("N"),
                BroadcastId,
                engine.Store.FindByIdentity(a.ChannelId, a.Recipient?.Id ?? string.Empty)?.Person.Id ?? a.ChannelId + ":" + a.Recipient?.Id,
                a.ChannelId,
                a.Recipient?.Id ?? string.Empty,
                a.Conversation.Id,
                a.Text,
                [.. a.SuggestedActions?.Actions?.Select(c => c.Value?.ToString() ?? c.Title) ?? []]))
            .ToList();
        engine.Outbox.Enqueue(messages);
        engine.Broadcasts.Queued?.Invoke();
        LogKept(messages.Count.ToString(CultureInfo.InvariantCulture), reason);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} replies could not be delivered now ({Reason}); the outbox sends them again later")]
    private partial void LogKept(string count, string reason);
}
