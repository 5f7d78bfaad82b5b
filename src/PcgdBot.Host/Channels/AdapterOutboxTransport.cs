using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using PcgdBot.Channels;
using PcgdBot.Conversations.Broadcasting;
using PcgdBot.Reminders.Outbox;
using PcgdBot.Telegram;
using PcgdBot.Zalo.Bot;
using PcgdBot.Zalo.Oa;

namespace PcgdBot.Host.Channels;

/// <summary>
/// Delivers outbox messages through each channel adapter's ContinueConversationAsync. When the person's channel cannot
/// reach them (Telegram 403, Zalo outside its 7-day window), their other linked channels are tried, most recently used
/// first; only when none works is the message unreachable.
/// </summary>
public sealed partial class AdapterOutboxTransport(IServiceProvider services, BroadcastService broadcasts, ILogger<AdapterOutboxTransport> logger) : IOutboxTransport
{
    public async Task<SendOutcome> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var first = await SendOnAsync(message.Channel, message.ConversationId, message.UserId, message, cancellationToken);
        if (first is not SendOutcome.Unreachable)
        {
            return first;
        }

        foreach (var other in broadcasts.ReachableChannels(message.PersonId).Where(i => !(i.Channel == message.Channel && i.UserId == message.UserId)))
        {
            var fallback = await SendOnAsync(other.Channel, other.ConversationId!, other.UserId, message, cancellationToken);
            if (fallback is SendOutcome.Accepted)
            {
                LogFellBack(message.Id, message.Channel, other.Channel);
                return fallback;
            }
        }

        return first;
    }

    private async Task<SendOutcome> SendOnAsync(string channel, string conversationId, string userId, OutboxMessage message, CancellationToken cancellationToken)
    {
        BotAdapter? adapter = channel switch
        {
            "telegram" => services.GetService<TelegramAdapter>(),
            ZaloOaAdapter.ChannelId => services.GetService<ZaloOaAdapter>(),
            "zalo-bot" => services.GetService<ZaloBotAdapter>(),
            WebChat.WebChatAdapter.ChannelId => services.GetService<WebChat.WebChatAdapter>(),
            _ => null,
        };
        if (adapter is null)
        {
            return new SendOutcome.Unreachable($"channel {channel} is not configured");
        }

        var reference = new ConversationReference
        {
            ChannelId = channel,
            ServiceUrl = channel,
            Conversation = new ConversationAccount(id: conversationId),
            User = new ChannelAccount(userId),
            Bot = new ChannelAccount(channel),
        };
        string? id = null;
        try
        {
            await adapter.ContinueConversationAsync(string.Empty, reference, async (turn, ct) =>
            {
                var activity = MessageFactory.Text(message.Text);
                if (message.Buttons.Count > 0)
                {
                    activity.SuggestedActions = new SuggestedActions { Actions = [.. message.Buttons.Select(b => new CardAction(ActionTypes.ImBack, b, value: b))] };
                }

                id = (await turn.SendActivityAsync(activity, ct))?.Id;
            }, cancellationToken);
            return new SendOutcome.Accepted(id);
        }
        catch (ChannelDeliveryException error)
        {
            return error.Failure switch
            {
                DeliveryFailure.Unreachable => new SendOutcome.Unreachable(error.Message),
                DeliveryFailure.Rejected => new SendOutcome.Rejected(error.Message),
                _ => new SendOutcome.Transient(error.Message),
            };
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox message {MessageId}: {Channel} could not reach the person; sent on {Fallback} instead")]
    private partial void LogFellBack(string messageId, string channel, string fallback);
}
