using PcgdBot.Storage.Reporting;
using PcgdBot.Telegram.Tests.StandIn;
using PcgdBot.Zalo.Tests.StandIn;
using PcgdBot.Zalo.Tests.Support;

namespace PcgdBot.Zalo.Tests.Oa;

/// <summary>A person linked on Telegram and Zalo who blocked the bot on Telegram still gets a broadcast, on Zalo.</summary>
public sealed class FallbackDeliveryTests
{
    private const long LanTelegram = 5123456789;
    private const long BossTelegram = 5000000001;
    private const string LanZalo = "246845883529197922";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_broadcast_falls_back_to_zalo_when_telegram_answers_403()
    {
        await using var telegram = await TelegramStandIn.StartAsync();
        await using var zalo = await ZaloOaStandIn.StartAsync();
        var host = new ZaloBotHost(zalo, extra: new Dictionary<string, string?>
        {
            ["Telegram:Token"] = telegram.Token,
            ["Telegram:ApiBaseUrl"] = telegram.BaseUrl,
            ["Telegram:Mode"] = "polling",
            ["Telegram:PollingTimeoutSeconds"] = "1",
        });
        try
        {
            host.Start();
            async Task<string> OnTelegram(long chat, string text)
            {
                var before = telegram.SentTo(chat).Count;
                telegram.EnqueueText(chat, chat, text);
                await telegram.WaitForSentAsync(m => m.ChatId == chat && telegram.SentTo(chat).Count > before, Wait);
                await Task.Delay(200);
                return string.Join("\n", telegram.SentTo(chat).Skip(before).Select(m => m.PlainText));
            }

            async Task<string> OnZalo(string text)
            {
                var before = zalo.SentTo(LanZalo).Count;
                using (await zalo.PostWebhookAsync(host.WebhookUrl, zalo.UserSendText(LanZalo, text)))
                {
                }

                await zalo.WaitForSentAsync(m => m.UserId == LanZalo && zalo.SentTo(LanZalo).Count > before, Wait);
                return string.Join("\n", zalo.SentTo(LanZalo).Skip(before).Select(m => m.Text));
            }

            await OnTelegram(BossTelegram, "đăng ký " + host.Engine.CreateInvite("Phòng GD&ĐT", null, PersonRole.Coordinator, "test").Code);
            await OnTelegram(LanTelegram, "đăng ký " + host.Engine.CreateInvite("UBND các xã", "Mường So", PersonRole.Focal, "test").Code);
            var link = System.Text.RegularExpressions.Regex.Match(await OnTelegram(LanTelegram, "liên kết"), @": ([A-Z2-9]{8})").Groups[1].Value;
            Assert.Contains("Đã liên kết", await OnZalo("đăng ký " + link));

            // Telegram is where Lan wrote last, so it is tried first; then Lan blocks the bot there.
            await Task.Delay(50);
            await OnTelegram(LanTelegram, "xin chào");
            telegram.BlockChat(LanTelegram);

            await OnTelegram(BossTelegram, "/nhac");
            await OnTelegram(BossTelegram, "Nhắc: hạn báo cáo 10/12.");
            Assert.Contains("Sẽ gửi tới 1 người (Telegram: 1).", await OnTelegram(BossTelegram, "2"));
            Assert.Contains("TB-0001", await OnTelegram(BossTelegram, "có"));

            var delivered = await zalo.WaitForSentAsync(m => m.UserId == LanZalo && m.Text.Contains("Nhắc: hạn báo cáo 10/12.", StringComparison.Ordinal), Wait);
            Assert.Contains("đã nhận", delivered.Text, StringComparison.Ordinal);
            Assert.True(host.Engine.Store.FindByIdentity("telegram", LanTelegram.ToString(System.Globalization.CultureInfo.InvariantCulture))!.Identity.Unreachable);
            await WaitUntil(() => host.Engine.Outbox.Stats("TB-0001").IsFinished);
            Assert.Equal(1, host.Engine.Outbox.Stats("TB-0001").Sent);
        }
        finally
        {
            await host.DisposeAsync();
            host.DeleteFiles();
        }
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold in time");
            await Task.Delay(50);
        }
    }
}
