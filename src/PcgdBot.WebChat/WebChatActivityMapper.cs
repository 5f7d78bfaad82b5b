using System.Text.Json;
using Microsoft.Bot.Schema;

namespace PcgdBot.WebChat;

/// <summary>Between our Direct Line records and the Bot Framework activities of the bot's pipeline (the only place both meet).</summary>
internal static class WebChatActivityMapper
{
    public const string ChannelId = "webchat";
    public const string BotId = "pcgdbot";
    public const string BotName = "PcgdBot";
    private static readonly ChannelAccount Bot = new(BotId, BotName, RoleTypes.Bot);

    /// <summary>The person's message as the bot sees it: who sent it comes from the token, never from the body.</summary>
    public static Activity ToBotActivity(DirectLineActivity echoed, WebChatConversation conversation) => new()
    {
        Type = ActivityTypes.Message,
        Id = echoed.Id,
        ChannelId = ChannelId,
        ServiceUrl = ChannelId,
        Timestamp = echoed.Timestamp,
        From = new ChannelAccount(conversation.UserId, null, RoleTypes.User),
        Recipient = Bot,
        Conversation = new ConversationAccount(id: conversation.Id),
        Text = echoed.Text,
        Locale = echoed.Locale ?? "vi-VN",
    };

    /// <summary>A new conversation: the bot greets the person, as it does when someone opens it on Telegram or Zalo.</summary>
    public static Activity ToConversationStart(WebChatConversation conversation) => new()
    {
        Type = ActivityTypes.ConversationUpdate,
        Id = conversation.Id + "|start",
        ChannelId = ChannelId,
        ServiceUrl = ChannelId,
        From = new ChannelAccount(conversation.UserId, null, RoleTypes.User),
        Recipient = Bot,
        Conversation = new ConversationAccount(id: conversation.Id),
        MembersAdded = [new ChannelAccount(conversation.UserId, null, RoleTypes.User)],
        Locale = "vi-VN",
    };

    /// <summary>The person's own message as it is echoed back: ours (from the token) plus the client's id and channel data.</summary>
    public static DirectLineActivity ToEcho(DirectLineActivity posted, WebChatConversation conversation, int maxTextLength) => new()
    {
        Type = DirectLineActivityTypes.Message,
        From = new DirectLineAccount(conversation.UserId, posted.From?.Name is { Length: <= 100 } name ? name : null, RoleTypes.User),
        Text = posted.Text is { } text && text.Length > maxTextLength ? text[..maxTextLength] : posted.Text,
        TextFormat = "plain",
        Locale = posted.Locale is { Length: <= 20 } locale ? locale : null,
        ChannelData = posted.ChannelData is { ValueKind: not JsonValueKind.Undefined } data ? data.Clone() : null,
    };

    /// <summary>A reply of the bot; choices (imBack actions) become suggested actions, which Web Chat shows as buttons.</summary>
    public static DirectLineActivity? FromBotActivity(Activity activity, string? replyToId)
    {
        var from = new DirectLineAccount(BotId, BotName, RoleTypes.Bot);
        if (activity.Type == ActivityTypes.Typing)
        {
            return new DirectLineActivity { Type = DirectLineActivityTypes.Typing, From = from, ReplyToId = replyToId };
        }

        if (activity.Type != ActivityTypes.Message || string.IsNullOrEmpty(activity.Text))
        {
            return null;
        }

        var actions = activity.SuggestedActions?.Actions?
            .Select(action => (Title: action.Title ?? action.Value?.ToString(), Value: action.Value?.ToString() ?? action.Title))
            .Where(action => !string.IsNullOrEmpty(action.Title) && !string.IsNullOrEmpty(action.Value))
            .Select(action => new DirectLineCardAction(ActionTypes.ImBack, action.Title!, action.Value!))
            .ToList();
        return new DirectLineActivity
        {
            Type = DirectLineActivityTypes.Message,
            From = from,
            Text = activity.Text,
            TextFormat = "plain",
            Locale = "vi-VN",
            ReplyToId = replyToId,
            InputHint = actions is { Count: > 0 } ? "expectingInput" : "acceptingInput",
            SuggestedActions = actions is { Count: > 0 } ? new DirectLineSuggestedActions(actions) : null,
            // The page gets the link, never the bytes: the link is made for this person and expires.
            Attachments = PcgdBot.Channels.ChannelFile.From(activity) is { } file ? [new DirectLineAttachment(file.MediaType, file.Link, file.Name)] : null,
        };
    }
}
