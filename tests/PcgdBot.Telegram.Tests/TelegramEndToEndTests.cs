using System.Net;
using PcgdBot.Storage;
using PcgdBot.Storage.Reporting;
using PcgdBot.Telegram.Tests.StandIn;
using PcgdBot.Telegram.Tests.Support;

namespace PcgdBot.Telegram.Tests;

/// <summary>
/// The whole bot over real HTTP on loopback: the host on Kestrel, the real Telegram.Bot client, a stand-in Bot API.
/// A person asks who is responsible, registers, and files a status update by pressing buttons; the update is in the file.
/// </summary>
public sealed class TelegramEndToEndTests
{
    private const long Lan = 5123456789;

    [Fact]
    public async Task By_long_polling_a_person_asks_registers_and_reports_by_pressing_buttons()
    {
        await using var api = await TelegramStandIn.StartAsync();
        var host = new TelegramBotHost(api.BaseUrl, api.Token, TelegramMode.Polling);
        try
        {
            host.Start();
            await Converse(api, host, new TelegramUser(api, Lan));
            Assert.True(api.CallCount("deleteWebhook") >= 1, "polling clears any webhook first");
            Assert.True(api.CallCount("answerCallbackQuery") >= 3, "button presses are answered");
            Assert.True(api.CallCount("sendChatAction") >= 1, "the bot shows it is typing");
        }
        finally
        {
            await host.DisposeAsync();
        }

        AssertUpdateInFile(host.DatabasePath);
        host.DeleteFiles();
    }

    [Fact]
    public async Task By_webhook_the_same_conversation_works_and_the_webhook_is_registered_with_its_secret()
    {
        await using var api = await TelegramStandIn.StartAsync();
        var host = new TelegramBotHost(api.BaseUrl, api.Token, TelegramMode.Webhook);
        try
        {
            host.Start();
            await api.WaitForCallAsync("setWebhook", 1, TimeSpan.FromSeconds(10));
            Assert.Equal(host.BaseUrl + "/api/telegram", api.Webhook?.Url);
            Assert.Equal(TelegramBotHost.Secret, api.Webhook?.SecretToken);

            var user = new TelegramUser(api, Lan, async update => Assert.Equal(HttpStatusCode.OK, await api.PostToWebhookAsync(update.Json)));
            await Converse(api, host, user);
        }
        finally
        {
            await host.DisposeAsync();
        }

        AssertUpdateInFile(host.DatabasePath);
        host.DeleteFiles();
    }

    [Fact]
    public async Task A_webhook_call_without_the_right_secret_is_refused_with_403_and_not_handled()
    {
        await using var api = await TelegramStandIn.StartAsync();
        await using var host = new TelegramBotHost(api.BaseUrl, api.Token, TelegramMode.Webhook);
        host.Start();
        await api.WaitForCallAsync("setWebhook", 1, TimeSpan.FromSeconds(10));
        var update = api.EnqueueText(Lan, Lan, "xin chào");

        Assert.Equal(HttpStatusCode.Forbidden, await api.PostToWebhookAsync(update.Json, "wrong-secret"));
        Assert.Equal(HttpStatusCode.Forbidden, await api.PostToWebhookAsync(update.Json, null));
        await Task.Delay(300);
        Assert.Empty(api.Sent);
        host.DeleteFiles();
    }

    [Fact]
    public async Task A_redelivered_update_is_answered_once_even_after_a_restart()
    {
        await using var api = await TelegramStandIn.StartAsync();
        var host = new TelegramBotHost(api.BaseUrl, api.Token, TelegramMode.Webhook);
        host.Start();
        await api.WaitForCallAsync("setWebhook", 1, TimeSpan.FromSeconds(10));
        var update = api.EnqueueText(Lan, Lan, "ai chủ trì tuyển dụng giáo viên?");

        await Task.WhenAll(api.PostToWebhookAsync(update.Json), api.PostToWebhookAsync(update.Json));
        Assert.Equal(HttpStatusCode.OK, await api.PostToWebhookAsync(update.Json));
        await host.DisposeAsync();

        // The same file, a new process: the update id is remembered.
        var again = new TelegramBotHost(api.BaseUrl, api.Token, TelegramMode.Webhook, host.Port, host.Folder);
        await using (again)
        {
            again.Start();
            await api.WaitForCallAsync("setWebhook", 2, TimeSpan.FromSeconds(10));
            Assert.Equal(HttpStatusCode.OK, await api.PostToWebhookAsync(update.Json));
            await Task.Delay(300);
        }

        Assert.Single(api.SentTo(Lan));
        host.DeleteFiles();
    }

