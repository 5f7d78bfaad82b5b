using System.Net.Http.Json;

namespace PcgdBot.Host.Tests.Support;

/// <summary>Activities as the Bot Framework Emulator posts them to /api/messages (no auth, a local serviceUrl).</summary>
public static class EmulatorActivities
{
    public const string UserId = "emulator-user-1";
    public const string UserName = "Người dùng";
    public const string BotId = "pcgdbot-1";

    // Emulator conversation ids contain "|", which the Connector client escapes in reply URLs.
    public static string NewConversationId() => $"{Guid.NewGuid():N}|livechat";

    public static JsonContent Message(string serviceUrl, string conversationId, string? text, string? id = null) => JsonContent.Create(new
    {
        type = "message",
        id = id ?? Guid.NewGuid().ToString("N"),
        timestamp = DateTimeOffset.UtcNow,
        localTimestamp = DateTimeOffset.Now,
        serviceUrl,
        channelId = "emulator",
        from = new { id = UserId, name = UserName, role = "user" },
        conversation = new { id = conversationId },
        recipient = new { id = BotId, name = "PcgdBot", role = "bot" },
        textFormat = "plain",
        locale = "vi-VN",
        text,
    });

    public static JsonContent MembersAdded(string serviceUrl, string conversationId, string id) => JsonContent.Create(new
    {
        type = "conversationUpdate",
        id,
        timestamp = DateTimeOffset.UtcNow,
        serviceUrl,
        channelId = "emulator",
        from = new { id = UserId, name = UserName },
        conversation = new { id = conversationId },
        recipient = new { id = BotId, name = "PcgdBot", role = "bot" },
        membersAdded = new[]
        {
            new { id = BotId, name = "PcgdBot" },
            new { id = UserId, name = UserName },
        },
    });
}
