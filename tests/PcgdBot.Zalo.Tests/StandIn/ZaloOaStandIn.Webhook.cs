using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PcgdBot.Zalo.Tests.StandIn;

/// <summary>The stand-in as Zalo posting OA webhook events to the bot.</summary>
public sealed partial class ZaloOaStandIn
{
    public const string SignatureHeader = "X-ZEvent-Signature";
    public const string DefaultAdminId = "5183291820468411025";

    /// <summary>"mac=" + lower-case hex SHA-256(AppId + rawBody + timestamp + OaSecretKey), over UTF-8.</summary>
    public string Sign(string rawBody, string timestamp) =>
        "mac=" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(AppId + rawBody + timestamp + OaSecretKey)));

    /// <summary>
    /// POSTs <paramref name="rawBody"/> byte for byte (UTF-8, Content-Type application/json) to <paramref name="url"/>
    /// with <c>X-ZEvent-Signature</c>: <paramref name="signatureOverride"/> if given, else <see cref="Sign"/> over the
    /// body's own <c>timestamp</c> field when <paramref name="sign"/>, else no header. The caller disposes the answer.
    /// </summary>
    public async Task<HttpResponseMessage> PostWebhookAsync(string url, string rawBody, bool sign = true, string? signatureOverride = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(rawBody)) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        var signature = signatureOverride ?? (sign ? Sign(rawBody, TimestampOf(rawBody)) : null);
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation(SignatureHeader, signature);
        }

        return await _webhookClient.SendAsync(request);
    }

    /// <summary>The user id for this app that events carry (set by <see cref="SetUserIdByApp"/> or derived: 18 digits).</summary>
    public string UserIdByApp(string userId)
    {
        lock (Gate)
        {
            if (_userIdsByApp.TryGetValue(userId, out var known))
            {
                return known;
            }
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(AppId + "/" + userId));
        return (100_000_000_000_000_000UL + (BitConverter.ToUInt64(hash, 0) % 900_000_000_000_000_000UL)).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary><c>user_send_text</c>; <paramref name="msgId"/> defaults to a new 20-hex id.</summary>
    public string UserSendText(string userId, string text, string? oaId = null, string? msgId = null) =>
        UserEvent("user_send_text", userId, oaId, new JsonObject { ["text"] = text, ["msg_id"] = msgId ?? LoopbackServer.NewHexId() });

    /// <summary><c>user_send_image</c> with one image attachment (and the caption as <c>text</c> when given).</summary>
    public string UserSendImage(string userId, string imageUrl = "https://photo-stal.zadn.vn/test/image.jpg", string? caption = null, string? oaId = null, string? msgId = null)
    {
        var message = new JsonObject();
        if (caption is not null)
        {
            message["text"] = caption;
        }

        message["msg_id"] = msgId ?? LoopbackServer.NewHexId();
        message["attachments"] = new JsonArray(new JsonObject
        {
            ["type"] = "image",
            ["payload"] = new JsonObject { ["thumbnail"] = imageUrl, ["url"] = imageUrl },
        });
        return UserEvent("user_send_image", userId, oaId, message);
    }

    /// <summary><c>user_send_sticker</c> with one sticker attachment.</summary>
    public string UserSendSticker(string userId, string stickerId = "bfe458bf64fa8da4d4eb", string? oaId = null, string? msgId = null) =>
        UserEvent("user_send_sticker", userId, oaId, new JsonObject
        {
            ["msg_id"] = msgId ?? LoopbackServer.NewHexId(),
            ["attachments"] = new JsonArray(new JsonObject
            {
                ["type"] = "sticker",
                ["payload"] = new JsonObject { ["id"] = stickerId, ["url"] = $"https://zalo-api.zadn.vn/api/emoticon/sticker/webpc?eid={stickerId}&size=130" },
            }),
        });

    /// <summary>
    /// Echo <c>oa_send_text</c>: what the OA sent to <paramref name="userId"/>. <c>sender.admin_id</c> only when
    /// <paramref name="byAdmin"/> (a person answered from the OA chat tool; the bot must ignore the other echoes).
    /// </summary>
    public string OaSendText(string userId, string text, bool byAdmin, string? oaId = null, string? msgId = null)
    {
        var sender = new JsonObject { ["id"] = oaId ?? OaId };
        if (byAdmin)
        {
            sender["admin_id"] = DefaultAdminId;
        }

        return Serialize(new JsonObject
        {
            ["app_id"] = AppId,
            ["sender"] = sender,
            ["user_id_by_app"] = UserIdByApp(userId),
            ["recipient"] = new JsonObject { ["id"] = userId },
            ["event_name"] = "oa_send_text",
            ["message"] = new JsonObject { ["text"] = text, ["msg_id"] = msgId ?? LoopbackServer.NewHexId() },
            ["timestamp"] = TimestampNow(),
        });
    }

    public string Follow(string userId, string? oaId = null) => FollowEvent("follow", userId, oaId);

    public string Unfollow(string userId, string? oaId = null) => FollowEvent("unfollow", userId, oaId);

    /// <summary>
    /// <c>user_seen_message</c> (sender is the OA, recipient the user); <paramref name="msgIds"/> defaults to the ids
    /// of the messages sent to the user so far.
    /// </summary>
    public string UserSeenMessage(string userId, IReadOnlyList<string>? msgIds = null, string? oaId = null)
    {
        var ids = msgIds ?? [.. SentTo(userId).Select(s => s.MessageId)];
        return Serialize(new JsonObject
        {
            ["app_id"] = AppId,
            ["sender"] = new JsonObject { ["id"] = oaId ?? OaId },
            ["user_id_by_app"] = UserIdByApp(userId),
            ["recipient"] = new JsonObject { ["id"] = userId },
            ["event_name"] = "user_seen_message",
            ["message"] = new JsonObject { ["msg_ids"] = new JsonArray([.. ids.Select(i => (JsonNode)JsonValue.Create(i))]) },
            ["timestamp"] = TimestampNow(),
        });
    }

    /// <summary>The body's top-level <c>timestamp</c> as a string ("" when missing or not JSON).</summary>
    public static string TimestampOf(string rawBody)
    {
        try
        {
            using var doc = JsonDocument.Parse(rawBody);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("timestamp", out var t)
                ? t.ValueKind == JsonValueKind.String ? t.GetString() ?? string.Empty : t.GetRawText()
                : string.Empty;
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException)
        {
            // Not JSON, or a timestamp with a lone surrogate: Zalo would sign over nothing usable either.
            return string.Empty;
        }
    }

    // Field order follows the reference body: app_id, sender, user_id_by_app, recipient, event_name, message, timestamp.
    private string UserEvent(string eventName, string userId, string? oaId, JsonObject message) => Serialize(new JsonObject
    {
        ["app_id"] = AppId,
        ["sender"] = new JsonObject { ["id"] = userId },
        ["user_id_by_app"] = UserIdByApp(userId),
        ["recipient"] = new JsonObject { ["id"] = oaId ?? OaId },
        ["event_name"] = eventName,
        ["message"] = message,
        ["timestamp"] = TimestampNow(),
    });

    private string FollowEvent(string eventName, string userId, string? oaId) => Serialize(new JsonObject
    {
        ["oa_id"] = oaId ?? OaId,
        ["follower"] = new JsonObject { ["id"] = userId },
        ["user_id_by_app"] = UserIdByApp(userId),
        ["event_name"] = eventName,
        ["app_id"] = AppId,
        ["timestamp"] = TimestampNow(),
    });

    private string TimestampNow() => Time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    private static string Serialize(JsonObject o) => o.ToJsonString(LoopbackServer.JsonOut);
}
