using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PcgdBot.Storage.Reporting;
using PcgdBot.WebChat.Tests.Support;

namespace PcgdBot.WebChat.Tests;

/// <summary>The Direct Line subset over real HTTP on loopback, polled as Web Chat polls with <c>webSocket: false</c>.</summary>
public sealed class DirectLineApiTests
{
    [Fact]
    public async Task A_question_is_echoed_with_its_client_id_and_answered_by_the_bot_in_reply_to_it()
    {
        var host = await WebChatBotHost.StartAsync();
        try
        {
            using var page = await new DirectLineTestClient(host.BaseUrl).StartAsync();
            var greeting = await page.PollAsync();
            Assert.Contains(greeting, a => DirectLineTestClient.IsBotMessage(a) && a.GetProperty("text").GetString()!.Contains("PcgdBot", StringComparison.Ordinal));

            var (id, clientId) = await page.PostAsync("Ai chủ trì tham mưu tuyển dụng giáo viên?");
            var reply = await page.WaitForReplyAsync(id);

            var echo = Assert.Single(page.Seen, a => a.GetProperty("id").GetString() == id);
            Assert.Equal(clientId, echo.GetProperty("channelData").GetProperty("clientActivityID").GetString());
            Assert.Equal("user", echo.GetProperty("from").GetProperty("role").GetString());
            Assert.Equal(page.Session.UserId, echo.GetProperty("from").GetProperty("id").GetString());
            Assert.Equal("Ai chủ trì tham mưu tuyển dụng giáo viên?", echo.GetProperty("text").GetString());
            Assert.Equal("bot", reply.GetProperty("from").GetProperty("role").GetString());
            Assert.Contains("Phòng Nội vụ", reply.GetProperty("text").GetString(), StringComparison.Ordinal);
            Assert.Equal(page.Session.ConversationId, reply.GetProperty("conversation").GetProperty("id").GetString());

            // Nothing new: the same watermark comes back with no activities.
            var watermark = page.Watermark;
            Assert.Empty(await page.PollAsync());
            Assert.Equal(watermark, page.Watermark);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task Choices_come_as_suggested_actions_and_stay_numbered_in_the_text_and_a_registration_outlives_a_reload()
    {
        var host = await WebChatBotHost.StartAsync();
        try
        {
            var code = host.Engine.CreateInvite("UBND các xã", "Mường So", PersonRole.Focal, "test").Code!;
            using var page = await new DirectLineTestClient(host.BaseUrl).StartAsync();
            Assert.Contains("đã được đăng ký", await page.SayAsync("đăng ký " + code));
            await page.SayAsync("cập nhật");
            var choices = page.Seen.Last(DirectLineTestClient.IsBotMessage);
            var actions = choices.GetProperty("suggestedActions").GetProperty("actions").EnumerateArray().ToList();
            Assert.True(actions.Count >= 2);
            Assert.All(actions, a => Assert.Equal("imBack", a.GetProperty("type").GetString()));
            Assert.Contains("1.", choices.GetProperty("text").GetString(), StringComparison.Ordinal);

            Assert.Contains("Tình hình thực hiện", await page.SayAsync(actions[1].GetProperty("value").GetString()!));

            // A reload: the page sends its kept identity and is the same person in the same conversation.
            using var reloaded = await new DirectLineTestClient(host.BaseUrl).StartAsync(page.Session.UserToken);
            Assert.Equal(page.Session.UserId, reloaded.Session.UserId);
            Assert.Equal(page.Session.ConversationId, reloaded.Session.ConversationId);
            var history = await reloaded.PollAsync();
            Assert.Contains(history, a => a.GetProperty("text").GetString() == "đăng ký " + code);
            Assert.NotNull(host.Engine.Store.FindByIdentity(WebChatAdapter.ChannelId, page.Session.UserId));

            // A new browser is someone else.
            using var stranger = await new DirectLineTestClient(host.BaseUrl).StartAsync();
            Assert.NotEqual(page.Session.UserId, stranger.Session.UserId);
            Assert.NotEqual(page.Session.ConversationId, stranger.Session.ConversationId);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task A_token_cannot_read_or_post_to_another_conversation_and_a_forged_or_missing_token_gets_403()
    {
        var host = await WebChatBotHost.StartAsync();
        try
        {
            using var lan = await new DirectLineTestClient(host.BaseUrl).StartAsync();
            using var other = await new DirectLineTestClient(host.BaseUrl).StartAsync();
            var lanActivities = $"conversations/{lan.Session.ConversationId}/activities";

            Assert.Equal(HttpStatusCode.Forbidden, (await other.SendAsync(other.Request(HttpMethod.Get, lanActivities))).StatusCode);
            var post = other.Request(HttpMethod.Post, lanActivities);
            post.Content = JsonContent.Create(new { type = "message", text = "xin chào" });
            Assert.Equal(HttpStatusCode.Forbidden, (await other.SendAsync(post)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.SendAsync(other.Request(HttpMethod.Get, $"conversations/{lan.Session.ConversationId}"))).StatusCode);

            var forged = lan.Token[..^4] + (lan.Token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
            Assert.Equal(HttpStatusCode.Forbidden, (await lan.SendAsync(lan.Request(HttpMethod.Get, lanActivities, forged))).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await lan.SendAsync(lan.Request(HttpMethod.Get, lanActivities, "garbage"))).StatusCode);
            // The identity token kept in local storage is not a conversation token.
            Assert.Equal(HttpStatusCode.Forbidden, (await lan.SendAsync(lan.Request(HttpMethod.Get, lanActivities, lan.Session.UserToken))).StatusCode);
            using var anonymous = new HttpClient();
            Assert.Equal(HttpStatusCode.Forbidden, (await anonymous.GetAsync(host.BaseUrl + "/v3/directline/" + lanActivities)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await anonymous.PostAsync(host.BaseUrl + "/v3/directline/conversations", null)).StatusCode);

            // The right token still works, and Lan's conversation holds nothing of the other's.
            Assert.NotEmpty(await lan.PollAsync());
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task A_refreshed_token_works_for_the_same_conversation_only()
    {
        var host = await WebChatBotHost.StartAsync();
        try
        {
            using var page = await new DirectLineTestClient(host.BaseUrl).StartAsync();
            var response = await page.SendAsync(page.Request(HttpMethod.Post, "tokens/refresh"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var refreshed = (await response.Content.ReadFromJsonAsync<DirectLineConversationInfo>(DirectLineJson.Default.DirectLineConversationInfo))!;
            Assert.Equal(page.Session.ConversationId, refreshed.ConversationId);
            Assert.Equal(1800, refreshed.ExpiresIn);
            Assert.Equal(HttpStatusCode.OK, (await page.SendAsync(page.Request(HttpMethod.Get, $"conversations/{page.Session.ConversationId}/activities", refreshed.Token))).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await page.SendAsync(page.Request(HttpMethod.Post, "tokens/refresh", "v1.x.y"))).StatusCode);

            var reconnect = await page.SendAsync(page.Request(HttpMethod.Get, $"conversations/{page.Session.ConversationId}?watermark=3"));
            var info = await reconnect.Content.ReadFromJsonAsync<JsonElement>();
            Assert.StartsWith("ws://", info.GetProperty("streamUrl").GetString(), StringComparison.Ordinal);
            Assert.Contains("watermark=3", info.GetProperty("streamUrl").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task An_oversized_body_gets_413_a_malformed_one_400_and_a_too_long_text_a_polite_answer()
    {
        var host = await WebChatBotHost.StartAsync();
        try
        {
            using var page = await new DirectLineTestClient(host.BaseUrl).StartAsync();
            var path = $"conversations/{page.Session.ConversationId}/activities";

            var huge = page.Request(HttpMethod.Post, path);
            huge.Content = new StringContent("{\"type\":\"message\",\"text\":\"" + new string('a', 70 * 1024) + "\"}", Encoding.UTF8, "application/json");
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await page.SendAsync(huge)).StatusCode);

            using var chunkedClient = new HttpClient();
            var chunked = page.Request(HttpMethod.Post, host.BaseUrl + "/v3/directline/" + path);
            chunked.Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(new string(' ', 100 * 1024))));
            chunked.Headers.TransferEncodingChunked = true;
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await chunkedClient.SendAsync(chunked)).StatusCode);

            var malformed = page.Request(HttpMethod.Post, path);
            malformed.Content = new StringContent("{\"type\": ", Encoding.UTF8, "application/json");
            Assert.Equal(HttpStatusCode.BadRequest, (await page.SendAsync(malformed)).StatusCode);

            Assert.Contains("Tin nhắn dài quá", await page.SayAsync(new string('x', 3000)), StringComparison.Ordinal);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task Starting_too_many_conversations_from_one_address_gets_429_with_retry_after()
    {
        var host = await WebChatBotHost.StartAsync(new Dictionary<string, string?> { ["WebChat:StartsPerMinutePerIp"] = "3" });
        try
        {
            using var http = new HttpClient();
            var statuses = new List<HttpResponseMessage>();
            for (var i = 0; i < 4; i++)
            {
                statuses.Add(await http.PostAsync(host.BaseUrl + "/v3/directline/tokens/generate", null));
            }

            Assert.All(statuses.Take(3), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
            Assert.Equal(HttpStatusCode.TooManyRequests, statuses[3].StatusCode);
            Assert.InRange(int.Parse(statuses[3].Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task Behind_the_local_reverse_proxy_each_visitor_has_a_limit_of_their_own()
    {
        var host = await WebChatBotHost.StartAsync(new Dictionary<string, string?> { ["WebChat:StartsPerMinutePerIp"] = "2" });
        try
        {
            using var http = new HttpClient();
            async Task<HttpStatusCode> StartAs(string visitor)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, host.BaseUrl + "/v3/directline/tokens/generate");
                // What nginx in deploy/ sends: the visitor's address appended last (a spoofed first entry is ignored).
                request.Headers.Add("X-Forwarded-For", "10.9.9.9, " + visitor);
                using var response = await http.SendAsync(request);
                return response.StatusCode;
            }

            Assert.Equal(HttpStatusCode.OK, await StartAs("203.0.113.1"));
            Assert.Equal(HttpStatusCode.OK, await StartAs("203.0.113.1"));
            Assert.Equal(HttpStatusCode.TooManyRequests, await StartAs("203.0.113.1"));
            Assert.Equal(HttpStatusCode.OK, await StartAs("203.0.113.2"));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task Posting_too_fast_from_one_address_gets_429_with_retry_after()
    {
        var host = await WebChatBotHost.StartAsync(new Dictionary<string, string?> { ["WebChat:PostsPerMinutePerIp"] = "2" });
        try
        {
            using var page = await new DirectLineTestClient(host.BaseUrl).StartAsync();
            await page.PostAsync("xin chào");
            await page.PostAsync("xin chào");
            var third = page.Request(HttpMethod.Post, $"conversations/{page.Session.ConversationId}/activities");
            third.Content = JsonContent.Create(new { type = "message", text = "xin chào" });
            var response = await page.SendAsync(third);
            Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
            Assert.True(response.Headers.Contains("Retry-After"));
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
