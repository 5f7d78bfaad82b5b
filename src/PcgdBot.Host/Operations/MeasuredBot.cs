using System.Diagnostics;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace PcgdBot.Host.Operations;

/// <summary>
/// Wraps the bot on every channel's adapter: counts messages and replies, times the turn, notes the channel's last
/// contact, and opens a log scope with the channel, conversation and activity ids (never the text).
/// </summary>
public sealed class MeasuredBot(IBot inner, BotMetrics metrics, ChannelContacts contacts, ILogger<MeasuredBot> logger) : IBot
{
    public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        var activity = turnContext.Activity;
        var channel = activity.ChannelId is { Length: > 0 and <= 32 } id ? id : "unknown";
        using var scope = logger.BeginScope(new Dictionary<string, object?>
        {
            ["ChannelId"] = channel,
            ["ConversationId"] = activity.Conversation?.Id,
            ["ActivityId"] = activity.Id,
        });
        contacts.Seen(channel);
        if (activity.Type == ActivityTypes.Message)
        {
            metrics.MessageIn(channel);
        }

        turnContext.OnSendActivities(async (_, activities, next) =>
        {
            var count = activities.Count(a => a.Type == ActivityTypes.Message);
            try
            {
                var responses = await next();
                metrics.RepliesSent(channel, count);
                return responses;
            }
            catch
            {
                metrics.RepliesFailed(channel, count);
                throw;
            }
        });

        var started = Stopwatch.GetTimestamp();
        try
        {
            await inner.OnTurnAsync(turnContext, cancellationToken);
        }
        finally
        {
            metrics.TurnEnded(channel, Stopwatch.GetElapsedTime(started));
        }
    }
}
