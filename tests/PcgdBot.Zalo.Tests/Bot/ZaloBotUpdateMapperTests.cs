using Microsoft.Bot.Schema;
using PcgdBot.Zalo.Bot;

namespace PcgdBot.Zalo.Tests.Bot;

public sealed class ZaloBotUpdateMapperTests
{
    private static readonly ChannelAccount Bot = new("b0t1d", "PCGD", RoleTypes.Bot);

    private static ZaloBotUpdate Read(string json)
    {
        Assert.True(ZaloBotUpdateReader.TryRead(json, out var update));
        return update!;
    }

    [Fact]
    public void A_text_message_becomes_a_message_activity_from_the_person_in_their_chat()
    {
        var mapped = ZaloBotUpdateMapper.Map(Read(ZaloBotBodies.Wrapped("  Xin chào  ", "m-1")), Bot);

        Assert.Equal(ZaloBotUpdateMeaning.Message, mapped.Meaning);
        var activity = mapped.Activity!;
        Assert.Equal(ActivityTypes.Message, activity.Type);
        Assert.Equal("zalo-bot", activity.ChannelId);
        Assert.Equal("m-1", activity.Id);
        Assert.Equal("Xin chào", activity.Text);
        Assert.Equal(ZaloBotBodies.ChatId, activity.Conversation.Id);
        Assert.False(activity.Conversation.IsGroup);
        Assert.Equal(ZaloBotBodies.ChatId, activity.From.Id);
        Assert.Equal("Ted", activity.From.Name);
        Assert.Equal(RoleTypes.User, activity.From.Role);
        Assert.Equal("b0t1d", activity.Recipient.Id);
        Assert.Equal(RoleTypes.Bot, activity.Recipient.Role);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1750316131602), activity.Timestamp);
        Assert.Equal("vi", activity.Locale);
    }

    [Theory]
    [InlineData(ZaloBotUpdate.ImageReceived)]
    [InlineData(ZaloBotUpdate.StickerReceived)]
    [InlineData(ZaloBotUpdate.UnsupportedReceived)]
    public void Pictures_stickers_and_unsupported_messages_are_answered_by_the_adapter_not_the_bot(string eventName)
    {
        var mapped = ZaloBotUpdateMapper.Map(Read(ZaloBotBodies.WithoutText(eventName, "m-2")), Bot);

        Assert.Equal(ZaloBotUpdateMeaning.NotText, mapped.Meaning);
        Assert.Equal(ZaloBotBodies.ChatId, mapped.Activity!.Conversation.Id);
    }

    [Theory]
    [InlineData("message.link.received")]
    [InlineData("")]
    public void Other_events_are_ignored(string eventName)
    {
        var mapped = ZaloBotUpdateMapper.Map(Read(ZaloBotBodies.Flat("hi", "m-3", eventName)), Bot);

        Assert.Equal(ZaloBotUpdateMeaning.Ignore, mapped.Meaning);
        Assert.Null(mapped.Activity);
    }

    [Fact]
    public void Messages_from_bots_and_without_a_sender_are_ignored()
    {
        var fromBot = ZaloBotBodies.Flat("hi", "m-4").Replace("\"is_bot\":false", "\"is_bot\":true", StringComparison.Ordinal);

        Assert.Equal(ZaloBotUpdateMeaning.Ignore, ZaloBotUpdateMapper.Map(Read(fromBot), Bot).Meaning);
        Assert.Equal(ZaloBotUpdateMeaning.Ignore, ZaloBotUpdateMapper.Map(new ZaloBotUpdate(ZaloBotUpdate.TextReceived, null), Bot).Meaning);
    }

    [Fact]
    public void A_text_event_with_blank_text_is_ignored()
    {
        Assert.Equal(ZaloBotUpdateMeaning.Ignore, ZaloBotUpdateMapper.Map(Read(ZaloBotBodies.Flat("   ", "m-5")), Bot).Meaning);
    }

    [Fact]
    public void A_group_chat_is_the_conversation_and_the_sender_stays_the_person()
    {
        var update = new ZaloBotUpdate(ZaloBotUpdate.TextReceived, new ZaloBotMessage(new ZaloBotSender("u-7", "Lan", false), new ZaloBotChat("g-1", "GROUP"), "cập nhật", "m-6", null));

        var activity = ZaloBotUpdateMapper.Map(update, Bot).Activity!;

        Assert.Equal("g-1", activity.Conversation.Id);
        Assert.True(activity.Conversation.IsGroup);
        Assert.Equal("u-7", activity.From.Id);
    }

    [Fact]
    public void Without_a_chat_the_reply_goes_to_the_sender()
    {
        var update = new ZaloBotUpdate(ZaloBotUpdate.TextReceived, new ZaloBotMessage(new ZaloBotSender("u-8", null, false), null, "hi", null, null));

        Assert.Equal("u-8", ZaloBotUpdateMapper.Map(update, Bot).Activity!.Conversation.Id);
    }
}
