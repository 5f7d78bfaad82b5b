using PcgdBot.Answers;

namespace PcgdBot.Conversations;

/// <summary>The bot's behaviour: one message in, the replies out. Channel- and SDK-independent.</summary>
public sealed class ChatEngine(PcgdBotContent content)
{
    public PcgdBotContent Content { get; } = content;

    public ValueTask<IReadOnlyList<ChatReply>> HandleAsync(ChatMessage message, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var answer = Content.Answers.Ask(message.Text);
        var text = answer.Kind == QuestionKind.Greeting ? Content.Answers.Greeting(message.User.Name) : answer.Text;
        return ValueTask.FromResult<IReadOnlyList<ChatReply>>([new ChatReply(text)]);
    }
}
