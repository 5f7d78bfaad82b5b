using System.Globalization;
using System.Text.Json;

namespace PcgdBot.Zalo.Bot;

/// <summary>One update from the Zalo Bot Platform (webhook body or getUpdates result).</summary>
/// <param name="EventName">e.g. <c>message.text.received</c>; empty when the platform sent none.</param>
public sealed record ZaloBotUpdate(string EventName, ZaloBotMessage? Message)
{
    public const string TextReceived = "message.text.received";
    public const string ImageReceived = "message.image.received";
    public const string StickerReceived = "message.sticker.received";
    public const string UnsupportedReceived = "message.unsupported.received";
}

/// <summary>A message in an update; every part is optional on the wire, so the mapper decides what is usable.</summary>
public sealed record ZaloBotMessage(ZaloBotSender? From, ZaloBotChat? Chat, string? Text, string? MessageId, DateTimeOffset? Date);

public sealed record ZaloBotSender(string Id, string? DisplayName, bool IsBot);

/// <param name="ChatType"><c>PRIVATE</c> or <c>GROUP</c> as the platform spells it.</param>
public sealed record ZaloBotChat(string Id, string? ChatType)
{
    public bool IsGroup => ChatType is { Length: > 0 } type && !type.Equals("PRIVATE", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// Reads updates tolerantly: the documented wrapped form <c>{"ok":true,"result":{…}}</c> and the flat form live webhooks
/// are reported to use; unknown fields are skipped and ids and dates may be strings or numbers.
/// </summary>
public static class ZaloBotUpdateReader
{
    /// <summary>Dates above this are epoch milliseconds (as documented); below, seconds (Telegram's habit), should they appear.</summary>
    private const long MillisecondsFrom = 100_000_000_000;

    public static bool TryRead(string json, out ZaloBotUpdate? update)
    {
        update = null;
        if (string.IsNullOrWhiteSpace(json))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return TryRead(document.RootElement, out update);
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException or ArgumentException or FormatException)
        {
            // InvalidOperationException: a string with a lone surrogate ("\ud800") cannot be read as text.
            update = null;
            return false;
        }
    }

    /// <summary>Ids are recorded (de-duplication, identities) and must fit an index key; Zalo's are 20-odd characters.</summary>
    public const int MaxIdLength = 128;

    /// <summary>Far above what a person types in one message (Zalo sends at most a few thousand characters).</summary>
    public const int MaxTextLength = 8192;

    /// <summary>Why an update cannot be handled safely (an id too long to record, a text beyond any real message), or null.</summary>
    public static string? Problem(ZaloBotUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (update.EventName.Length > MaxIdLength)
        {
            return "event_name too long";
        }

        if (update.Message is not { } message)
        {
            return null;
        }

        if (message.MessageId is { } id && (id.Length == 0 || id.Length > MaxIdLength))
        {
            return $"message_id of {id.Length} characters";
        }

        if (message.From is { } from && (from.Id.Length == 0 || from.Id.Length > MaxIdLength || from.DisplayName?.Length > 256))
        {
            return "from.id or display_name too long";
        }

        if (message.Chat is { } chat && (chat.Id.Length == 0 || chat.Id.Length > MaxIdLength || chat.ChatType?.Length > MaxIdLength))
        {
            return "chat.id too long";
        }

        return message.Text?.Length > MaxTextLength ? "text too long" : null;
    }

    /// <summary>From an already parsed element: the wrapped envelope or the update itself.</summary>
    public static bool TryRead(JsonElement root, out ZaloBotUpdate? update)
    {
        try
        {
            return TryReadElement(root, out update);
        }
        catch (InvalidOperationException)
        {
            // A string with a lone surrogate cannot be read as text: not an update the bot can use.
            update = null;
            return false;
        }
    }

    private static bool TryReadElement(JsonElement root, out ZaloBotUpdate? update)
    {
        update = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        if (root.TryGetProperty("result", out var result))
        {
            // An envelope: {"ok":false,…} or a result that is not an object carries no update.
            if ((root.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.False) || result.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            root = result;
        }

        var eventName = Text(root, "event_name");
        var message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.Object ? Message(m) : null;
        if (eventName is null && message is null)
        {
            return false;
        }

        update = new ZaloBotUpdate(eventName ?? string.Empty, message);
        return true;
    }

    private static ZaloBotMessage Message(JsonElement message)
    {
        ZaloBotSender? from = null;
        if (message.TryGetProperty("from", out var f) && f.ValueKind == JsonValueKind.Object && Text(f, "id") is { } fromId)
        {
            from = new ZaloBotSender(fromId, Text(f, "display_name"), Flag(f, "is_bot"));
        }

        ZaloBotChat? chat = null;
        if (message.TryGetProperty("chat", out var c) && c.ValueKind == JsonValueKind.Object && Text(c, "id") is { } chatId)
        {
            chat = new ZaloBotChat(chatId, Text(c, "chat_type"));
        }

        return new ZaloBotMessage(from, chat, Text(message, "text"), Text(message, "message_id"), Date(message, "date"));
    }

    /// <summary>A string, or a number as written (ids beyond 2^53 keep every digit).</summary>
    private static string? Text(JsonElement owner, string name) =>
        owner.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    private static bool Flag(JsonElement owner, string name) =>
        owner.TryGetProperty(name, out var value)
        && (value.ValueKind == JsonValueKind.True || (value.ValueKind == JsonValueKind.String && bool.TryParse(value.GetString(), out var parsed) && parsed));

    private static DateTimeOffset? Date(JsonElement owner, string name)
    {
        if (Text(owner, name) is not { } text || !long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            return null;
        }

        try
        {
            return value >= MillisecondsFrom ? DateTimeOffset.FromUnixTimeMilliseconds(value) : DateTimeOffset.FromUnixTimeSeconds(value);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
