using System.Diagnostics;
using Microsoft.Playwright;
using PcgdBot.Storage.Reporting;
using PcgdBot.WebChat.BrowserTests.Support;
using PcgdBot.WebChat.Tests.Support;
using Xunit.Abstractions;

namespace PcgdBot.WebChat.BrowserTests;

/// <summary>The page at <c>/</c> in real headless Chromium, against the real host on Kestrel.</summary>
public sealed class WebChatPageTests(ChromiumFixture chromium, ITestOutputHelper output) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task A_newcomer_asks_an_example_question_and_sees_Phong_Noi_vu_with_no_request_leaving_the_host()
    {
        var host = await WebChatBotHost.StartAsync();
        try
        {
            await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "vi-VN", ViewportSize = new ViewportSize { Width = 900, Height = 1000 } });
            var chat = await ChatPage.OpenAsync(context, host.BaseUrl);
            await chat.GotoAsync();
            Assert.Contains("PcgdBot", await chat.Page.TitleAsync(), StringComparison.Ordinal);
            Assert.Equal(3, await chat.Page.Locator("button[data-question]").CountAsync());

            var answer = await chat.AskExampleAsync("Ai chủ trì tham mưu tuyển dụng giáo viên?");
            Assert.Contains("Phòng Nội vụ", answer, StringComparison.Ordinal);
            var firstLoad = chat.BytesReceived;

            await chat.Page.WaitForFunctionAsync("() => !document.body.innerText.includes('Đang kết nối')");
            var screenshot = Path.Combine(AppContext.BaseDirectory, "webchat-page.png");
            await chat.ScreenshotAsync(screenshot);
            output.WriteLine($"screenshot: {screenshot}");

            chat.ResetBytes();
            await chat.ReloadAsync();
            Assert.Contains(await chat.BotTextsAsync(), text => text.Contains("Phòng Nội vụ", StringComparison.Ordinal));
            var reload = chat.BytesReceived;
            output.WriteLine($"bytes received: first load {firstLoad:N0} (page, Web Chat, first answer), reload {reload:N0}");
            Console.WriteLine($"[webchat] bytes received: first load {firstLoad:N0}, reload {reload:N0}");

            var origin = new Uri(host.BaseUrl);
            // Only the host: data: and blob: addresses are made inside the page and never reach the network.
            Assert.All(chat.Requests, url => Assert.True(
                new Uri(url) is var address && (address.Scheme is "data" or "blob" || address.Authority == origin.Authority), url));
            Assert.Contains(chat.Requests, url => url.StartsWith("ws://" + origin.Authority, StringComparison.Ordinal));
            // The fingerprinted bundle comes from the browser's cache on a reload.
            Assert.True(reload < firstLoad / 10, $"reload received {reload} bytes of {firstLoad}");
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task A_focal_point_registers_reports_by_pressing_the_buttons_and_after_a_reload_finds_the_report()
    {
        var host = await WebChatBotHost.StartAsync();
        try
        {
            var code = host.Engine.CreateInvite("UBND các xã", "Mường So", PersonRole.Focal, "test").Code!;
            await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "vi-VN" });
            var chat = await ChatPage.OpenAsync(context, host.BaseUrl);
            await chat.GotoAsync();

            Assert.Contains("đã được đăng ký là cán bộ đầu mối của Xã Mường So", await chat.SayAsync("đăng ký " + code), StringComparison.Ordinal);
            Assert.Contains("Báo cáo nhiệm vụ nào", await chat.SayAsync("cập nhật"), StringComparison.Ordinal);
            var duties = await chat.SuggestedActionsAsync();
            Assert.True(duties.Count >= 2, "the duties come as buttons");
            Assert.Contains("Tình hình thực hiện", await chat.PressAsync(duties[1]), StringComparison.Ordinal);
            Assert.Contains("Có số liệu chính", await chat.PressAsync("Hoàn thành"), StringComparison.Ordinal);
            Assert.Contains("Ghi chú", await chat.SayAsync("95%"), StringComparison.Ordinal);
            Assert.Contains("Đã mở 3 lớp XMC", await chat.SayAsync("Đã mở 3 lớp XMC"), StringComparison.Ordinal);
            var confirm = (await chat.SuggestedActionsAsync())[0];
            Assert.Contains("Đã lưu báo cáo số BC-0001", await chat.PressAsync(confirm), StringComparison.Ordinal);

            await chat.ReloadAsync();
            var mine = await chat.SayAsync("báo cáo của tôi");
            Assert.Contains("BC-0001", mine, StringComparison.Ordinal);

            var identity = host.Engine.Store.AllPeople().SelectMany(p => host.Engine.Store.IdentitiesOf(p.Id)).Single(i => i.Channel == WebChatAdapter.ChannelId);
            var person = host.Engine.Store.FindByIdentity(WebChatAdapter.ChannelId, identity.UserId);
            Assert.NotNull(person);
            var update = Assert.Single(host.Engine.Store.UpdatesOfPerson(person.Person.Id, "2026").Concat(host.Engine.Store.UpdatesOfPerson(person.Person.Id, "2027")));
            Assert.Equal(ProgressStatus.Done, update.Status);
            Assert.Equal("webchat", update.Channel);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task A_second_browser_cannot_read_the_first_ones_conversation_with_its_own_token()
    {
        var host = await WebChatBotHost.StartAsync();
        try
        {
            await using var first = await chromium.Browser.NewContextAsync();
            await using var second = await chromium.Browser.NewContextAsync();
            var lan = await ChatPage.OpenAsync(first, host.BaseUrl);
            var mallory = await ChatPage.OpenAsync(second, host.BaseUrl);
            await lan.GotoAsync();
            await mallory.GotoAsync();
            var lanConversation = (await lan.ConversationIdAsync())!;
            var malloryConversation = (await mallory.ConversationIdAsync())!;

            Assert.NotEqual(lanConversation, malloryConversation);
            Assert.Equal(403, await mallory.StatusOfActivitiesWithOwnTokenAsync(lanConversation));
            Assert.Equal(200, await mallory.StatusOfActivitiesWithOwnTokenAsync(malloryConversation));
            Assert.Equal(200, await lan.StatusOfActivitiesWithOwnTokenAsync(lanConversation));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task With_polling_instead_of_the_websocket_the_answer_still_comes()
    {
        var host = await WebChatBotHost.StartAsync();
        try
        {
            await using var context = await chromium.Browser.NewContextAsync();
            var chat = await ChatPage.OpenAsync(context, host.BaseUrl);
            await chat.GotoAsync("/?polling=1");
            Assert.Contains("Phòng Nội vụ", await chat.SayAsync("ai phu trach tuyen dung giao vien?"), StringComparison.Ordinal);
            Assert.DoesNotContain(chat.Requests, url => url.StartsWith("ws", StringComparison.Ordinal));
            Assert.Contains(chat.Requests, url => url.Contains("/activities?watermark=", StringComparison.Ordinal));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task On_a_slow_border_commune_link_the_first_answer_comes_in_reasonable_time()
    {
        var host = await WebChatBotHost.StartAsync();
        try
        {
            await using var context = await chromium.Browser.NewContextAsync();
            var chat = await ChatPage.OpenAsync(context, host.BaseUrl);
            await chat.ThrottleAsync(kilobitsPerSecond: 400, roundTripMs: 400);

            var clock = Stopwatch.StartNew();
            await chat.GotoAsync();
            var pageReady = clock.Elapsed;
            var answer = await chat.AskExampleAsync("Ai chủ trì tham mưu tuyển dụng giáo viên?");
            clock.Stop();

            Assert.Contains("Phòng Nội vụ", answer, StringComparison.Ordinal);
            var line = $"[webchat] 400 kbit/s, 400 ms RTT: greeting shown after {pageReady.TotalSeconds:F1} s, first answer {clock.Elapsed.TotalSeconds:F1} s after opening /, {chat.BytesReceived:N0} bytes";
            output.WriteLine(line);
            Console.WriteLine(line);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(45), line);
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
