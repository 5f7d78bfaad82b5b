using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using PcgdBot.Conversations;

namespace PcgdBot.Host.Bot;

/// <summary>The Bot Framework edge: turns activities into <see cref="ChatMessage"/>s and the bot's replies into activities.</summary>
public sealed partial class PcgdBotTurnHandler(IChatResponder responder, UserState userState, Files.ReplyFiles files, ILogger<PcgdBotTurnHandler> logger) : ActivityHandler
{
    /// <summary>The user-state property holding where the user last talked to the bot, for messages the bot starts.</summary>
    public const string ConversationReferenceProperty = "conversationReference";

    private readonly IStatePropertyAccessor<ConversationReference> conversationReference = userState.CreateProperty<ConversationReference>(ConversationReferenceProperty);

    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        await base.OnTurnAsync(turnContext, cancellationToken);
        if (turnContext.Activity.Type == ActivityTypes.Message && turnContext.Activity.From?.Id is { Length: > 0 })
        {
            // Without the message id the reference only changes when the person moves, so most turns write nothing.
            var reference = turnContext.Activity.GetConversationReference();
            reference.ActivityId = null;
            await conversationReference.SetAsync(turnContext, reference, cancellationToken);
            await userState.SaveChangesAsync(turnContext, force: false, cancellationToken);
        }
    }

    /// <summary>What ChatEngine answers with its greeting, as Telegram's start command does.</summary>
    public const string StartCommand = "/start";

    public const string EmptyMessageReply = "Tôi chỉ đọc được tin nhắn dạng chữ. Anh/chị hãy gõ câu hỏi về Kế hoạch, hoặc \"cập nhật\" để báo cáo tiến độ.";

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var text = activity.Text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            // Attachments, stickers, empty submits: say what the bot can read instead of staying silent.
            await turnContext.SendActivityAsync(MessageFactory.Text(EmptyMessageReply), cancellationToken);
            return;
        }

        var user = new ChatUser(activity.From?.Id ?? "unknown", activity.From?.Name);
        await ReplyAsync(turnContext, ToChatMessage(activity, user, text), cancellationToken);
    }

    protected override async Task OnMembersAddedAsync(IList<ChannelAccount> membersAdded, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        foreach (var member in membersAdded.Where(member => member.Id != activity.Recipient?.Id))
        {
            await ReplyAsync(turnContext, ToChatMessage(activity, new ChatUser(member.Id, member.Name), StartCommand), cancellationToken);
        }
    }

    private async Task ReplyAsync(ITurnContext turnContext, ChatMessage message, CancellationToken cancellationToken)
    {
        LogMessage(message.ChannelId, message.ConversationId, message.User.Id);
        var replies = await responder.ReplyAsync(message, cancellationToken);
        if (replies.Count > 0)
        {
            await turnContext.SendActivitiesAsync([.. replies.Select(reply => ToActivity(reply, message))], cancellationToken);
        }
    }

    /// <summary>
    /// In a group chat each person has a conversation of their own with the bot (their dialog, their reports);
    /// the replies still go to the group.
    /// </summary>
    private static ChatMessage ToChatMessage(IActivity activity, ChatUser user, string text)
    {
        var conversationId = activity.Conversation?.Id ?? user.Id;
        if (activity.Conversation?.IsGroup == true)
        {
            conversationId += ":" + user.Id;
        }

        return new(activity.ChannelId ?? "unknown", conversationId, user, text);
    }

    /// <summary>
    /// A reply as a message; choices become imBack buttons, which Emulator and Web Chat show as suggested actions. A file
    /// becomes an attachment with its bytes and a download link for this person; each adapter sends what its platform takes.
    /// </summary>
    private IActivity ToActivity(ChatReply reply, ChatMessage message)
    {
        var activity = ToActivity(reply);
        if (reply.File is { } file)
        {
            activity.Attachments = [files.ToAttachment(file, message.ChannelId, message.User.Id)];
        }

        return activity;
    }

    /// <summary>A reply's text and choices as a message.</summary>
    public static IMessageActivity ToActivity(ChatReply reply)
    {
        var activity = MessageFactory.Text(reply.Text);
        if (reply.Choices.Count > 0)
        {
            activity.SuggestedActions = new SuggestedActions
            {
                Actions = [.. reply.Choices.Select(choice => new CardAction(ActionTypes.ImBack, title: choice, value: choice))],
            };
        }

        return activity;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Message on {ChannelId} in conversation {ConversationId} from {UserId}")]
    private partial void LogMessage(string channelId, string conversationId, string userId);
}
