using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace PcgdBot.Zalo.Tests.StandIn;

/// <summary>The stand-ins themselves, driven with plain HttpClient.</summary>
public sealed class ZaloStandInTests
{
    private const string User = "246845883529197922";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    // ================================================================ OA: webhook side

    // sha256sum over "360846524940903967" + Data/oa/user_send_text.json + "1717000000000" + "TEST_OA_SECRET",
    // i.e. the reference formula over the reference body, computed independently of this code.
    private const string ComputedVector = "mac=3bd8d5fb026754fdc9778b95a07134b00aebf40d9b99371624eeed82bfbcebf3";

    [Fact]
    public async Task Sign_over_the_recorded_reference_body_follows_the_reference_formula()
    {
        await using var oa = await ZaloOaStandIn.StartAsync();
        var body = ZaloTestData.Oa("user_send_text");
        Assert.Equal(260, Encoding.UTF8.GetByteCount(body));
        Assert.Equal("1717000000000", ZaloOaStandIn.TimestampOf(body));
        Assert.Equal(ComputedVector, oa.Sign(body, "1717000000000"));
    }

    [Fact]
    public async Task Builders_reproduce_the_reference_body_and_the_recorded_event_shapes()
    {
        await using var oa = await ZaloOaStandIn.StartAsync();
        oa.Time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_717_000_000_000));
        oa.SetUserIdByApp(User, "552177279717587730");
        Assert.Equal(ZaloTestData.Oa("user_send_text"), oa.UserSendText(User, "...", msgId: "96d3cdf3af150460909"));

        var text = JsonNode.Parse(oa.UserSendText("111", "Xin chào"))!;
        Assert.Equal(("111", ZaloOaStandIn.DefaultOaId, "user_send_text", "Xin chào"), ((string)text["sender"]!["id"]!, (string)text["recipient"]!["id"]!, (string)text["event_name"]!, (string)text["message"]!["text"]!));
        Assert.Matches("^[0-9a-f]{20}$", (string)text["message"]!["msg_id"]!);
        Assert.Contains("Xin chào", oa.UserSendText("111", "Xin chào"), StringComparison.Ordinal);

        Assert.Null(JsonNode.Parse(oa.OaSendText(User, "a", byAdmin: false))!["sender"]!["admin_id"]);
        Assert.NotNull(JsonNode.Parse(oa.OaSendText(User, "a", byAdmin: true))!["sender"]!["admin_id"]);
        Assert.Equal(Keys(ZaloTestData.Oa("oa_send_text_admin")), Keys(oa.OaSendText(User, "a", byAdmin: true)));
        Assert.Equal(Keys(ZaloTestData.Oa("follow")), Keys(oa.Follow(User)));
        Assert.Equal("unfollow", (string)JsonNode.Parse(oa.Unfollow(User))!["event_name"]!);
        Assert.Null(JsonNode.Parse(oa.Follow(User))!["sender"]);
        Assert.Equal(Keys(ZaloTestData.Oa("user_send_image")), Keys(oa.UserSendImage(User)));
        Assert.Equal(Keys(ZaloTestData.Oa("user_send_sticker")), Keys(oa.UserSendSticker(User)));
        Assert.Equal(Keys(ZaloTestData.Oa("user_seen_message")), Keys(oa.UserSeenMessage(User, ["63ecf43f0df7dba892e6"])));
        Assert.Equal("Ai chủ trì mở lớp xóa mù chữ?", (string)JsonNode.Parse(ZaloTestData.Oa("user_send_text_vi"))!["message"]!["text"]!);
    }

    [Fact]
    public async Task PostWebhookAsync_sends_the_body_byte_for_byte_signed_over_its_timestamp()
    {
        await using var oa = await ZaloOaStandIn.StartAsync();
        var received = new List<(string Body, string Signature, string? ContentType)>();
        await using var receiver = await LoopbackServer.StartAsync("receiver", async ctx =>
        {
            using var reader = new StreamReader(ctx.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            lock (received)
            {
                received.Add((body, ctx.Request.Headers[ZaloOaStandIn.SignatureHeader].ToString(), ctx.Request.ContentType));
            }

            ctx.Response.StatusCode = 200;
        });

        var vi = ZaloTestData.Oa("user_send_text_vi");
        using (var r = await oa.PostWebhookAsync(receiver.BaseUrl + "/zalo/oa", vi))
        {
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        }

        (await oa.PostWebhookAsync(receiver.BaseUrl, vi, sign: false)).Dispose();
        (await oa.PostWebhookAsync(receiver.BaseUrl, vi, signatureOverride: "mac=forged")).Dispose();

        Assert.Equal(vi, received[0].Body);
        Assert.Equal(oa.Sign(vi, "1717000060000"), received[0].Signature);
        Assert.Equal("application/json", received[0].ContentType);
        Assert.Equal(string.Empty, received[1].Signature);
        Assert.Equal("mac=forged", received[2].Signature);
    }

    // ================================================================ OA: message/cs

    [Fact]
    public async Task Send_succeeds_with_a_valid_token_and_is_recorded()
    {
        await using var oa = await ZaloOaStandIn.StartAsync();
        using var http = new HttpClient();
        var (status, answer) = await SendAsync(http, oa, oa.InitialAccessToken, User, "Chào bạn");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, (int)answer["error"]!);
        Assert.Equal("Success", (string)answer["message"]!);
        Assert.Matches("^[0-9a-f]{20}$", (string)answer["data"]!["message_id"]!);
        Assert.Equal(User, (string)answer["data"]!["user_id"]!);
        Assert.Matches("^[0-9]{13}$", (string)answer["data"]!["sent_time"]!);
        Assert.NotNull(answer["data"]!["quota"]);

        var sent = await oa.WaitForSentAsync(s => s.Text == "Chào bạn", Wait);
        Assert.Equal((User, oa.InitialAccessToken, (string)answer["data"]!["message_id"]!), (sent.UserId, sent.AccessToken, sent.MessageId));
        Assert.Single(oa.SentTo(User));
        Assert.Equal(1, oa.CallCount(ZaloOaStandIn.SendPath));
        Assert.Equal(1, oa.CallCount("v3.0/oa/message/cs"));
    }

    [Fact]
    public async Task Send_errors_come_with_http_200_and_a_zalo_error()
    {
        await using var oa = await ZaloOaStandIn.StartAsync();
        using var http = new HttpClient();
        var token = oa.InitialAccessToken;

        Assert.Equal(-216, await SendErrorAsync(http, oa, null, User, "a"));
        Assert.Equal(-216, await SendErrorAsync(http, oa, "not-a-token", User, "a"));
        Assert.Equal(-201, await SendErrorAsync(http, oa, token, User, string.Empty));
        Assert.Equal(-201, await SendErrorAsync(http, oa, token, User, new string('x', 2001)));
        Assert.Equal(0, await SendErrorAsync(http, oa, token, User, new string('x', 2000)));

        oa.CloseWindow("999");
        var (_, window) = await SendAsync(http, oa, token, "999", "a");
        Assert.Equal((-230, "User has not interacted with the OA in the last 7 days"), ((int)window["error"]!, (string)window["message"]!));
        oa.OpenWindow("999");
        Assert.Equal(0, await SendErrorAsync(http, oa, token, "999", "a"));

        oa.RateLimitNextSend(times: 2);
        Assert.Equal(-32, await SendErrorAsync(http, oa, token, User, "a"));
        Assert.Equal(-32, await SendErrorAsync(http, oa, token, User, "a"));
        oa.FailNextSend(-213, "User has not followed the OA");
        Assert.Equal(-213, await SendErrorAsync(http, oa, token, User, "a"));
        Assert.Equal(0, await SendErrorAsync(http, oa, token, User, "a"));

        oa.FailNextSendWithHttpStatus(500);
        Assert.Equal(HttpStatusCode.InternalServerError, (await PostSendAsync(http, oa, token, User, "a")).StatusCode);
        oa.FailNextWithNetworkError();
        await Assert.ThrowsAsync<HttpRequestException>(() => PostSendAsync(http, oa, token, User, "a"));

        Assert.Equal(3, oa.Sent.Count);
        Assert.Equal(13, oa.CallCount(ZaloOaStandIn.SendPath));
        Assert.Contains(oa.Calls, c => c.Error == -230 && c.UserId == "999");
    }

    [Fact]
    public async Task WaitForSentAsync_times_out_listing_what_was_sent()
    {
        await using var oa = await ZaloOaStandIn.StartAsync();
        using var http = new HttpClient();
        await SendAsync(http, oa, oa.InitialAccessToken, User, "Chào bạn");
        var ex = await Assert.ThrowsAsync<TimeoutException>(() => oa.WaitForSentAsync(s => s.Text == "other", TimeSpan.FromMilliseconds(200)));
        Assert.Contains("Chào bạn", ex.Message, StringComparison.Ordinal);
    }

    // ================================================================ OA: tokens

    [Fact]
    public async Task Refresh_rotates_the_pair_and_refresh_tokens_are_single_use()
    {
        await using var oa = await ZaloOaStandIn.StartAsync();
        using var http = new HttpClient();

        var wrongSecret = await RefreshAsync(http, oa, oa.InitialRefreshToken, "WRONG");
        Assert.Equal((-14002, "Invalid secret key"), ((int)wrongSecret["error"]!, (string)wrongSecret["error_name"]!));

        var fresh = await RefreshAsync(http, oa, oa.InitialRefreshToken);
        Assert.Equal("90000", (string)fresh["expires_in"]!);
        var access = (string)fresh["access_token"]!;
        Assert.Equal((access, (string)fresh["refresh_token"]!, 1), (oa.CurrentAccessToken, oa.CurrentRefreshToken, oa.RefreshCount));
        Assert.NotEqual(oa.InitialAccessToken, access);

        Assert.Equal(-216, await SendErrorAsync(http, oa, oa.InitialAccessToken, User, "a"));
        Assert.Equal(0, await SendErrorAsync(http, oa, access, User, "a"));

        var reused = await RefreshAsync(http, oa, oa.InitialRefreshToken);
        Assert.Equal((-14014, "Invalid refresh token"), ((int)reused["error"]!, (string)reused["error_name"]!));
        Assert.Equal(-14014, (int)(await RefreshAsync(http, oa, "unknown"))["error"]!);
        Assert.Equal(access, oa.CurrentAccessToken);

        var again = await RefreshAsync(http, oa, (string)fresh["refresh_token"]!);
        Assert.NotNull(again["access_token"]);
        Assert.Equal(2, oa.RefreshCount);
        Assert.Equal(5, oa.CallCount(ZaloOaStandIn.RefreshPath));
    }

    [Fact]
    public async Task An_expired_token_answers_220_until_refreshed()
    {
        await using var oa = await ZaloOaStandIn.StartAsync();
        using var http = new HttpClient();
        oa.ExpireAccessToken();
        var (_, expired) = await SendAsync(http, oa, oa.InitialAccessToken, User, "a");
        Assert.Equal((-220, "Access token has expired"), ((int)expired["error"]!, (string)expired["message"]!));

        var fresh = await RefreshAsync(http, oa, oa.InitialRefreshToken);
        Assert.Equal(0, await SendErrorAsync(http, oa, (string)fresh["access_token"]!, User, "a"));
        Assert.Equal(-216, await SendErrorAsync(http, oa, oa.InitialAccessToken, User, "a"));
    }

    // ================================================================ Bot Platform

    [Fact]
    public async Task Bot_getMe_and_a_wrong_token()
    {
        await using var bot = await ZaloBotStandIn.StartAsync();
        using var http = new HttpClient();
        var (status, me) = await BotCallAsync(http, bot, "getMe", "{}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True((bool)me["ok"]!);
        Assert.Equal(bot.BotId, (string)me["result"]!["id"]!);
        Assert.NotNull(me["result"]!["account_name"]);

        var (unauthorizedStatus, unauthorized) = await BotCallAsync(http, bot, "getMe", "{}", token: "1:wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorizedStatus);
        Assert.Equal((false, 401, "Unauthorized"), ((bool)unauthorized["ok"]!, (int)unauthorized["error_code"]!, (string)unauthorized["description"]!));
    }

    [Fact]
    public async Task Bot_getUpdates_returns_one_wrapped_update_per_call_then_408_after_the_timeout()
    {
        await using var bot = await ZaloBotStandIn.StartAsync();
        using var http = new HttpClient();
        var chat = ZaloBotStandIn.NewUserId();
        Assert.Matches("^[0-9a-f]{20}$", chat);
        var firstId = bot.EnqueueText(chat, "Xin chào");
        bot.EnqueueUnsupported(chat);

        var (_, first) = await BotCallAsync(http, bot, "getUpdates", """{"timeout":"30"}""");
        Assert.True((bool)first["ok"]!);
        Assert.Equal("message.text.received", (string)first["result"]!["event_name"]!);
        var message = first["result"]!["message"]!;
        Assert.Equal((chat, "Lan", false, chat, "PRIVATE", "Xin chào", firstId), ((string)message["from"]!["id"]!, (string)message["from"]!["display_name"]!, (bool)message["from"]!["is_bot"]!, (string)message["chat"]!["id"]!, (string)message["chat"]!["chat_type"]!, (string)message["text"]!, (string)message["message_id"]!));
        Assert.True((long)message["date"]! > 1_700_000_000_000);

        var (_, second) = await BotCallAsync(http, bot, "getUpdates", """{"timeout":30}""");
        Assert.Equal("message.unsupported.received", (string)second["result"]!["event_name"]!);

        var watch = Stopwatch.StartNew();
        var (status, empty) = await BotCallAsync(http, bot, "getUpdates", """{"timeout":"0.4"}""");
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(350), watch.Elapsed.ToString());
        Assert.Equal((HttpStatusCode.RequestTimeout, false, 408, "Request timeout"), (status, (bool)empty["ok"]!, (int)empty["error_code"]!, (string)empty["description"]!));

        var waiting = BotCallAsync(http, bot, "getUpdates", """{"timeout":"10"}""");
        await bot.WaitForCallAsync("getUpdates", 4, Wait);
        bot.EnqueueImage(chat, caption: "ảnh");
        var (_, image) = await waiting.WaitAsync(Wait);
        Assert.Equal(("message.image.received", "ảnh"), ((string)image["result"]!["event_name"]!, (string)image["result"]!["message"]!["caption"]!));
        Assert.Equal(0, bot.PendingUpdates);
    }

    [Fact]
    public async Task Bot_webhook_excludes_polling_and_pushes_with_the_secret()
    {
        await using var bot = await ZaloBotStandIn.StartAsync();
        using var http = new HttpClient();
        var pushed = new List<(string Body, string Secret)>();
        await using var receiver = await LoopbackServer.StartAsync("receiver", async ctx =>
        {
            using var reader = new StreamReader(ctx.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            lock (pushed)
            {
                pushed.Add((body, ctx.Request.Headers[ZaloBotStandIn.SecretHeader].ToString()));
            }

            ctx.Response.StatusCode = StatusCodes.Status200OK;
        });
        var url = receiver.BaseUrl + "/zalo/bot";

        Assert.Equal(400, (int)(await BotCallAsync(http, bot, "setWebhook", $$"""{"url":"{{url}}","secret_token":"short"}""")).Json["error_code"]!);
        Assert.True((bool)(await BotCallAsync(http, bot, "setWebhook", $$"""{"url":"{{url}}","secret_token":"s3cret-token"}""")).Json["ok"]!);
        Assert.Equal(new ZaloBotWebhook(url, "s3cret-token", bot.Webhook!.SetAt), bot.Webhook);
        Assert.Equal(url, (string)(await BotCallAsync(http, bot, "getWebhookInfo", "{}")).Json["result"]!["url"]!);

        var (conflictStatus, conflict) = await BotCallAsync(http, bot, "getUpdates", """{"timeout":"5"}""");
        Assert.Equal((HttpStatusCode.Conflict, false), (conflictStatus, (bool)conflict["ok"]!));

        var chat = ZaloBotStandIn.NewUserId();
        var flat = bot.TextUpdateJson(chat, "Xin chào", wrapped: false);
        var wrapped = bot.TextUpdateJson(chat, "Xin chào", wrapped: true);
        Assert.Equal("message.text.received", (string)JsonNode.Parse(flat)!["event_name"]!);
        Assert.Equal("Xin chào", (string)JsonNode.Parse(wrapped)!["result"]!["message"]!["text"]!);
        Assert.Equal(Keys(ZaloTestData.Bot("text-flat")), Keys(flat));
        Assert.Equal(Keys(ZaloTestData.Bot("text-wrapped")), Keys(wrapped));
        Assert.Equal(Keys(ZaloTestData.Bot("unsupported")), Keys(bot.UnsupportedUpdateJson(chat, wrapped: true)));
        Assert.Equal(Keys(ZaloTestData.Bot("image")), Keys(bot.ImageUpdateJson(chat, wrapped: true, caption: "c")));

        (await bot.PostToWebhookAsync(flat)).Dispose();
        (await bot.PostToWebhookAsync(wrapped, "forged-secret")).Dispose();
        Assert.Equal((flat, "s3cret-token"), pushed[0]);
        Assert.Equal((wrapped, "forged-secret"), pushed[1]);

        Assert.True((bool)(await BotCallAsync(http, bot, "deleteWebhook", "{}")).Json["ok"]!);
        Assert.Null(bot.Webhook);
        Assert.Equal(HttpStatusCode.RequestTimeout, (await BotCallAsync(http, bot, "getUpdates", """{"timeout":"0"}""")).Status);
    }

    [Fact]
    public async Task Bot_sendMessage_limits_faults_and_records()
    {
        await using var bot = await ZaloBotStandIn.StartAsync();
        using var http = new HttpClient();
        var chat = ZaloBotStandIn.NewUserId();

        Assert.Equal(HttpStatusCode.BadRequest, (await BotCallAsync(http, bot, "sendMessage", $$"""{"chat_id":"{{chat}}","text":""}""")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await BotCallAsync(http, bot, "sendMessage", $$"""{"chat_id":"{{chat}}","text":"{{new string('x', 2001)}}"}""")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await BotCallAsync(http, bot, "sendMessage", """{"text":"a"}""")).Status);
        Assert.True((bool)(await BotCallAsync(http, bot, "sendMessage", $$"""{"chat_id":"{{chat}}","text":"{{new string('x', 2000)}}"}""")).Json["ok"]!);

        var (_, ok) = await BotCallAsync(http, bot, "sendMessage", $$"""{"chat_id":"{{chat}}","text":"Chào Lan"}""");
        Assert.True((long)ok["result"]!["date"]! > 1_700_000_000_000);
        var sent = await bot.WaitForSentAsync(s => s.Text == "Chào Lan", Wait);
        Assert.Equal((chat, (string)ok["result"]!["message_id"]!), (sent.ChatId, sent.MessageId));

        bot.FailNext("sendMessage", 429, "Too Many Requests");
        var (tooManyStatus, tooMany) = await BotCallAsync(http, bot, "sendMessage", $$"""{"chat_id":"{{chat}}","text":"a"}""");
        Assert.Equal(((HttpStatusCode)429, 429, "Too Many Requests"), (tooManyStatus, (int)tooMany["error_code"]!, (string)tooMany["description"]!));

        bot.ErrorsAsHttp200 = true;
        bot.FailNext("sendMessage", 429, "Too Many Requests");
        var (okStatus, stillError) = await BotCallAsync(http, bot, "sendMessage", $$"""{"chat_id":"{{chat}}","text":"a"}""");
        Assert.Equal((HttpStatusCode.OK, false), (okStatus, (bool)stillError["ok"]!));

        bot.FailNextWithNetworkError("sendMessage");
        await Assert.ThrowsAsync<HttpRequestException>(() => BotCallAsync(http, bot, "sendMessage", $$"""{"chat_id":"{{chat}}","text":"a"}"""));

        Assert.True((bool)(await BotCallAsync(http, bot, "sendChatAction", $$"""{"chat_id":"{{chat}}","action":"typing"}""")).Json["ok"]!);
        Assert.Equal(2, bot.SentTo(chat).Count);
        Assert.Equal(8, bot.CallCount("sendMessage"));
        Assert.Equal(1, bot.CallCount("sendChatAction"));
        Assert.Equal(404, (int)(await BotCallAsync(http, bot, "noSuchMethod", "{}")).Json["error_code"]!);
    }

    [Fact]
    public void Every_recorded_payload_is_json_without_a_trailing_newline()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Data");
        var files = Directory.GetFiles(folder, "*.json", SearchOption.AllDirectories);
        Assert.Equal(17, files.Length);
        foreach (var file in files)
        {
            var text = ZaloTestData.Read(Path.GetRelativePath(folder, file));
            Assert.NotNull(JsonNode.Parse(text));
            Assert.False(text.EndsWith('\n'), file);
        }
    }

    // ================================================================ helpers

    private static Task<HttpResponseMessage> PostSendAsync(HttpClient http, ZaloOaStandIn oa, string? token, string userId, string text)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, oa.BaseUrl + ZaloOaStandIn.SendPath)
        {
            Content = new StringContent(
                new JsonObject { ["recipient"] = new JsonObject { ["user_id"] = userId }, ["message"] = new JsonObject { ["text"] = text } }.ToJsonString(),
                Encoding.UTF8,
                "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Add("access_token", token);
        }

        return http.SendAsync(request);
    }

    private static async Task<(HttpStatusCode Status, JsonNode Json)> SendAsync(HttpClient http, ZaloOaStandIn oa, string? token, string userId, string text)
    {
        using var response = await PostSendAsync(http, oa, token, userId, text);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private static async Task<int> SendErrorAsync(HttpClient http, ZaloOaStandIn oa, string? token, string userId, string text)
    {
        var (status, json) = await SendAsync(http, oa, token, userId, text);
        Assert.Equal(HttpStatusCode.OK, status);
        return (int)json["error"]!;
    }

    private static async Task<JsonNode> RefreshAsync(HttpClient http, ZaloOaStandIn oa, string refreshToken, string? secret = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, oa.BaseUrl + ZaloOaStandIn.RefreshPath)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["refresh_token"] = refreshToken,
                ["app_id"] = oa.AppId,
                ["grant_type"] = "refresh_token",
            }),
        };
        request.Headers.Add("secret_key", secret ?? oa.AppSecret);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static async Task<(HttpStatusCode Status, JsonNode Json)> BotCallAsync(HttpClient http, ZaloBotStandIn bot, string method, string json, string? token = null)
    {
        using var response = await http.PostAsync($"{bot.BaseUrl}/bot{token ?? bot.Token}/{method}", new StringContent(json, Encoding.UTF8, "application/json"));
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    /// <summary>The object paths of a JSON document ("message.text", "message.attachments[].payload.url"), sorted.</summary>
    private static string Keys(string json)
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        void Walk(JsonNode? node, string prefix)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (key, value) in o)
                    {
                        paths.Add(prefix + key);
                        Walk(value, prefix + key + ".");
                    }

                    break;
                case JsonArray a:
                    foreach (var item in a)
                    {
                        Walk(item, prefix.TrimEnd('.') + "[].");
                    }

                    break;
            }
        }

        Walk(JsonNode.Parse(json), string.Empty);
        return string.Join(",", paths);
    }
}
