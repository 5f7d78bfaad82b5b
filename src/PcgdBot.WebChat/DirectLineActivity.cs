using System.Text.Json;
using System.Text.Json.Serialization;

namespace PcgdBot.WebChat;

/// <summary>
/// An activity as the Direct Line 3.0 protocol carries it, limited to what Web Chat sends and shows. Our own shape: the
/// Bot Framework's Activity appears only where the bot's pipeline runs (<see cref="WebChatActivityMapper"/>).
/// </summary>
public sealed record DirectLineActivity
{
    public string Type { get; init; } = DirectLineActivityTypes.Message;

    public string? Id { get; init; }

    public DateTimeOffset? Timestamp { get; init; }

    public string? ChannelId { get; init; }

    public DirectLineAccount? From { get; init; }

    public DirectLineConversation? Conversation { get; init; }

    public string? Text { get; init; }

    public string? TextFormat { get; init; }

    public string? Locale { get; init; }

    public string? ReplyToId { get; init; }

    public string? Name { get; init; }

    public string? InputHint { get; init; }

    public DirectLineSuggestedActions? SuggestedActions { get; init; }

    /// <summary>Files as download links (Web Chat shows each as a file to tap).</summary>
    public IReadOnlyList<DirectLineAttachment>? Attachments { get; init; }

    /// <summary>Echoed unchanged: Web Chat finds its own message by <c>channelData.clientActivityID</c>.</summary>
    public JsonElement? ChannelData { get; init; }
}

public static class DirectLineActivityTypes
{
    public const string Message = "message";
    public const string Typing = "typing";
    public const string Event = "event";
}

public sealed record DirectLineAccount(string Id, string? Name = null, string? Role = null);

public sealed record DirectLineConversation(string Id);

public sealed record DirectLineSuggestedActions(IReadOnlyList<DirectLineCardAction> Actions);

public sealed record DirectLineCardAction(string Type, string Title, string Value);

/// <summary>A file the bot sends, by link: Web Chat renders it as a download.</summary>
public sealed record DirectLineAttachment(string ContentType, string ContentUrl, string Name);

/// <summary>The answer to <c>GET …/activities?watermark=</c> and each WebSocket message.</summary>
public sealed record DirectLineActivitySet(IReadOnlyList<DirectLineActivity> Activities, string Watermark);

/// <summary>The answer to token and conversation calls.</summary>
public sealed record DirectLineConversationInfo(
    string ConversationId,
    string Token,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    string? StreamUrl = null);

/// <summary>tokens/generate also hands the page the browser's identity, which it keeps in local storage.</summary>
public sealed record WebChatSession(
    string ConversationId,
    string Token,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    string UserId,
    string UserToken);

public sealed record DirectLineResourceResponse(string Id);

public sealed record DirectLineError(DirectLineErrorDetail Error);

public sealed record DirectLineErrorDetail(string Code, string Message);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DirectLineActivity))]
[JsonSerializable(typeof(DirectLineActivitySet))]
[JsonSerializable(typeof(DirectLineConversationInfo))]
[JsonSerializable(typeof(WebChatSession))]
[JsonSerializable(typeof(DirectLineResourceResponse))]
[JsonSerializable(typeof(DirectLineError))]
public sealed partial class DirectLineJson : JsonSerializerContext
{
    /// <summary>Vietnamese letters written as they are (escaped, each would take six bytes instead of two or three on slow links); served as JSON only, never inside HTML.</summary>
    public static DirectLineJson Relaxed { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
