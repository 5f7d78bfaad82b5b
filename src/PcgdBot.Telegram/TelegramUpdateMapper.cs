using System.Text.RegularExpressions;
using Microsoft.Bot.Schema;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace PcgdBot.Telegram;

/// <summary>What an update means for the bot.</summary>
internal enum UpdateMeaning
{
    /// <summary>Nothing for the bot: edited messages, group chatter not addressed to it, channel posts, unknown kinds.</summary>
    Ignore,

    /// <summary>A message (or a button press) for the bot.</summary>
    Message,

    /// <summary>The bot was added to a chat.</summary>
    BotAdded,

    /// <summary>The person blocked the bot (my_chat_member "kicked" in a private chat).</summary>
    Blocked,
}

internal sealed record MappedUpdate(UpdateMeaning Meaning, Activity? Activity, string? CallbackQueryId = null, long? ChatId = null, string? Why = null);

/// <summary>Telegram updates → Bot Framework activities. Pure: no I/O.</summary>
internal static partial class TelegramUpdateMapper
{
    public const string ChannelId = "telegram";

    /// <summary>Telegram's own limits, with room: a text longer than this did not come from Telegram.</summary>
    public const int MaxTextLength = 2 * 4096;

    /// <summary>First and last names are at most 64 characters on Telegram, usernames 32.</summary>
    public const int MaxNameLength = 256;

    /// <summary>What makes an update unusable (a part the mapping needs is missing, a field beyond Telegram's limits), or null.</summary>
    public static string? Problem(Update update)
    {
        if (update.Id <= 0)
        {
            return "update_id missing or not positive";
        }

        if (update.Message is { } message)
        {
            if (message.Chat is null)
            {
                return "message without chat";
            }

            if (message.Text?.Length > MaxTextLength || message.Caption?.Length > MaxTextLength)
            {
                return "message text longer than Telegram allows";
            }

            if (TooLong(message.From) || TooLong(message.ReplyToMessage?.From) || message.Chat.Title?.Length > MaxNameLength
                || message.NewChatMembers?.Any(TooLong) == true)
            {
                return "a name longer than Telegram allows";
            }
        }

        if (update.CallbackQuery is { } callback)
        {
            if (callback.From is null || string.IsNullOrEmpty(callback.Id) || callback.Id.Length > MaxNameLength || TooLong(callback.From))
            {
                return "callback_query without a usable id or sender";
            }

            if (callback.Data?.Length > MaxNameLength || (callback.Message is { } pressed && pressed.Chat is null))
            {
                return "callback_query with data or message Telegram would not send";
            }
        }

        if (update.MyChatMember is { } member && (member.Chat is null || member.NewChatMember is null))
        {
            return "my_chat_member without chat or new member";
        }

        return null;
    }

    private static bool TooLong(User? user) =>
        user is not null && (user.FirstName?.Length > MaxNameLength || user.LastName?.Length > MaxNameLength || user.Username?.Length > MaxNameLength || user.LanguageCode?.Length > 35);

    public static MappedUpdate Map(Update update, User bot)
    {
        if (Problem(update) is { } problem)
        {
            return new MappedUpdate(UpdateMeaning.Ignore, null, Why: problem);
        }

        if (update.CallbackQuery is { } callback)
        {
            return FromCallback(update, callback, bot);
        }

        if (update.Message is { } message)
        {
            return FromMessage(update, message, bot);
        }

        if (update.MyChatMember is { Chat.Type: ChatType.Private, NewChatMember.Status: ChatMemberStatus.Kicked } blocked)
        {
            return new MappedUpdate(UpdateMeaning.Blocked, null, ChatId: blocked.Chat.Id, Why: "blocked");
        }

        // Edits would re-run a step the person already took; channel posts and other kinds are not for this bot.
        return new MappedUpdate(UpdateMeaning.Ignore, null, Why: update.Type.ToString());
    }

