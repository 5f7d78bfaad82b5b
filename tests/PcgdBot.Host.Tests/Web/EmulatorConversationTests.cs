using PcgdBot.Host.Tests.Support;

namespace PcgdBot.Host.Tests.Web;

/// <summary>The whole bot behind the Bot Framework endpoint: content, ChatEngine, answers.</summary>
public sealed class EmulatorConversationTests : IClassFixture<PcgdBotFactory>
{
    private readonly PcgdBotFactory bot;

    public EmulatorConversationTests(PcgdBotFactory bot) => this.bot = bot;

    [Fact]
    public async Task An_emulator_question_about_recruiting_teachers_is_answered_with_Phong_Noi_vu_at_the_service_url()
    {
        await using var emulator = await EmulatorChannel.StartAsync();
        var conversationId = EmulatorActivities.NewConversationId();

        using var response = await bot.CreateClient().PostAsync(
            "/api/messages",
            EmulatorActivities.Message(emulator.ServiceUrl, conversationId, "Ai chủ trì tham mưu tuyển dụng giáo viên?", id: "question-1"));
        var reply = await emulator.NextAsync();

        Assert.True(response.IsSuccessStatusCode, $"/api/messages answered {(int)response.StatusCode}");
        Assert.Equal(conversationId, reply.ConversationId);
        Assert.Equal("question-1", reply.ReplyToId);
        Assert.Contains("Phòng Nội vụ", reply.Text);
    }
}
