using System.Net;
using PcgdBot.Host.Tests.Support;
using PcgdBot.Storage;
using PcgdBot.Storage.Reporting;
using PcgdBot.Zalo.Oa;
using PcgdBot.Zalo.Tests.StandIn;
using PcgdBot.Zalo.Tests.Support;

namespace PcgdBot.Zalo.Tests.Oa;

/// <summary>The whole bot behind a Zalo Official Account, over real HTTP on loopback against the stand-in OA API and OAuth.</summary>
public sealed class ZaloOaEndToEndTests
{
    private const string Lan = "246845883529197922";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private static async Task<string> SayAsync(ZaloOaStandIn api, ZaloBotHost host, string userId, string text)
    {
        var before = api.SentTo(userId).Count;
        using var response = await api.PostWebhookAsync(host.WebhookUrl, api.UserSendText(userId, text));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await api.WaitForSentAsync(m => m.UserId == userId && api.SentTo(userId).Count > before, Wait);
        await Task.Delay(150);
        return string.Join("\n\n", api.SentTo(userId).Skip(before).Select(m => m.Text));
    }

    [Fact]
    public async Task A_signed_question_is_acknowledged_and_answered_and_a_forged_one_gets_401()
    {
        await ZaloBotHost.WithOaStandInAsync(async (api, host) =>
        {
            Assert.Contains("Phòng Nội vụ", await SayAsync(api, host, Lan, "Ai chủ trì tuyển dụng giáo viên?"));

            using var forged = await api.PostWebhookAsync(host.WebhookUrl, api.UserSendText(Lan, "xin chào"), signatureOverride: "mac=" + new string('0', 64));
            using var unsigned = await api.PostWebhookAsync(host.WebhookUrl, api.UserSendText(Lan, "xin chào"), sign: false);
            Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
            await Task.Delay(300);
            Assert.Single(api.SentTo(Lan));
        });
    }

    [Fact]
    public async Task Duplicates_and_echoes_are_not_answered_and_a_follower_is_welcomed()
    {
        await ZaloBotHost.WithOaStandInAsync(async (api, host) =>
        {
            var question = api.UserSendText(Lan, "hạn báo cáo là khi nào?");
            using (await api.PostWebhookAsync(host.WebhookUrl, question))
            using (await api.PostWebhookAsync(host.WebhookUrl, question))
            using (await api.PostWebhookAsync(host.WebhookUrl, api.OaSendText(Lan, "Chào anh/chị", byAdmin: false)))
            using (await api.PostWebhookAsync(host.WebhookUrl, api.OaSendText(Lan, "Em là cán bộ trực", byAdmin: true)))
            {
            }

            await api.WaitForSentAsync(m => m.Text.Contains("10/12", StringComparison.Ordinal), Wait);
            await Task.Delay(500);
            Assert.Single(api.SentTo(Lan));

            const string newcomer = "111222333444555666";
            using (await api.PostWebhookAsync(host.WebhookUrl, api.Follow(newcomer)))
            {
            }

            Assert.Contains("Xin chào", (await api.WaitForSentAsync(m => m.UserId == newcomer, Wait)).Text);
        });
    }

    [Fact]
    public async Task A_full_status_update_over_the_oa_ends_in_the_file_even_with_the_token_expiring_half_way()
    {
        await using var api = await ZaloOaStandIn.StartAsync();
        var host = new ZaloBotHost(api);
        try
        {
            host.Start();
            var code = host.Engine.CreateInvite("UBND các xã", "Mường So", PersonRole.Focal, "test").Code!;
            Assert.Contains("đã được đăng ký", await SayAsync(api, host, Lan, "đăng ký " + code));
            var duties = await SayAsync(api, host, Lan, "cập nhật");
            Assert.Contains("2. IV.13.2", duties);

            api.ExpireAccessToken();
            Assert.Contains("Tình hình thực hiện", await SayAsync(api, host, Lan, "2"));
            Assert.Equal(1, api.RefreshCount);

            Assert.Contains("Có số liệu", await SayAsync(api, host, Lan, "3"));
            Assert.Contains("Ghi chú", await SayAsync(api, host, Lan, "17 thôn"));
            Assert.Contains("Lưu báo cáo này?", await SayAsync(api, host, Lan, "bỏ qua"));
            Assert.Contains("Đã lưu báo cáo số BC-0001", await SayAsync(api, host, Lan, "có"));
        }
        finally
        {
            await host.DisposeAsync();
        }

        using (var database = PcgdBotDatabase.Open(host.DatabasePath))
        {
            var update = Assert.Single(new ReportingStore(database).UpdatesIn("2026").Concat(new ReportingStore(database).UpdatesIn("2027")));
            Assert.Equal(("IV.13.2", ProgressStatus.Done, "zalo"), (update.DutyId, update.Status, update.Channel));

            // The renewed pair is what the file keeps, so a restart goes on with it.
            var tokens = Assert.Single(new ZaloTokenStore(database).All());
            Assert.Equal((api.CurrentAccessToken, api.CurrentRefreshToken), (tokens.AccessToken, tokens.RefreshToken));
        }

        host.DeleteFiles();
    }