    private static MappedUpdate FromMessage(Update update, Message message, User bot)
    {
        if (message.From is not { } from || from.IsBot)
        {
            return new MappedUpdate(UpdateMeaning.Ignore, null, Why: "no human sender");
        }

        var isGroup = message.Chat.Type is ChatType.Group or ChatType.Supergroup;
        if (message.NewChatMembers is { Length: > 0 } joined)
        {
            if (!joined.Any(m => m.Id == bot.Id))
            {
                return new MappedUpdate(UpdateMeaning.Ignore, null, Why: "other members joined");
            }

            var added = Base(update, message.Chat, from, bot, ActivityTypes.ConversationUpdate);
            added.MembersAdded = [Account(bot), Account(from)];
            return new MappedUpdate(UpdateMeaning.BotAdded, added);
        }

        var text = message.Text;
        if (text is null)
        {
            // A sticker or photo in a private chat gets told the bot reads text; in a group it is not for the bot.
            return isGroup
                ? new MappedUpdate(UpdateMeaning.Ignore, null, Why: "group message without text")
                : new MappedUpdate(UpdateMeaning.Message, Text(Base(update, message.Chat, from, bot, ActivityTypes.Message), string.Empty));
        }

        var addressed = Address(text, message, bot, isGroup);
        if (addressed is null)
        {
            return new MappedUpdate(UpdateMeaning.Ignore, null, Why: "not addressed to the bot");
        }

        return new MappedUpdate(UpdateMeaning.Message, Text(Base(update, message.Chat, from, bot, ActivityTypes.Message), addressed));
    }

    private static MappedUpdate FromCallback(Update update, CallbackQuery callback, User bot)
    {
        var chat = callback.Message?.Chat ?? new Chat { Id = callback.From.Id, Type = ChatType.Private };
        var text = ButtonText(callback) ?? callback.Data ?? string.Empty;
        var activity = Text(Base(update, chat, callback.From, bot, ActivityTypes.Message), text);
        return new MappedUpdate(UpdateMeaning.Message, activity, callback.Id);
    }

    /// <summary>A pressed button's text, found by its number in the keyboard of the message it belongs to.</summary>
    private static string? ButtonText(CallbackQuery callback)
    {
        if (callback.Data is not { } data || callback.Message?.ReplyMarkup?.InlineKeyboard is not { } rows)
        {
            return null;
        }

        return rows.SelectMany(row => row).FirstOrDefault(button => button.CallbackData == data)?.Text;
    }

    /// <summary>
    /// The text meant for the bot, or null when the message is not for it: in a group, only commands (for this bot or
    /// for all bots), messages naming @bot and replies to the bot's messages. "/cmd@bot" loses the bot's name;
    /// "/start CODE" (a Telegram deep link) registers with the code.
    /// </summary>
    internal static string? Address(string text, Message message, User bot, bool isGroup)
    {
        var trimmed = text.Trim();
        if (trimmed.StartsWith('/'))
        {
            var command = Command().Match(trimmed);
            if (command.Success && command.Groups["bot"].Success
                && !string.Equals(command.Groups["bot"].Value, bot.Username, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            var rest = trimmed[command.Length..].Trim();
            var name = command.Groups["name"].Value;
            if (name.Equals("start", StringComparison.OrdinalIgnoreCase) && DeepLinkCode().IsMatch(rest))
            {
                return "đăng ký " + rest;
            }

            return rest.Length > 0 ? $"/{name} {rest}" : "/" + name;
        }

        if (!isGroup)
        {
            return trimmed;
        }

        if (bot.Username is { Length: > 0 } username && trimmed.Contains("@" + username, StringComparison.OrdinalIgnoreCase))
        {
            var without = Regex.Replace(trimmed, "@" + Regex.Escape(username) + @"\b[:,]?", " ", RegexOptions.IgnoreCase);
            return Spaces().Replace(without, " ").Trim(' ', ',', ':');
        }

        return message.ReplyToMessage?.From?.Id == bot.Id ? trimmed : null;
    }

    private static Activity Base(Update update, Chat chat, User from, User bot, string type) => new()
    {
        Type = type,
        Id = update.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ChannelId = ChannelId,
        ServiceUrl = ChannelId,
        Timestamp = DateTimeOffset.UtcNow,
        From = Account(from),
        Recipient = Account(bot),
        Conversation = new ConversationAccount(
            isGroup: chat.Type is ChatType.Group or ChatType.Supergroup,
            id: chat.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            name: chat.Title is { } title ? Channels.ChannelText.Clean(title) : null),
        Locale = from.LanguageCode ?? "vi",
        ChannelData = update,
    };

    private static Activity Text(Activity activity, string text)
    {
        activity.Text = Channels.ChannelText.Clean(text);
        activity.TextFormat = TextFormatTypes.Plain;
        return activity;
    }

    private static ChannelAccount Account(User user) => new(
        user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Channels.ChannelText.Clean(string.Join(' ', new[] { user.FirstName, user.LastName }.Where(n => !string.IsNullOrWhiteSpace(n)))),
        user.IsBot ? RoleTypes.Bot : RoleTypes.User);

    [GeneratedRegex(@"^/(?<name>[A-Za-z0-9_]+)(@(?<bot>[A-Za-z0-9_]+))?")]
    private static partial Regex Command();

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^[A-Za-z0-9]{8}$")]
    private static partial Regex DeepLinkCode();
}
