using System.Text.Json;
using PcgdBot.Telegram;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace PcgdBot.Telegram.Tests;

/// <summary>Recorded Telegram updates (Data/updates) read with Telegram.Bot's own serializer and mapped.</summary>
public sealed class RecordedUpdateTests
{
    private static readonly User Bot = new() { Id = 123456, IsBot = true, FirstName = "PcgdBot", Username = "PcgdBot" };

    private static Update Load(string name) =>
        JsonSerializer.Deserialize<Update>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "updates", name)), JsonBotAPI.Options)!;

    [Theory]
    [InlineData("private-text.json", "Đơn vị nào chủ trì việc mở lớp xóa mù chữ năm 2025?")]
    [InlineData("private-text-no-diacritics.json", "don vi nao phoi hop kiem tra cong nhan dat chuan pcgd")]
    [InlineData("command-start.json", "/start")]
    [InlineData("command-with-botname.json", "/capnhat")]
    [InlineData("group-command.json", "/tracuu chủ trì mở lớp XMC")]
    [InlineData("group-message-mention.json", "Cho hỏi hạn báo cáo về Phòng GD&ĐT là ngày nào?")]
    [InlineData("callback-query.json", "Đang thực hiện")]
    [InlineData("sticker.json", "")]
    public void A_recorded_update_for_the_bot_becomes_a_message_with_this_text(string file, string text)
    {
        var mapped = TelegramUpdateMapper.Map(Load(file), Bot);

        Assert.Equal(UpdateMeaning.Message, mapped.Meaning);
        Assert.Equal(text, mapped.Activity!.Text);
    }

    [Theory]
    [InlineData("group-message-plain.json", "Ignore")]
    [InlineData("edited-message.json", "Ignore")]
    [InlineData("channel-post.json", "Ignore")]
    [InlineData("poll.json", "Ignore")]
    [InlineData("my-chat-member-blocked.json", "Blocked")]
    [InlineData("new-chat-members.json", "BotAdded")]
    public void Other_recorded_updates_mean_this(string file, string meaning)
    {
        Assert.Equal(Enum.Parse<UpdateMeaning>(meaning), TelegramUpdateMapper.Map(Load(file), Bot).Meaning);
    }
}
