using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging;
using PcgdBot.Channels;

namespace PcgdBot.WebChat;

/// <summary>
/// The web chat channel for the Bot Framework bot, shaped like the other platform adapters: the Direct Line endpoint
/// authenticates the token first, the posted activity is echoed and mapped, then the bot's pipeline runs; replies are
/// appended to the conversation, which pushes them to the page's WebSocket or keeps them for its next poll.
/// </summary>
public sealed partial class WebChatAdapter(WebChatConversations conversations, WebChatOptions options, TimeProvider time, ILogger<WebChatAdapter> logger)
    : PlatformAdapter
{
    public const string ChannelId = WebChatActivityMapper.ChannelId;

    /// <summary>Said instead of running the bot when a message is longer than the bot reads.</summary>
    public const string TooLongReply = "Tin nhắn dài quá, tôi chỉ đọc được tối đa {0} ký tự. Anh/chị vui lòng gửi ngắn hơn hoặc chia thành nhiều tin.";

    protected override string PlatformName => "Web chat";

    public WebChatConversations Conversations => conversations;

    /// <summary>
    /// The person's posted activity: a message is echoed at once (with its id and the client's channel data, which is how
    /// Web Chat knows it was sent) and answered; other kinds (Web Chat's own events, typing) are acknowledged and ignored.
    /// </summary>
    public async Task<string> ReceiveAsync(WebChatConversation conversation, DirectLineActivity posted, BotCallbackHandler callback, CancellationToken cancellationToken)
    {
        if (posted.Type != DirectLineActivityTypes.Message)
        {
            return conversation.Id + "|" + Guid.NewGuid().ToString("N")[..8];
        }

        var echoed = conversation.Append(WebChatActivityMapper.ToEcho(posted, conversation, options.MaxTextLength), time.GetUtcNow());
        await conversation.Turns.WaitAsync(cancellationToken);
        try
        {
            if (posted.Text is { } text && text.Length > options.MaxTextLength)
            {
                conversation.Append(new DirectLineActivity
                {
                    From = new DirectLineAccount(WebChatActivityMapper.BotId, WebChatActivityMapper.BotName, RoleTypes.Bot),
                    Text = string.Format(System.Globalization.CultureInfo.GetCultureInfo("vi-VN"), TooLongReply, options.MaxTextLength.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("vi-VN"))),
                    ReplyToId = echoed.Id,
                }, time.GetUtcNow());
                return echoed.Id!;
            }

            var activity = WebChatActivityMapper.ToBotActivity(echoed, conversation);
            await RunTurnShowingTypingAsync(activity, callback, options.TypingDelay, () =>
            {
                conversation.Append(WebChatActivityMapper.FromBotActivity(new Activity(ActivityTypes.Typing), echoed.Id)!, time.GetUtcNow());
                return Task.CompletedTask;
            }, lastAttempt: true, cancellationToken);
        }
        finally
        {
            conversation.Turns.Release();
        }

        return echoed.Id!;
    }

    /// <summary>A conversation this process has not seen: the bot greets the person (a reload shows the kept transcript instead).</summary>
    public async Task StartAsync(WebChatConversation conversation, BotCallbackHandler callback, CancellationToken cancellationToken)
    {
        await conversation.Turns.WaitAsync(cancellationToken);
        try
        {
            using var context = new TurnContext(this, WebChatActivityMapper.ToConversationStart(conversation));
            await RunPipelineAsync(context, callback, cancellationToken);
        }
        finally
        {
            conversation.Turns.Release();
        }
    }

    public override Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, Activity[] activities, CancellationToken cancellationToken)
    {
        var incoming = turnContext.Activity;
        var conversationId = incoming.Conversation?.Id ?? string.Empty;
        var conversation = conversations.Find(conversationId);
        var now = time.GetUtcNow();

        // A message the bot starts (a broadcast) reaches the page only while it is open; otherwise the outbox tries the
        // person's other channel. Not marked unreachable: the page may be open again tomorrow.
        var proactive = incoming.Type == ActivityTypes.Event && incoming.Name == ActivityEventNames.ContinueConversation;
        if (conversation is null || (proactive && !conversation.IsOpen(now, options.LiveWindow)))
        {
            LogPageClosed(conversationId);
            throw new ChannelDeliveryException(ChannelId, incoming.From?.Id ?? incoming.Recipient?.Id ?? string.Empty, DeliveryFailure.Unreachable, "the web chat page is not open");
        }

        var responses = new ResourceResponse[activities.Length];
        for (var i = 0; i < activities.Length; i++)
        {
            var replyTo = proactive ? null : activities[i].ReplyToId ?? incoming.Id;
            responses[i] = WebChatActivityMapper.FromBotActivity(activities[i], replyTo) is { } reply
                ? new ResourceResponse(conversation.Append(reply, now).Id)
                : new ResourceResponse();
        }

        return Task.FromResult(responses);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Web chat conversation {ConversationId} is not open: message not delivered there")]
    private partial void LogPageClosed(string conversationId);
}
