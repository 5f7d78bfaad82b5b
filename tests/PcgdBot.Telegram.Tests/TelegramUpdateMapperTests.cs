using Microsoft.Bot.Schema;
using PcgdBot.Telegram;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace PcgdBot.Telegram.Tests;

public sealed class TelegramUpdateMapperTests
{
    private static readonly User Bot = new() { Id = 123456, IsBot = true, FirstName = "PcgdBot", Username = "PcgdBot" };
    private static readonly User Lan = new() { Id = 5123456789, FirstName = "Lan", LastName = "Nguyễn" };
    private static readonly Chat Private = new() { Id = 5123456789, Type = ChatType.Private };
    private static readonly Chat Group = new() { Id = -1001234567890, Type = ChatType.Supergroup, Title = "Cán bộ PCGD Phong Thổ" };

    private static Update TextUpdate(string text, Chat chat, Message? replyTo = null) => new()
    {
        Id = 1001,
        Message = new Message { Id = 7, Date = DateTime.UtcNow, Chat = chat, From = Lan, Text = text, ReplyToMessage = replyTo },
    };

    [Theory]
    [InlineData("ai phu trach tuyen dung giao vien", "ai phu trach tuyen dung giao vien")]
    [InlineData("/start", "/start")]
    [InlineData("/capnhat@PcgdBot", "/capnhat")]
    [InlineData("/capnhat@pcgdbot nhiệm vụ 2", "/capnhat nhiệm vụ 2")]
    [InlineData("/start AB3DE5FG", "đăng ký AB3DE5FG")]
    public void A_private_message_becomes_a_message_activity_with_the_commands_bot_name_removed(string text, string expected)
    {
        var mapped = TelegramUpdateMapper.Map(TextUpdate(text, Private), Bot);

        Assert.Equal(UpdateMeaning.Message, mapped.Meaning);
        var activity = mapped.Activity!;
        Assert.Equal(ActivityTypes.Message, activity.Type);
        Assert.Equal(expected, activity.Text);
        Assert.Equal("telegram", activity.ChannelId);
        Assert.Equal("5123456789", activity.From.Id);
        Assert.Equal("Lan Nguyễn", activity.From.Name);
        Assert.Equal("5123456789", activity.Conversation.Id);
        Assert.False(activity.Conversation.IsGroup);
    }

    [Theory]
    [InlineData("chào mọi người", null)]
    [InlineData("/capnhat@OtherBot", null)]
    [InlineData("/capnhat", "/capnhat")]
    [InlineData("/capnhat@PcgdBot", "/capnhat")]
    [InlineData("@PcgdBot ai chủ trì tuyển dụng giáo viên?", "ai chủ trì tuyển dụng giáo viên?")]
    [InlineData("ai chủ trì tuyển dụng giáo viên @pcgdbot", "ai chủ trì tuyển dụng giáo viên")]
    public void In_a_group_only_commands_and_mentions_are_for_the_bot(string text, string? expected)
    {
        var mapped = TelegramUpdateMapper.Map(TextUpdate(text, Group), Bot);

        Assert.Equal(expected, mapped.Activity?.Text);
        if (expected is not null)
        {
            Assert.True(mapped.Activity!.Conversation.IsGroup);
            Assert.Equal("-1001234567890", mapped.Activity.Conversation.Id);
        }
    }

    [Fact]
    public void In_a_group_a_reply_to_the_bots_message_is_for_the_bot()
    {
        var botMessage = new Message { Id = 5, Date = DateTime.UtcNow, Chat = Group, From = Bot, Text = "Tình hình thực hiện?" };

        var mapped = TelegramUpdateMapper.Map(TextUpdate("hoàn thành", Group, botMessage), Bot);

        Assert.Equal("hoàn thành", mapped.Activity?.Text);
    }

    [Fact]
    public void A_button_press_becomes_the_buttons_text_with_the_query_to_answer()
    {
        var keyboard = new InlineKeyboardMarkup([[InlineKeyboardButton.WithCallbackData("Đang thực hiện", "2"), InlineKeyboardButton.WithCallbackData("Hoàn thành", "3")]]);
        var update = new Update
        {
            Id = 1002,
            CallbackQuery = new CallbackQuery
            {
                Id = "cb-1",
                From = Lan,
                ChatInstance = "ci",
                Data = "3",
                Message = new Message { Id = 9, Date = DateTime.UtcNow, Chat = Private, From = Bot, Text = "Tình hình?", ReplyMarkup = keyboard },
            },
        };

        var mapped = TelegramUpdateMapper.Map(update, Bot);

        Assert.Equal("Hoàn thành", mapped.Activity!.Text);
        Assert.Equal("cb-1", mapped.CallbackQueryId);
        Assert.Equal("5123456789", mapped.Activity.Conversation.Id);
    }

    [Fact]
    public void Edited_messages_are_ignored_so_a_step_is_not_taken_twice()
    {
        var update = new Update { Id = 1003, EditedMessage = new Message { Id = 7, Date = DateTime.UtcNow, Chat = Private, From = Lan, Text = "có" } };

        Assert.Equal(UpdateMeaning.Ignore, TelegramUpdateMapper.Map(update, Bot).Meaning);
    }

    [Fact]
    public void A_person_blocking_the_bot_is_reported()
    {
        var update = new Update
        {
            Id = 1004,
            MyChatMember = new ChatMemberUpdated
            {
                Chat = Private,
                From = Lan,
                Date = DateTime.UtcNow,
                OldChatMember = new ChatMemberMember { User = Bot },
                NewChatMember = new ChatMemberBanned { User = Bot },
            },
        };

        var mapped = TelegramUpdateMapper.Map(update, Bot);

        Assert.Equal(UpdateMeaning.Blocked, mapped.Meaning);
        Assert.Equal(5123456789, mapped.ChatId);
    }

    [Fact]
    public void The_bot_added_to_a_group_greets_the_person_who_added_it()
    {
        var update = new Update { Id = 1005, Message = new Message { Id = 8, Date = DateTime.UtcNow, Chat = Group, From = Lan, NewChatMembers = [Bot] } };

        var mapped = TelegramUpdateMapper.Map(update, Bot);

        Assert.Equal(ActivityTypes.ConversationUpdate, mapped.Activity!.Type);
        Assert.Equal(["123456", "5123456789"], mapped.Activity.MembersAdded.Select(m => m.Id));
    }

    [Fact]
    public void A_sticker_in_a_private_chat_is_an_empty_message_and_in_a_group_nothing()
    {
        Assert.Equal(string.Empty, TelegramUpdateMapper.Map(new Update { Id = 1, Message = new Message { Id = 1, Date = DateTime.UtcNow, Chat = Private, From = Lan } }, Bot).Activity?.Text);
        Assert.Null(TelegramUpdateMapper.Map(new Update { Id = 2, Message = new Message { Id = 2, Date = DateTime.UtcNow, Chat = Group, From = Lan } }, Bot).Activity);
    }
}
