using PcgdBot.Conversations;

namespace PcgdBot.Host.Bot;

/// <summary>
/// What the Bot Framework turn handler asks for replies. The seam between the channel edge and the bot's logic:
/// production uses <see cref="ChatEngine"/>; tests can exercise the Bot Framework plumbing with a stand-in.
/// </summary>
public interface IChatResponder
{
    ValueTask<IReadOnlyList<ChatReply>> ReplyAsync(ChatMessage message, CancellationToken cancellationToken);
}

/// <summary>Replies with the bot's <see cref="ChatEngine"/>.</summary>
public sealed class ChatEngineResponder(ChatEngine engine) : IChatResponder
{
    public ValueTask<IReadOnlyList<ChatReply>> ReplyAsync(ChatMessage message, CancellationToken cancellationToken) =>
        engine.HandleAsync(message, cancellationToken);
}
