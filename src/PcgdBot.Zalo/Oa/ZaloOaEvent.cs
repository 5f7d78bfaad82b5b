using System.Text.Json;

namespace PcgdBot.Zalo.Oa;

/// <summary>The parts of a Zalo OA webhook event the bot uses. Unknown fields and event kinds are tolerated.</summary>
/// <param name="Key">What makes the event unique: its msg_id, or for follow/unfollow the event, follower and time.</param>
/// <param name="UserId">The OA-scoped id of the person (sender.id, or follower.id).</param>
/// <param name="OaId">The OA the event is for (recipient.id, or oa_id).</param>
/// <param name="FromAdmin">An echo of something a human admin sent from the OA's chat tool (sender.admin_id).</param>
public sealed record ZaloOaEvent(string EventName, string AppId, string Timestamp, string Key, string? UserId, string? OaId, string? Text, bool FromAdmin)
{
    public bool IsUserMessage => EventName.StartsWith("user_send_", StringComparison.Ordinal);

    public bool IsEcho => EventName.StartsWith("oa_send_", StringComparison.Ordinal);

    /// <summary>Ids are recorded (inbox keys, identities) and must fit an index key; Zalo's are about 20 characters.</summary>
    public const int MaxIdLength = 128;

    /// <summary>A key without msg_id is "event:user:timestamp".</summary>
    public const int MaxKeyLength = 2 * MaxIdLength + 64;

    /// <summary>Far above what a person can send in one Zalo message.</summary>
    public const int MaxTextLength = 8192;

    /// <summary>The event's time (epoch milliseconds), false when missing, not a number, or not a representable time (beyond year 9999).</summary>
    public static bool TryTime(string timestamp, out DateTimeOffset at)
    {
        at = default;
        if (timestamp.Length is 0 or > 19 || !long.TryParse(timestamp, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ms)
            || ms > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            return false;
        }

        at = DateTimeOffset.FromUnixTimeMilliseconds(ms);
        return true;
    }

    /// <summary>Reads an event; null when the body is not a Zalo event at all.</summary>
    public static ZaloOaEvent? TryRead(string rawBody)
    {
        try
        {
            using var document = JsonDocument.Parse(rawBody);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Field(root, "event_name") is not { } eventName)
            {
                return null;
            }

            var appId = Field(root, "app_id") ?? string.Empty;
            var timestamp = Field(root, "timestamp") ?? string.Empty;
            string? userId;
            string? oaId;
            var fromAdmin = false;
            if (eventName.StartsWith("oa_send_", StringComparison.Ordinal) || eventName is "user_received_message" or "user_seen_message")
            {
                // Events about what the OA sent: sender is the OA, recipient the person.
                userId = Field(root, "recipient", "id");
                oaId = Field(root, "sender", "id") ?? Field(root, "oa_id");
                fromAdmin = Field(root, "sender", "admin_id") is not null;
            }
            else if (eventName is "follow" or "unfollow")
            {
                userId = Field(root, "follower", "id");
                oaId = Field(root, "oa_id") ?? Field(root, "recipient", "id");
            }
            else
            {
                userId = Field(root, "sender", "id");
                oaId = Field(root, "recipient", "id") ?? Field(root, "oa_id");
            }

            var message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
            var msgId = message.ValueKind == JsonValueKind.Object ? Field(message, "msg_id") : null;
            var text = message.ValueKind == JsonValueKind.Object ? Field(message, "text") : null;
            var key = msgId ?? $"{eventName}:{userId}:{timestamp}";
            return new ZaloOaEvent(eventName, appId, timestamp, key, userId, oaId, text, fromAdmin);
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException or ArgumentException)
        {
            // InvalidOperationException: a string with a lone surrogate ("\ud800") cannot be read as text.
            return null;
        }
    }

    /// <summary>A string or number at a path, as text (Zalo sends ids and timestamps either way).</summary>
    private static string? Field(JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element.ValueKind switch
        {
            JsonValueKind.String => element.GetString(),
            JsonValueKind.Number => element.GetRawText(),
            _ => null,
        };
    }
}