    [Fact]
    public async Task Outside_the_7_day_window_the_person_is_marked_undeliverable_on_zalo()
    {
        await ZaloBotHost.WithOaStandInAsync(async (api, host) =>
        {
            var code = host.Engine.CreateInvite("Phòng Nội vụ", null, PersonRole.Focal, "test").Code!;
            await SayAsync(api, host, Lan, "đăng ký " + code);
            api.CloseWindow(Lan);

            using (await api.PostWebhookAsync(host.WebhookUrl, api.UserSendText(Lan, "xin chào")))
            {
            }

            await WaitUntil(() => host.Engine.Store.FindByIdentity("zalo", Lan)?.Identity.Unreachable == true);
        });
    }

    [Fact]
    public async Task An_unfollow_marks_the_person_unreachable_and_writing_again_makes_them_reachable()
    {
        await ZaloBotHost.WithOaStandInAsync(async (api, host) =>
        {
            var code = host.Engine.CreateInvite("Phòng Nội vụ", null, PersonRole.Focal, "test").Code!;
            await SayAsync(api, host, Lan, "đăng ký " + code);

            using (await api.PostWebhookAsync(host.WebhookUrl, api.Unfollow(Lan)))
            {
            }

            await WaitUntil(() => host.Engine.Store.FindByIdentity("zalo", Lan)?.Identity.Unreachable == true);
            Assert.Contains("Phòng Nội vụ", await SayAsync(api, host, Lan, "ai chủ trì tuyển dụng giáo viên"));
            Assert.False(host.Engine.Store.FindByIdentity("zalo", Lan)!.Identity.Unreachable);
        });
    }

    [Fact]
    public async Task A_reply_longer_than_2000_characters_arrives_in_parts()
    {
        await ZaloBotHost.WithOaStandInAsync(async (api, host) =>
        {
            await SayAsync(api, host, Lan, "nhiệm vụ của phòng giáo dục và đào tạo");
            await Task.Delay(500);
            var parts = api.SentTo(Lan);

            Assert.True(parts.Count >= 2, $"{parts.Count} part(s)");
            Assert.All(parts, p => Assert.True(p.Text.Length <= 2000, $"{p.Text.Length} characters"));
            Assert.StartsWith("Nhiệm vụ của Phòng Giáo dục và Đào tạo", parts[0].Text, StringComparison.Ordinal);
            Assert.Contains("trước ngày 20/12 hằng năm", string.Join("\n", parts.Select(p => p.Text)), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Killed_after_acknowledging_an_event_the_restarted_bot_answers_it_once()
    {
        await using var api = await ZaloOaStandIn.StartAsync();
        var folder = Path.Combine(Path.GetTempPath(), "pcgdbot-zalo-kill-" + Guid.NewGuid().ToString("N"));
        var port = ZaloBotHost.FreePort();
        string[] Args() =>
        [
            $"--urls=http://127.0.0.1:{port}",
            "--db", Path.Combine(folder, "bot.db"),
            $"--Zalo:Oa:AppId={api.AppId}", $"--Zalo:Oa:OaSecretKey={api.OaSecretKey}", $"--Zalo:Oa:AppSecret={api.AppSecret}",
            $"--Zalo:Oa:AccessToken={api.InitialAccessToken}", $"--Zalo:Oa:RefreshToken={api.InitialRefreshToken}",
            $"--Zalo:Oa:ApiBaseUrl={api.BaseUrl}", $"--Zalo:Oa:OAuthBaseUrl={api.BaseUrl}",
        ];
        var webhook = $"http://127.0.0.1:{port}/api/zalo/oa";
        try
        {
            // The OA API hangs, so the bot is killed after the 200 and before its answer got out.
            api.Latency = TimeSpan.FromSeconds(30);
            await using (var first = HostProcess.Start(Args()))
            {
                await WaitForHealth(port);
                using var response = await api.PostWebhookAsync(webhook, api.UserSendText(Lan, "Ai chủ trì tuyển dụng giáo viên?"));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                await WaitUntil(() => api.CallCount(ZaloOaStandIn.SendPath) >= 1);
                first.KillHard();
            }

            api.Latency = TimeSpan.Zero;
            await using (var second = HostProcess.Start(Args()))
            {
                await WaitForHealth(port);
                var answer = await api.WaitForSentAsync(m => m.UserId == Lan, Wait);
                Assert.Contains("Phòng Nội vụ", answer.Text);
                await Task.Delay(1000);
                Assert.Single(api.SentTo(Lan));
            }
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS.
            }
        }
    }

    private static async Task WaitForHealth(int port)
    {
        using var http = new HttpClient();
        await WaitUntil(async () =>
        {
            try
            {
                using var response = await http.GetAsync($"http://127.0.0.1:{port}/healthz");
                return response.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        });
    }

    private static Task WaitUntil(Func<bool> condition) => WaitUntil(() => Task.FromResult(condition()));

    private static async Task WaitUntil(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold in time");
            await Task.Delay(50);
        }
    }
}
