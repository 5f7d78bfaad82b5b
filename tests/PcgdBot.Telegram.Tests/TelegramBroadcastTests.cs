using PcgdBot.Storage.Reporting;
using PcgdBot.Telegram.Tests.StandIn;
using PcgdBot.Telegram.Tests.Support;

namespace PcgdBot.Telegram.Tests;

/// <summary>A coordinator's broadcast reaching focal points on Telegram through the outbox, acknowledged with the button.</summary>
public sealed class TelegramBroadcastTests
{
    private const long Boss = 5000000001;
    private const long Lan = 5123456789;
    private const long Blocked = 5999999999;

    [Fact]
    public async Task A_broadcast_reaches_focal_points_who_acknowledge_it_and_the_coordinator_sees_the_counts()
    {
        await using var api = await TelegramStandIn.StartAsync();
        var host = new TelegramBotHost(api.BaseUrl, api.Token, TelegramMode.Polling);
        try
        {
            host.Start();
            var boss = new TelegramUser(api, Boss);
            var lan = new TelegramUser(api, Lan);
            var blocked = new TelegramUser(api, Blocked);
            await boss.SayAsync("đăng ký " + host.Engine.CreateInvite("Phòng GD&ĐT", null, PersonRole.Coordinator, "test").Code);
            await lan.SayAsync("đăng ký " + host.Engine.CreateInvite("UBND các xã", "Mường So", PersonRole.Focal, "test").Code);
            await blocked.SayAsync("đăng ký " + host.Engine.CreateInvite("UBND các xã", "Bản Lang", PersonRole.Focal, "test").Code);
            api.BlockChat(Blocked);

            Assert.Contains("Nội dung cần gửi?", await boss.SayAsync("/nhac"));
            Assert.Contains("Gửi cho ai?", await boss.SayAsync("Đề nghị các xã gửi báo cáo trước 10/12."));
            Assert.Contains("Sẽ gửi tới 2 người (Telegram: 2).", await boss.SayAsync("2"));
            Assert.Contains("Đã xếp lịch gửi thông báo TB-0001 tới 2 người", await boss.PressAsync(0));

            var delivered = await api.WaitForSentAsync(m => m.ChatId == Lan && m.PlainText!.Contains("Đề nghị các xã", StringComparison.Ordinal), TimeSpan.FromSeconds(15));
            Assert.Contains("đã nhận", delivered.PlainText, StringComparison.Ordinal);
            Assert.Contains("Cảm ơn anh/chị đã xác nhận.", await lan.PressAsync(0));

            await WaitUntil(() => host.Engine.Outbox.Stats("TB-0001").IsFinished);
            var stats = await boss.SayAsync("/thongke");
            Assert.Contains("• Đã gửi: 1", stats);
            Assert.Contains("• Không liên lạc được: 1", stats);
            Assert.Contains("• Đã xác nhận: 1", stats);
            Assert.Contains("Không liên lạc được: Người", stats.Replace("Lan", "Người", StringComparison.Ordinal));
        }
        finally
        {
            await host.DisposeAsync();
            host.DeleteFiles();
        }
    }

    [Fact]
    public async Task A_storm_of_429_answers_delays_a_broadcast_but_everyone_gets_it_once()
    {
        await using var api = await TelegramStandIn.StartAsync();
        var host = new TelegramBotHost(api.BaseUrl, api.Token, TelegramMode.Polling);
        try
        {
            host.Start();
            var boss = new TelegramUser(api, Boss);
            await boss.SayAsync("đăng ký " + host.Engine.CreateInvite("Phòng GD&ĐT", null, PersonRole.Coordinator, "test").Code);
            long[] focal = [6000000001, 6000000002, 6000000003];
            foreach (var chat in focal)
            {
                await new TelegramUser(api, chat).SayAsync("đăng ký " + host.Engine.CreateInvite("Phòng Nội vụ", null, PersonRole.Focal, "test").Code);
            }

            await boss.SayAsync("/nhac");
            await boss.SayAsync("Họp giao ban lúc 8 giờ.");
            await boss.SayAsync("2");

            // From the confirmation on, the next seven sendMessage calls answer 429: more than one message's own retries.
            api.FailNextTooManyRequests("sendMessage", retryAfter: 1, times: 7);
            Assert.Contains("TB-0001", await boss.SayAsync("có"));

            await WaitUntil(() => host.Engine.Outbox.Stats("TB-0001").IsFinished, TimeSpan.FromSeconds(40));
            Assert.Equal(3, host.Engine.Outbox.Stats("TB-0001").Sent);
            Assert.All(focal, chat => Assert.Single(api.SentTo(chat), m => m.PlainText!.Contains("Họp giao ban", StringComparison.Ordinal)));
        }
        finally
        {
            await host.DisposeAsync();
            host.DeleteFiles();
        }
    }

    private static async Task WaitUntil(Func<bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold in time");
            await Task.Delay(50);
        }
    }
}
