using System.Net;
using System.Text;
using PcgdBot.Conversations;
using PcgdBot.Host.Bot;
using PcgdBot.Host.Tests.Support;

namespace PcgdBot.Host.Tests.Web;

/// <summary>The Bot Framework edge of the web host, with a scripted bot behind it.</summary>
public sealed class BotEndpointTests
{
    [Fact]
    public async Task Health_endpoint_answers_200()
    {
        await using var bot = new StandInBotFactory();
        using var response = await bot.CreateClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Root_answers_with_the_web_chat_page()
    {
        // The web chat channel's page (src/PcgdBot.WebChat); with WebChat:Enabled=false it is the one-line status.
        await using var bot = new StandInBotFactory();
        using var response = await bot.CreateClient().GetAsync("/");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<title>PcgdBot", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_json_posted_to_api_messages_is_rejected_as_a_client_error()
    {
        await using var bot = new StandInBotFactory();
        using var body = new StringContent("{\"type\": \"message\", \"text\": ", Encoding.UTF8, "application/json");
        using var response = await bot.CreateClient().PostAsync("/api/messages", body);

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Empty(bot.Responder.Received);
    }

    [Fact]
    public async Task An_activity_without_a_type_is_rejected_as_a_client_error()
    {
        await using var bot = new StandInBotFactory();
        using var body = new StringContent("{\"text\": \"xin chào\"}", Encoding.UTF8, "application/json");
        using var response = await bot.CreateClient().PostAsync("/api/messages", body);

        Assert.InRange((int)response.StatusCode, 400, 499);
    }

    [Fact]
    public async Task An_emulator_message_reaches_the_bot_as_a_chat_message_and_the_reply_goes_to_the_service_url()
    {
        await using var emulator = await EmulatorChannel.StartAsync();
        await using var bot = new StandInBotFactory();
        var conversationId = EmulatorActivities.NewConversationId();

        using var response = await bot.CreateClient().PostAsync(
            "/api/messages",
            EmulatorActivities.Message(emulator.ServiceUrl, conversationId, "  Hạn nộp báo cáo?  ", id: "act-1"));
        var reply = await emulator.NextAsync();

        Assert.True(response.IsSuccessStatusCode, $"/api/messages answered {(int)response.StatusCode}");
        var message = Assert.Single(bot.Responder.Received);
        Assert.Equal(new ChatMessage("emulator", conversationId, new ChatUser(EmulatorActivities.UserId, EmulatorActivities.UserName), "Hạn nộp báo cáo?"), message);
        Assert.Equal(conversationId, reply.ConversationId);
        Assert.Equal("act-1", reply.ReplyToId);
        Assert.Equal("Bạn hỏi: Hạn nộp báo cáo?", reply.Text);
    }

    [Fact]
    public async Task Every_reply_of_the_bot_is_sent_in_order()
    {
        await using var emulator = await EmulatorChannel.StartAsync();
        await using var bot = new StandInBotFactory();
        bot.Responder.Reply = _ => [new ChatReply("Thứ nhất"), new ChatReply("Thứ hai")];

        await bot.CreateClient().PostAsync("/api/messages", EmulatorActivities.Message(emulator.ServiceUrl, EmulatorActivities.NewConversationId(), "chào"));

        Assert.Equal("Thứ nhất", (await emulator.NextAsync()).Text);
        Assert.Equal("Thứ hai", (await emulator.NextAsync()).Text);
    }

    [Fact]
    public async Task Choices_are_sent_as_imBack_suggested_actions()
    {
        await using var emulator = await EmulatorChannel.StartAsync();
        await using var bot = new StandInBotFactory();
        bot.Responder.Reply = _ => [new ChatReply("Bạn muốn hỏi gì?\n1. Hạn báo cáo\n2. Mục tiêu", ["Hạn báo cáo", "Mục tiêu"])];

        await bot.CreateClient().PostAsync("/api/messages", EmulatorActivities.Message(emulator.ServiceUrl, EmulatorActivities.NewConversationId(), "menu"));
        var reply = await emulator.NextAsync();

        Assert.Equal("Bạn muốn hỏi gì?\n1. Hạn báo cáo\n2. Mục tiêu", reply.Text);
        Assert.Collection(
            reply.SuggestedActions,
            action =>
            {
                Assert.Equal("imBack", action.GetProperty("type").GetString());
                Assert.Equal("Hạn báo cáo", action.GetProperty("title").GetString());
                Assert.Equal("Hạn báo cáo", action.GetProperty("value").GetString());
            },
            action => Assert.Equal("Mục tiêu", action.GetProperty("value").GetString()));
    }

    [Fact]
    public async Task A_user_joining_the_conversation_is_greeted_through_the_start_command_and_the_bot_itself_is_not()
    {
        await using var emulator = await EmulatorChannel.StartAsync();
        await using var bot = new StandInBotFactory();
        bot.Responder.Reply = message => [new ChatReply($"Xin chào {message.User.Name}!")];
        var conversationId = EmulatorActivities.NewConversationId();

        await bot.CreateClient().PostAsync("/api/messages", EmulatorActivities.MembersAdded(emulator.ServiceUrl, conversationId, "update-1"));
        var greeting = await emulator.NextAsync();

        var start = Assert.Single(bot.Responder.Received);
        Assert.Equal(new ChatMessage("emulator", conversationId, new ChatUser(EmulatorActivities.UserId, EmulatorActivities.UserName), "/start"), start);
        Assert.Equal($"Xin chào {EmulatorActivities.UserName}!", greeting.Text);
        Assert.False(await emulator.SendsMoreWithinAsync(TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public async Task A_message_without_text_gets_a_polite_hint_and_does_not_reach_the_bot()
    {
        await using var emulator = await EmulatorChannel.StartAsync();
        await using var bot = new StandInBotFactory();

        await bot.CreateClient().PostAsync("/api/messages", EmulatorActivities.Message(emulator.ServiceUrl, EmulatorActivities.NewConversationId(), "   "));
        var reply = await emulator.NextAsync();

        Assert.Equal(PcgdBotTurnHandler.EmptyMessageReply, reply.Text);
        Assert.Empty(bot.Responder.Received);
    }

    [Fact]
    public async Task A_failing_turn_is_answered_with_an_apology_and_no_internals()
    {
        await using var emulator = await EmulatorChannel.StartAsync();
        await using var bot = new StandInBotFactory();
        bot.Responder.Reply = _ => throw new InvalidOperationException("secret internal detail");

        using var response = await bot.CreateClient().PostAsync("/api/messages", EmulatorActivities.Message(emulator.ServiceUrl, EmulatorActivities.NewConversationId(), "hỏi"));
        var reply = await emulator.NextAsync();

        Assert.Equal(TurnErrorReporter.Apology, reply.Text);
        Assert.DoesNotContain("secret", reply.Activity.GetRawText());
        Assert.False(await emulator.SendsMoreWithinAsync(TimeSpan.FromMilliseconds(300)));
    }
}
