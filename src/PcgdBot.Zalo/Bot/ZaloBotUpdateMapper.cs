using PcgdBot.Channels;
using Microsoft.Bot.Schema;

namespace PcgdBot.Zalo.Bot;

/// <summary>What an update means for the bot.</summary>
internal enum ZaloBotUpdateMeaning
{
    /// <summary>Nothing for the bot: unknown events, messages from bots or without a sender.</summary>
    Ignore,

    /// <summary>A text message: the bot runs.</summary>
    Message,

    /// <summary>A picture, sticker or something the platform cannot show: the adapter itself says the bot reads text only.</summary>
    NotText,
}

internal sealed record MappedZaloBotUpdate(ZaloBotUpdateMeaning Meaning, Activity? Activity, string? Why = null);

/// <summary>Zalo Bot Platform updates → Bot Framework activities. Pure: no I/O.</summary>
internal static class ZaloBotUpdateMapper
{
    public const string ChannelId = "zalo-bot";

    /// <summary>The answer to anything that is not text; the dialogs never see such messages.</summary>
    public const string NotTextReply = "Xin lỗi, tôi chỉ đọc được tin nhắn dạng chữ. Anh/chị vui lòng gõ câu hỏi hoặc \"cập nhật\" để báo cáo.";

    public static MappedZaloBotUpdate Map(ZaloBotUpdate update, ChannelAccount bot)
    {
        var meaning = update.EventName switch
        {
            ZaloBotUpdate.TextReceived => ZaloBotUpdateMeaning.Message,
            ZaloBotUpdate.ImageReceived or ZaloBotUpdate.StickerReceived or ZaloBotUpdate.UnsupportedReceived => ZaloBotUpdateMeaning.NotText,
            _ => ZaloBotUpdateMeaning.Ignore,
        };
        if (meaning == ZaloBotUpdateMeaning.Ignore)
        {
            return new MappedZaloBotUpdate(meaning, null, update.EventName.Length > 0 ? update.EventName : "no event_name");
        }

        if (update.Message is not { From: { } from } message)
        {
            return new MappedZaloBotUpdate(ZaloBotUpdateMeaning.Ignore, null, "no sender");
        }

        if (from.IsBot)
        {
            // Another bot (or this one echoed back) must not start a conversation of replies between bots.
            return new MappedZaloBotUpdate(ZaloBotUpdateMeaning.Ignore, null, "sent by a bot");
        }

        if (meaning == ZaloBotUpdateMeaning.Message && string.IsNullOrWhiteSpace(message.Text))
        {
            return new MappedZaloBotUpdate(ZaloBotUpdateMeaning.Ignore, null, "text message without text");
        }

        // A private chat's id is the person's id; should the chat be missing, the reply goes to the sender.
        var chat = message.Chat ?? new ZaloBotChat(from.Id, "PRIVATE");
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Id = message.MessageId,
            ChannelId = ChannelId,
            ServiceUrl = ChannelId,
            Timestamp = message.Date ?? DateTimeOffset.UtcNow,
            From = new ChannelAccount(from.Id, from.DisplayName is { } name ? ChannelText.Clean(name) : null, RoleTypes.User),
            Recipient = new ChannelAccount(bot.Id, bot.Name, RoleTypes.Bot),
            Conversation = new ConversationAccount(isGroup: chat.IsGroup, id: chat.Id),
            Locale = "vi",
            Text = meaning == ZaloBotUpdateMeaning.Message ? ChannelText.Clean(message.Text!.Trim()) : string.Empty,
            TextFormat = TextFormatTypes.Plain,
            ChannelData = update,
        };
        return new MappedZaloBotUpdate(meaning, activity);
    }
}
