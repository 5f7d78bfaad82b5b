namespace PcgdBot.Conversations;

/// <summary>The bot's behaviour: one message in, the replies out. Channel- and SDK-independent.</summary>
public sealed class ChatEngine(PcgdBotContent content)
{
    public PcgdBotContent Content { get; } = content;

    public ValueTask<IReadOnlyList<ChatReply>> HandleAsync(ChatMessage message, CancellationToken cancellationToken) => throw new NotImplementedException();
}