    [Fact]
    public async Task In_a_group_the_bot_answers_mentions_and_commands_and_reports_belong_to_the_person()
    {
        await using var api = await TelegramStandIn.StartAsync();
        var host = new TelegramBotHost(api.BaseUrl, api.Token, TelegramMode.Polling);
        try
        {
            host.Start();
            const long group = -1001234567890;
            var code = host.Engine.CreateInvite("Phòng Nội vụ", null, PersonRole.Focal, "test").Code!;
            var lan = new TelegramUser(api, Lan, chatId: group, chatType: "supergroup");

            api.EnqueueText(group, 6000000001, "Chiều nay họp ở nhà văn hóa nhé", chatType: "supergroup");
            Assert.Contains("Phòng Nội vụ", await lan.SayAsync("@PcgdBot ai chủ trì tuyển dụng giáo viên?"));
            Assert.Contains("đã được đăng ký", await lan.SayAsync("/dangky@PcgdBot " + code));
            Assert.Contains("Có số liệu", await lan.SayAsync("/capnhat nhiệm vụ 1: hoàn thành, đã tuyển đủ"));
            Assert.Contains("Lưu báo cáo này?", await lan.SayAsync("/boqua"));
            Assert.Contains("Đã lưu báo cáo số BC-0001", await lan.PressAsync(0));

            var person = host.Engine.Store.FindByIdentity("telegram", Lan.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.NotNull(person);
            Assert.Single(host.Engine.Store.UpdatesOfPerson(person.Person.Id, "2026").Concat(host.Engine.Store.UpdatesOfPerson(person.Person.Id, "2027")));
            Assert.All(api.Sent, m => Assert.Equal(group, m.ChatId));
        }
        finally
        {
            await host.DisposeAsync();
            host.DeleteFiles();
        }
    }

    [Fact]
    public async Task A_reply_that_fails_past_the_retries_is_kept_and_delivered_later_not_lost()
    {
        await using var api = await TelegramStandIn.StartAsync();
        var host = new TelegramBotHost(api.BaseUrl, api.Token, TelegramMode.Polling);
        try
        {
            host.Start();

            // More network failures than one message's own tries (4): the reply goes to the outbox.
            api.FailNextWithNetworkError("sendMessage", times: 4);
            api.EnqueueText(Lan, Lan, "ai chủ trì tuyển dụng giáo viên?");

            var reply = await api.WaitForSentAsync(m => m.ChatId == Lan, TimeSpan.FromSeconds(30));
            Assert.Contains("Phòng Nội vụ", reply.PlainText, StringComparison.Ordinal);
            await Task.Delay(500);
            Assert.Single(api.SentTo(Lan));
        }
        finally
        {
            await host.DisposeAsync();
            host.DeleteFiles();
        }
    }

    private static async Task Converse(TelegramStandIn api, TelegramBotHost host, TelegramUser user)
    {
        var code = host.Engine.CreateInvite("UBND các xã", "Mường So", PersonRole.Focal, "test").Code!;

        Assert.Contains("Phòng Nội vụ", await user.SayAsync("ai phu trach tuyen dung giao vien?"));
        Assert.Contains("đã được đăng ký là cán bộ đầu mối của Xã Mường So", await user.SayAsync("đăng ký " + code));

        Assert.Contains("Báo cáo nhiệm vụ nào của Xã Mường So?", await user.SayAsync("/capnhat"));
        Assert.Equal(["1", "2", "3", "4", "5"], user.Last!.CallbackData);
        Assert.Contains("Tình hình thực hiện", await user.PressAsync(1));
        Assert.Contains("Có số liệu chính", await user.PressAsync(2));
        Assert.Contains("Ghi chú", await user.SayAsync("95%"));

        var confirm = await user.SayAsync("Lớp <XMC> & bổ túc: _đủ_ *45* học viên");
        Assert.Contains("• Ghi chú: Lớp <XMC> & bổ túc: _đủ_ *45* học viên", confirm);
        Assert.Equal("html", user.Last.ParseMode?.ToLowerInvariant());
        Assert.Contains("Đã lưu báo cáo số BC-0001", await user.PressAsync(0));
    }

    private static void AssertUpdateInFile(string databasePath)
    {
        using var database = PcgdBotDatabase.Open(databasePath);
        var store = new ReportingStore(database);
        var update = Assert.Single(store.UpdatesIn("2026").Concat(store.UpdatesIn("2027")));
        Assert.Equal("IV.13.2", update.DutyId);
        Assert.Equal(ProgressStatus.Done, update.Status);
        Assert.Equal("95%", update.FigureText);
        Assert.Equal("Lớp <XMC> & bổ túc: _đủ_ *45* học viên", update.Note);
        Assert.Equal("telegram", update.Channel);
    }
}
