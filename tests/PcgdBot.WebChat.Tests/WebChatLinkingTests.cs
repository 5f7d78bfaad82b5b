using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using PcgdBot.Reminders.Outbox;
using PcgdBot.Storage.Reporting;
using PcgdBot.Telegram.Tests.StandIn;
using PcgdBot.Telegram.Tests.Support;
using PcgdBot.WebChat.Tests.Support;

namespace PcgdBot.WebChat.Tests;

/// <summary>A browser joined to the same person's Telegram account with "liên kết", over real HTTP and a stand-in Bot API.</summary>
public sealed class WebChatLinkingTests
{
    private const long LanOnTelegram = 5123456789;

    [Fact]
    public async Task Lien_ket_joins_the_browser_to_Telegram_and_a_broadcast_falls_back_to_Telegram_when_the_page_is_closed()
    {
        await using var api = await TelegramStandIn.StartAsync();
        var host = await WebChatBotHost.StartAsync(new Dictionary<string, string?>
        {
            ["Telegram:Token"] = api.Token,
            ["Telegram:ApiBaseUrl"] = api.BaseUrl,
            ["Telegram:Mode"] = "Polling",
            ["Telegram:PollingTimeoutSeconds"] = "1",
            ["Telegram:TypingDelay"] = "00:00:00",
            ["WebChat:LiveWindow"] = "00:00:02",
        });
        try
        {
            var code = host.Engine.CreateInvite("Phòng Nội vụ", null, PersonRole.Focal, "test").Code!;
            using var page = await new DirectLineTestClient(host.BaseUrl).StartAsync();
            await page.SayAsync("đăng ký " + code);
            var linkCode = System.Text.RegularExpressions.Regex.Match(await page.SayAsync("liên kết"), @"đăng ký (\S+)").Groups[1].Value;
            Assert.NotEmpty(linkCode);

            var telegram = new TelegramUser(api, LanOnTelegram);
            Assert.Contains("Đã liên kết", await telegram.SayAsync("đăng ký " + linkCode), StringComparison.Ordinal);
            var onWeb = host.Engine.Store.FindByIdentity(WebChatAdapter.ChannelId, page.Session.UserId)!;
            var onTelegram = host.Engine.Store.FindByIdentity("telegram", LanOnTelegram.ToString(CultureInfo.InvariantCulture))!;
            Assert.Equal(onWeb.Person.Id, onTelegram.Person.Id);

            // The web page is used last, then closed: the broadcast for the web goes to Telegram instead.
            await page.SayAsync("báo cáo của tôi");
            var first = host.Engine.Broadcasts.ChannelFor(onWeb.Person.Id)!;
            Assert.Equal(WebChatAdapter.ChannelId, first.Channel);
            await Task.Delay(TimeSpan.FromSeconds(2.5));
            var sentBefore = api.SentTo(LanOnTelegram).Count;
            var outcome = await host.Services.GetRequiredService<IOutboxTransport>().SendAsync(
                new OutboxMessage("TB-1:" + onWeb.Person.Id, "TB-1", onWeb.Person.Id, first.Channel, first.UserId, first.ConversationId!, "Nhắc: hạn báo cáo 10/12.", ["Đã nhận"]),
                CancellationToken.None);

            Assert.IsType<SendOutcome.Accepted>(outcome);
            var delivered = await api.WaitForSentAsync(m => m.ChatId == LanOnTelegram && (m.PlainText ?? string.Empty).Contains("hạn báo cáo 10/12", StringComparison.Ordinal), TimeSpan.FromSeconds(10), sentBefore);
            Assert.NotNull(delivered);
            Assert.DoesNotContain(await page.PollAsync(), a => a.TryGetProperty("text", out var text) && text.GetString()!.Contains("hạn báo cáo 10/12", StringComparison.Ordinal));
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
