namespace PcgdBot.Conversations;

/// <summary>Who wrote a message, as the channel knows them.</summary>
public sealed record ChatUser(string Id, string? Name = null);

/// <summary>A message from a person, independent of the channel it came on.</summary>
/// <param name="ChannelId">"telegram", "zalo", "emulator", "cli", …</param>
public sealed record ChatMessage(string ChannelId, string ConversationId, ChatUser User, string Text);

/// <summary>One reply of the bot; <paramref name="Choices"/> are offered as buttons where the channel has them.</summary>
public sealed record ChatReply(string Text, IReadOnlyList<string> Choices)
{
    public ChatReply(string text) : this(text, []) { }
}
