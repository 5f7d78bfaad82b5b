using PcgdBot.Storage;
using PcgdBot.Storage.Reporting;
using PcgdBot.Zalo.Tests.StandIn;
using PcgdBot.Zalo.Tests.Support;

namespace PcgdBot.Zalo.Tests.Bot;

/// <summary>The whole host on the Zalo Bot Platform by long polling: a person registers and files an update, which lands in the file.</summary>
public sealed class ZaloBotHostEndToEndTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_status_update_over_the_zalo_bot_platform_ends_in_the_file()
    {
        await using var api = await ZaloBotStandIn.StartAsync();
        var chat = ZaloBotStandIn.NewUserId();
        var host = new ZaloBotHost(null, extra: new Dictionary<string, string?>
        {
            ["Zalo:Bot:Token"] = api.Token,
            ["Zalo:Bot:ApiBaseUrl"] = api.BaseUrl,
            ["Zalo:Bot:PollingTimeoutSeconds"] = "1",
        });
        try
        {
            host.Start();
            var code = host.Engine.CreateInvite("Phòng Nội vụ", null, PersonRole.Focal, "test").Code!;

            async Task<string> Say(string text)
            {
                var before = api.SentTo(chat).Count;
                api.EnqueueText(chat, text);
                await api.WaitForSentAsync(m => m.ChatId == chat && api.SentTo(chat).Count > before, Wait);
                await Task.Delay(200);
                return string.Join("\n\n", api.SentTo(chat).Skip(before).Select(m => m.Text));
            }

            Assert.Contains("Phòng Nội vụ", await Say("ai phu trach tuyen dung giao vien"));
            Assert.Contains("đã được đăng ký", await Say("đăng ký " + code));
            Assert.Contains("Có số liệu", await Say("cập nhật nhiệm vụ 1: hoàn thành, đã tuyển đủ giáo viên"));
            Assert.Contains("Lưu báo cáo này?", await Say("12 giáo viên"));
            Assert.Contains("Đã lưu báo cáo số BC-0001", await Say("có"));
            Assert.Contains("chỉ đọc được tin nhắn dạng chữ", await SayUnsupported(api, chat));
        }
        finally
        {
            await host.DisposeAsync();
        }

        using (var database = PcgdBotDatabase.Open(host.DatabasePath))
        {
            var update = Assert.Single(new ReportingStore(database).UpdatesIn("2026").Concat(new ReportingStore(database).UpdatesIn("2027")));
            Assert.Equal(("IV.4.1", "12 giáo viên", "zalo-bot"), (update.DutyId, update.FigureText, update.Channel));
        }

        host.DeleteFiles();
    }

    private static async Task<string> SayUnsupported(ZaloBotStandIn api, string chat)
    {
        var before = api.SentTo(chat).Count;
        api.EnqueueUnsupported(chat);
        await api.WaitForSentAsync(m => m.ChatId == chat && api.SentTo(chat).Count > before, Wait);
        return api.SentTo(chat)[^1].Text ?? string.Empty;
    }
}
