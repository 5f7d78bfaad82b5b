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

    /// <summary>A file sent with the text (the consolidated report); channels without uploads give a download link.</summary>
    public ChatFile? File { get; init; }
}

/// <summary>A file the bot sends: its name as the person sees it, its media type and its bytes.</summary>
public sealed record ChatFile(string Name, string MediaType, byte[] Content);
