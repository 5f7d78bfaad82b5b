using System.Net;
using System.Text.Json;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace PcgdBot.Telegram.Tests.StandIn;

/// <summary>
/// A message the bot made visible: a successful sendMessage, editMessageText or editMessageReplyMarkup.
/// <see cref="Text"/> is what the bot sent (with markup); <see cref="PlainText"/> what a user sees after
/// Telegram's entity parsing (tags removed, &amp;lt; decoded, trimmed).
/// </summary>
public sealed record SentMessage(
    string Method,
    long ChatId,
    int MessageId,
    string? Text,
    string? PlainText,
    string? ParseMode,
    string? ReplyMarkupJson,
    int? ReplyToMessageId,
    int? MessageThreadId,
    bool DisableNotification,
    IReadOnlyList<StandInEntity> Entities,
    string RequestJson,
    string ResultJson,
    DateTimeOffset At)
{
    /// <summary>callback_data of every inline button, row by row (empty when there is no inline keyboard).</summary>
    public IReadOnlyList<string> CallbackData
    {
        get
        {
            if (ReplyMarkupJson is null)
            {
                return [];
            }

            using var doc = JsonDocument.Parse(ReplyMarkupJson);
            if (!doc.RootElement.TryGetProperty("inline_keyboard", out var rows))
            {
                return [];
            }

            return rows.EnumerateArray()
                .SelectMany(r => r.EnumerateArray())
                .Where(b => b.TryGetProperty("callback_data", out _))
                .Select(b => b.GetProperty("callback_data").GetString()!)
                .ToList();
        }
    }

    /// <summary>The Bot API's answer (a Message) as Telegram.Bot reads it.</summary>
    public Message ToMessage() => JsonSerializer.Deserialize<Message>(ResultJson, JsonBotAPI.Options)!;
}

/// <summary>Every request that reached the stand-in (after the token check).</summary>
/// <param name="Method">Canonical method name (e.g. "sendMessage"), or the name as requested if unknown.</param>
/// <param name="StatusCode">HTTP status answered; 0 when the connection was aborted on purpose.</param>
public sealed record ApiCall(string Method, string ParametersJson, int StatusCode, string? Description, bool ViaWebhookReply, DateTimeOffset At);

/// <summary>The webhook as set by setWebhook.</summary>
public sealed record WebhookState(string Url, string? SecretToken, IReadOnlyList<string>? AllowedUpdates, int MaxConnections, string? IpAddress);

/// <summary>An answerCallbackQuery call.</summary>
public sealed record CallbackAnswer(string CallbackQueryId, string? Text, bool ShowAlert, string? Url, int? CacheTime, DateTimeOffset At);

/// <summary>A sendChatAction call.</summary>
public sealed record ChatActionSent(long ChatId, string Action, int? MessageThreadId, DateTimeOffset At);

/// <summary>One push of an update to the webhook.</summary>
public sealed record WebhookDelivery(long UpdateId, HttpStatusCode? StatusCode, string? Error, string? ReplyMethod, DateTimeOffset At);

/// <summary>An update put in the stand-in's queue.</summary>
public sealed record QueuedUpdate(long UpdateId, string Json)
{
    /// <summary>The update as a JSON element (a clone, safe to keep).</summary>
    public JsonElement Element
    {
        get
        {
            using var doc = JsonDocument.Parse(Json);
            return doc.RootElement.Clone();
        }
    }

    /// <summary>The update as Telegram.Bot deserialises it.</summary>
    public Update ToUpdate() => JsonSerializer.Deserialize<Update>(Json, JsonBotAPI.Options)!;

    public override string ToString() => Json;
}

/// <summary>How one request's body was framed: its Content-Length (null when none) and Transfer-Encoding ("" when none).</summary>
public sealed record RequestFraming(string Path, string HttpMethod, long? ContentLength, string TransferEncoding)
{
    /// <summary>A POST with a body length and without chunking (GETs have no body).</summary>
    public bool HasContentLength => HttpMethod != "POST" || (ContentLength is not null && !TransferEncoding.Contains("chunked", StringComparison.OrdinalIgnoreCase));
}

/// <summary>A successful sendDocument: the uploaded file as the chat receives it.</summary>
public sealed record SentDocument(long ChatId, int MessageId, string FileName, string? ContentType, byte[] Content, string? Caption, DateTimeOffset At);
