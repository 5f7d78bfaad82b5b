using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging.Abstractions;
using PcgdBot.Channels;
using PcgdBot.Zalo.Bot;
using PcgdBot.Zalo.Tests.StandIn;

namespace PcgdBot.Zalo.Tests.Bot;

/// <summary>
/// The adapter against the stand-in Bot Platform over real HTTP: the webhook's checks, durable de-duplication,
/// replies, and the platform's errors. Webhook calls are made with a DefaultHttpContext, or through Kestrel end to end.
/// </summary>
public sealed class ZaloBotAdapterTests : IDisposable
{
    private const string Secret = "webhook-secret-123";
    private const string Politely = "Xin lỗi, tôi chỉ đọc được tin nhắn dạng chữ. Anh/chị vui lòng gõ câu hỏi hoặc \"cập nhật\" để báo cáo.";

    private readonly TempDatabase database = new();
    private readonly RecordedReachability reachability = new();
    private readonly List<TimeSpan> waits = [];
    private readonly string chat = ZaloBotStandIn.NewUserId();

    public void Dispose() => database.Dispose();

    private static ZaloBotOptions Options(ZaloBotStandIn api, ZaloBotMode mode = ZaloBotMode.Webhook) => new()
    {
        Token = api.Token,
        ApiBaseUrl = api.BaseUrl,
        Mode = mode,
        PublicUrl = "https://pcgd.example.vn",
        WebhookSecret = Secret,
    };

    private ZaloBotAdapter Adapter(ZaloBotStandIn api, ZaloBotOptions? options = null)
    {
        options ??= Options(api);
        return new ZaloBotAdapter(new ZaloBotApiClient(options, new HttpClient()), options, database.Events, reachability, NullLogger<ZaloBotAdapter>.Instance)
        {
            // Time passes at once; the waits asked for are recorded.
            Delay = (wait, _) =>
            {
                lock (waits)
                {
                    waits.Add(wait);
                }

                return Task.CompletedTask;
            },
        };
    }

    private static async Task<int> PostAsync(ZaloBotAdapter adapter, IBot bot, string body, string? secret = Secret)
    {
        var http = Request(new MemoryStream(Encoding.UTF8.GetBytes(body)), secret);
        await adapter.ProcessAsync(http.Request, http.Response, bot);
        return http.Response.StatusCode;
    }

    private static DefaultHttpContext Request(Stream body, string? secret)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = "POST";
        http.Request.Path = ZaloBotOptions.WebhookPath;
        http.Request.ContentType = "application/json";
        http.Request.Body = body;
        if (secret is not null)
        {
            http.Request.Headers[ZaloBotAdapter.SecretHeader] = secret;
        }

        return http;
    }

    private ConversationReference Reference() => new()
    {
        ChannelId = "zalo-bot",
        ServiceUrl = "zalo-bot",
        Conversation = new ConversationAccount(id: chat),
        User = new ChannelAccount(chat),
        Bot = new ChannelAccount("bot"),
    };

    private ZaloBotUpdate Update(ZaloBotStandIn api, string text)
    {
        Assert.True(ZaloBotUpdateReader.TryRead(api.TextUpdateJson(chat, text, wrapped: false), out var update));
        return update!;
    }

    private static BotCallbackHandler Replying(params string[] replies) => DelegateBot.Replying(replies).OnTurnAsync;

    private List<string?> Texts(ZaloBotStandIn api) => [.. api.SentTo(chat).Select(s => s.Text)];

    /// <summary>A body that records being read: the secret must be checked first.</summary>
    private sealed class WatchedBody(byte[] content) : MemoryStream(content)
    {
        public bool WasRead { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            WasRead = true;
            return base.Read(buffer, offset, count);
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            WasRead = true;
            return base.ReadAsync(buffer, cancellationToken);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            WasRead = true;
            return base.ReadAsync(buffer, offset, count, cancellationToken);
        }
    }

    [Theory]
    [InlineData("wrong-secret-123")]
    [InlineData("webhook-secret-12")]
    [InlineData("webhook-secret-1234")]
    [InlineData("")]
    [InlineData(null)]
    public async Task A_webhook_call_without_the_right_secret_is_refused_with_403_before_the_body_is_read(string? secret)
    {
        await using var api = await ZaloBotStandIn.StartAsync();
        var bot = DelegateBot.Echo();
        var body = new WatchedBody(Encoding.UTF8.GetBytes(api.TextUpdateJson(chat, "xin chào", wrapped: false)));
        var http = Request(body, secret);

        await Adapter(api).ProcessAsync(http.Request, http.Response, bot);

        Assert.Equal(StatusCodes.Status403Forbidden, http.Response.StatusCode);
        Assert.False(body.WasRead);
        Assert.Equal(0, bot.Turns);
        Assert.Empty(api.Calls);
    }

    [Fact]
    public async Task In_polling_mode_the_webhook_refuses_even_the_configured_secret()
    {
        await using var api = await ZaloBotStandIn.StartAsync();
        var adapter = Adapter(api, Options(api, ZaloBotMode.Polling));

        Assert.Equal(StatusCodes.Status403Forbidden, await PostAsync(adapter, DelegateBot.Echo(), api.TextUpdateJson(chat, "xin chào", wrapped: false)));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("{\"ok\":false,\"error_code\":400}")]
    public async Task An_unreadable_body_is_answered_400_and_the_bot_does_not_run(string body)
    {
        await using var api = await ZaloBotStandIn.StartAsync();
        var bot = DelegateBot.Echo();

        Assert.Equal(StatusCodes.Status400BadRequest, await PostAsync(Adapter(api), bot, body));
        Assert.Equal(0, bot.Turns);
    }

    [Fact]
    public async Task Flat_and_wrapped_webhook_bodies_both_reach_the_bot()
    {
        await using var api = await ZaloBotStandIn.StartAsync();
        var adapter = Adapter(api);
        var bot = DelegateBot.Echo();

        Assert.Equal(StatusCodes.Status200OK, await PostAsync(adapter, bot, api.TextUpdateJson(chat, "phẳng", wrapped: false)));
        Assert.Equal(StatusCodes.Status200OK, await PostAsync(adapter, bot, api.TextUpdateJson(chat, "bọc", wrapped: true)));

        Assert.Equal(2, bot.Turns);
        Assert.Equal(["Bạn nói: phẳng", "Bạn nói: bọc"], Texts(api));
    }

    [Fact]
    public async Task The_recorded_flat_and_wrapped_bodies_are_answered()
    {
        await using var api = await ZaloBotStandIn.StartAsync();
        var adapter = Adapter(api);
        var bot = DelegateBot.Echo();

        Assert.Equal(StatusCodes.Status200OK, await PostAsync(adapter, bot, ZaloTestData.Bot("text-flat")));
        Assert.Equal(StatusCodes.Status200OK, await PostAsync(adapter, bot, ZaloTestData.Bot("text-wrapped")));

        Assert.Equal(["Bạn nói: Ai chủ trì mở lớp xóa mù chữ?", "Bạn nói: Xin chào"], api.SentTo("6ede9afa66b88fe6d6a9").Select(s => s.Text));
    }

    [Fact]
    public async Task The_same_message_id_delivered_again_is_handled_once_even_after_a_restart()
    {
        await using var api = await ZaloBotStandIn.StartAsync();
        var bot = DelegateBot.Replying("Chào anh/chị");
        var body = api.TextUpdateJson(chat, "xin chào", wrapped: false);
        var messageId = JsonDocument.Parse(body).RootElement.GetProperty("message").GetProperty("message_id").GetString()!;

        Assert.Equal(StatusCodes.Status200OK, await PostAsync(Adapter(api), bot, body));
        Assert.Equal(StatusCodes.Status200OK, await PostAsync(Adapter(api), bot, body));
        database.Reopen();
        Assert.Equal(StatusCodes.Status200OK, await PostAsync(Adapter(api), bot, body));

        Assert.Equal(1, bot.Turns);
        Assert.Single(api.SentTo(chat));
        Assert.True(database.Events.Contains("zalo-bot", messageId));
    }

    [Fact]
    public async Task A_delivery_that_arrives_while_the_first_is_still_being_handled_is_skipped()
    {
        await using var api = await ZaloBotStandIn.StartAsync();
        var adapter = Adapter(api);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bot = new DelegateBot(async (turn, ct) =>
        {
            entered.SetResult();
            await release.Task;
            await turn.SendActivityAsync("Xong", cancellationToken: ct);
        });
        var body = api.TextUpdateJson(chat, "xin chào", wrapped: false);

        var first = PostAsync(adapter, bot, body);
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var second = await PostAsync(adapter, bot, body);
        release.SetResult();

        Assert.Equal(StatusCodes.Status200OK, second);
        Assert.Equal(StatusCodes.Status200OK, await first);
        Assert.Equal(1, bot.Turns);
        Assert.Single(api.SentTo(chat));
    }

    [Fact]
    public async Task A_reply_longer_than_2000_characters_arrives_in_parts_with_nothing_lost()
    {
        await using var api = await ZaloBotStandIn.StartAsync();
        var lines = Enumerable.Range(1, 200).Select(i => $"{i}. Xã số {i} chưa báo cáo, cần nhắc lại ngay").ToList();
        var text = string.Join('\n', lines);

        await Adapter(api).ProcessUpdateAsync(Update(api, "đơn vị nào chưa báo cáo"), Replying(text), CancellationToken.None);

        var parts = Texts(api);
        Assert.True(text.Length > 6000);
        Assert.True(parts.Count >= 4);
        Assert.All(parts, p => Assert.InRange(p!.Length, 1, 2000));
        Assert.Equal(lines, parts.SelectMany(p => p!.Split('\n')));
    }

    [Fact]
    public async Task Choices_are_not_buttons_the_numbered_text_is_sent_as_it_is()
    {
        await using var api = await ZaloBotStandIn.StartAsync();
        const string question = "Anh/chị muốn làm gì?\n1. Hỏi đáp\n2. Cập nhật\nTrả lời 1 hoặc 2";
        BotCallbackHandler bot = async (turn, ct) =>
        {
            var reply = MessageFactory.Text(question);
            reply.SuggestedActions = new SuggestedActions { Actions = [new CardAction(ActionTypes.ImBack, "Hỏi đáp", value: "1"), new CardAction(ActionTypes.ImBack, "Cập nhật", value: "2")] };
            await turn.SendActivityAsync(reply, ct);
        };

        await Adapter(api).ProcessUpdateAsync(Update(api, "menu"), bot, CancellationToken.None);

        Assert.Equal([question], Texts(api));
        var call = Assert.Single(api.Calls, c => c.Method == "sendMessage");
        Assert.Equal(["chat_id", "text"], JsonDocument.Parse(call.ParametersJson).RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task A_429_backs_off_1_then_2_seconds_and_the_message_then_arrives()
    {
        await using var api = await ZaloBotStandIn.StartAsync();
        api.FailNext("sendMessage", 429, "Quota exceeded", times: 2);

        await Adapter(api).ProcessUpdateAsync(Update(api, "xin chào"), Replying("Chào anh/chị"), CancellationToken.None);

        Assert.Equal(["Chào anh/chị"], Texts(api));
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], waits);
    }

    [Fact]
    public async Task A_429_inside_an_ok_false_envelope_with_http_200_is_handled_the_same()
    {
        await using var api = await ZaloBotStandIn.StartAsync();
        api.ErrorsAsHttp200 = true;
        api.FailNext("sendMessage", 429, "Quota exceeded");

        await Adapter(api).ProcessUpdateAsync(Update(api, "xin chào"), Replying("Chào anh/chị"), CancellationToken.None);

        Assert.Single(api.SentTo(chat));
        Assert.Equal([TimeSpan.FromSeconds(1)], waits);
    }

    [Fact]
    public async Task Endless_429s_give_up_after_the_attempts_as_a_transient_failure()
    {
        await using var api = await ZaloBotStandIn.StartAsync();
        api.FailNext("sendMessage", 429, "Quota exceeded", times: 100);

        var error = await Assert.ThrowsAsync<ChannelDeliveryException>(() => Adapter(api).ContinueConversationAsync("bot", Reference(), Replying("Nhắc"), CancellationToken.None));

        Assert.Equal(DeliveryFailure.Transient, error.Failure);
        Assert.Equal(4, api.CallCount("sendMessage"));
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)], waits);
    }

    [Fact]
    public async Task A_429_back_off_never_waits_longer_than_MaxRetryAfter()
    {
        await using var api = await ZaloBotStandIn.StartAsync();
        var options = Options(api);
        options.MaxRetryAfter = TimeSpan.FromSeconds(1);
        api.FailNext("sendMessage", 429, "Quota exceeded", times: 100);

        var error = await Assert.ThrowsAsync<ChannelDeliveryException>(() => Adapter(api, options).ContinueConversationAsync("bot", Reference(), Replying("Nhắc"), CancellationToken.None));

        Assert.Equal(DeliveryFailure.Transient, error.Failure);
        Assert.Equal([TimeSpan.FromSeconds(1)], waits);
        Assert.Equal(2, api.CallCount("sendMessage"));
    }

    [Fact]
    public async Task A_403_marks_the_chat_unreachable_and_is_not_retried()
    {
        await using var api = await ZaloBotStandIn.StartAsync();
        api.FailNext("sendMessage", 403, "Forbidden", times: 10);

        var error = await Assert.ThrowsAsync<ChannelDeliveryException>(() => Adapter(api).ContinueConversationAsync("bot", Reference(), Replying("Nhắc"), CancellationToken.None));

        Assert.Equal(DeliveryFailure.Unreachable, error.Failure);
        Assert.Equal([("zalo-bot", chat)], reachability.Marked);
        Assert.Equal(1, api.CallCount("sendMessage"));
    }

    [Fact]
    public async Task A_401_fails_as_unreachable_without_blaming_the_person()
    {
        await using var api = await ZaloBotStandIn.StartAsync();
        var options = Options(api);
        options.Token = "1234567890:not-the-stand-ins-token";

        var error = await Assert.ThrowsAsync<ChannelDeliveryException>(() => Adapter(api, options).ContinueConversationAsync("bot", Reference(), Replying("Nhắc"), CancellationToken.None));

        Assert.Equal(DeliveryFailure.Unreachable, error.Failure);
        Assert.Empty(reachability.Marked);
        Assert.Empty(waits);
    }

    [Fact]
    public async Task A_400_is_given_up_as_rejected_without_retrying()
    {
        await using var api = await ZaloBotStandIn.StartAsync();
        api.FailNext("sendMessage", 400, "Bad Request", times: 10);

        var error = await Assert.ThrowsAsync<ChannelDeliveryException>(() => Adapter(api).ContinueConversationAsync("bot", Reference(), Replying("Nhắc"), CancellationToken.None));

        Assert.Equal(DeliveryFailure.Rejected, error.Failure);
        Assert.Equal(1, api.CallCount("sendMessage"));
        Assert.Empty(waits);
    }

    [Fact]
    public async Task Network_failures_and_5xx_are_retried_with_backoff_and_then_delivered()
    {
        await using var api = await ZaloBotStandIn.StartAsync();
        api.FailNextWithNetworkError("sendMessage");
        api.FailNext("sendMessage", 502, "Bad Gateway");

        await Adapter(api).ProcessUpdateAsync(Update(api, "xin chào"), Replying("Chào anh/chị"), CancellationToken.None);

        Assert.Single(api.SentTo(chat));
        Assert.Equal([TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1)], waits);
    }

    [Fact]
    public async Task Endless_network_failures_give_up_without_an_exception_reaching_the_caller()
    {
        await using var api = await ZaloBotStandIn.StartAsync();
        api.FailNextWithNetworkError("sendMessage", times: 100);
        var update = Update(api, "xin chào");

        await Adapter(api).ProcessUpdateAsync(update, Replying("Chào anh/chị"), CancellationToken.None);

        Assert.Equal(4, api.CallCount("sendMessage"));
        Assert.Equal(3, waits.Count);
        Assert.True(database.Events.Contains("zalo-bot", update.Message!.MessageId!));
    }

    [Theory]
    [InlineData("image")]
    [InlineData("unsupported")]
    [InlineData("sticker")]
    public async Task A_picture_sticker_or_unsupported_message_gets_the_polite_text_only_answer_without_running_the_bot(string kind)
    {
        await using var api = await ZaloBotStandIn.StartAsync();
        var bot = DelegateBot.Echo();
        var body = kind switch
        {
            "image" => api.ImageUpdateJson(chat, wrapped: false, caption: "Giấy báo"),
            "unsupported" => api.UnsupportedUpdateJson(chat, wrapped: true),
            _ => api.UnsupportedUpdateJson(chat, wrapped: false).Replace(ZaloBotUpdate.UnsupportedReceived, ZaloBotUpdate.StickerReceived, StringComparison.Ordinal),
        };

        Assert.Equal(StatusCodes.Status200OK, await PostAsync(Adapter(api), bot, body));

        Assert.Equal(0, bot.Turns);
        Assert.Equal([Politely], Texts(api));
    }

    [Fact]
    public async Task Other_events_are_answered_200_and_ignored()
    {
        await using var api = await ZaloBotStandIn.StartAsync();
        var bot = DelegateBot.Echo();
        var body = api.TextUpdateJson(chat, "x", wrapped: false).Replace(ZaloBotUpdate.TextReceived, "message.link.received", StringComparison.Ordinal);

        Assert.Equal(StatusCodes.Status200OK, await PostAsync(Adapter(api), bot, body));

        Assert.Equal(0, bot.Turns);
        Assert.Empty(api.Sent);
    }

    [Fact]
    public async Task A_bot_that_throws_gets_503_so_the_platform_delivers_again_and_after_the_last_try_the_person_is_told_once()
    {
        await using var api = await ZaloBotStandIn.StartAsync();
        var adapter = Adapter(api);
        var bot = new DelegateBot((_, _) => throw new InvalidOperationException("bug"));
        var body = api.TextUpdateJson(chat, "xin chào", wrapped: false);

        // Not handled: never 500, never recorded, no apology yet (the re-delivery may well succeed).
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, await PostAsync(adapter, bot, body));
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, await PostAsync(adapter, bot, body));
        Assert.Empty(api.Sent);

        // The last of MaxTurnAttempts (3) tries: the note from dialogs/, and the message counts as handled.
        Assert.Equal(StatusCodes.Status200OK, await PostAsync(adapter, bot, body));
        Assert.Equal(StatusCodes.Status200OK, await PostAsync(adapter, bot, body));

        Assert.Equal(3, bot.Turns);
        Assert.Equal([PlatformAdapter.DefaultTurnFailedNote], Texts(api));
    }

    [Fact]
    public async Task A_message_id_of_1_KB_is_refused_with_400_and_never_answered_so_a_redelivery_cannot_be_answered_twice()
    {
        await using var api = await ZaloBotStandIn.StartAsync();
        var adapter = Adapter(api);
        var bot = DelegateBot.Echo();
        var body = JsonNode.Parse(api.TextUpdateJson(chat, "xin chào", wrapped: false))!.AsObject();
        body["message"]!["message_id"] = new string('7', 1024);

        Assert.Equal(StatusCodes.Status400BadRequest, await PostAsync(adapter, bot, body.ToJsonString()));
        Assert.Equal(StatusCodes.Status400BadRequest, await PostAsync(adapter, bot, body.ToJsonString()));

        Assert.Equal(0, bot.Turns);
        Assert.Empty(api.Sent);
    }

    [Theory]
    [InlineData("{\"event_name\":\"\\ud800\"}")]
    [InlineData("{\"event_name\":\"message.text.received\",\"message\":{\"from\":{\"id\":\"\\udc00\"},\"text\":\"hi\"}}")]
    [InlineData("{\"message\":{\"text\":\"\\ud83d\",\"message_id\":\"m1\"}}")]
    public async Task Lone_surrogates_get_400_never_500(string body)
    {
        await using var api = await ZaloBotStandIn.StartAsync();

        Assert.Equal(StatusCodes.Status400BadRequest, await PostAsync(Adapter(api), DelegateBot.Echo(), body));
        Assert.Empty(api.Sent);
    }

    [Fact]
    public async Task A_chunked_body_past_1_MB_is_refused_with_413()
    {
        await using var api = await ZaloBotStandIn.StartAsync();
        var http = Request(new MemoryStream(Encoding.UTF8.GetBytes("{\"pad\":\"" + new string('x', 2 << 20) + "\"}")), Secret);
        await Adapter(api).ProcessAsync(http.Request, http.Response, DelegateBot.Echo());

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, http.Response.StatusCode);
    }

    [Fact]
    public async Task Bot_api_calls_go_out_with_a_content_length_never_chunked()
    {
        await using var api = await ZaloBotStandIn.StartAsync();
        await Adapter(api).ProcessUpdateAsync(Update(api, "xin chào"), Replying("Chào anh/chị"), CancellationToken.None);

        Assert.Contains(api.Framings, f => f.Path == "sendMessage");
        Assert.All(api.Framings, f => Assert.True(f.HasContentLength, $"{f.Path}: Content-Length {f.ContentLength}, Transfer-Encoding '{f.TransferEncoding}'"));
    }

    [Fact]
    public async Task When_getMe_fails_the_turn_still_runs_and_the_next_turn_asks_again()
    {
        await using var api = await ZaloBotStandIn.StartAsync();
        api.FailNextWithNetworkError("getMe");
        var adapter = Adapter(api);
        string? recipient = null;
        BotCallbackHandler bot = (turn, _) =>
        {
            recipient = turn.Activity.Recipient.Id;
            return Task.CompletedTask;
        };

        await adapter.ProcessUpdateAsync(Update(api, "một"), bot, CancellationToken.None);
        Assert.Equal("zalo-bot", recipient);

        await adapter.ProcessUpdateAsync(Update(api, "hai"), bot, CancellationToken.None);
        Assert.Equal(api.BotId, recipient);
    }

    [Fact]
    public async Task The_bot_can_start_a_conversation_from_a_stored_reference()
    {
        await using var api = await ZaloBotStandIn.StartAsync();

        await Adapter(api).ContinueConversationAsync("bot", Reference(), Replying("Nhắc: hạn báo cáo là 10/12."), CancellationToken.None);

        Assert.Equal(["Nhắc: hạn báo cáo là 10/12."], Texts(api));
    }

    [Fact]
    public async Task Typing_is_sent_as_a_chat_action()
    {
        await using var api = await ZaloBotStandIn.StartAsync();

        await Adapter(api).ContinueConversationAsync("bot", Reference(), (turn, ct) => turn.SendActivityAsync(new Activity(ActivityTypes.Typing), ct), CancellationToken.None);

        var call = Assert.Single(api.Calls, c => c.Method == "sendChatAction");
        Assert.Equal(0, call.ErrorCode);
        Assert.Contains("\"typing\"", call.ParametersJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task End_to_end_the_platform_posts_to_the_registered_webhook_and_gets_answers()
    {
        await using var api = await ZaloBotStandIn.StartAsync();
        var bot = DelegateBot.Echo();
        ZaloBotAdapter? adapter = null;
        await using var host = await LoopbackServer.StartAsync("PcgdBot webhook", ctx => adapter!.ProcessAsync(ctx.Request, ctx.Response, bot, ctx.RequestAborted));
        var options = Options(api);
        options.PublicUrl = host.BaseUrl;
        adapter = Adapter(api, options);

        await new ZaloBotWebhookRegistration(new ZaloBotApiClient(options, new HttpClient()), options, NullLogger<ZaloBotWebhookRegistration>.Instance).StartAsync(CancellationToken.None);
        using var flat = await api.PostToWebhookAsync(api.TextUpdateJson(chat, "phẳng", wrapped: false));
        using var wrapped = await api.PostToWebhookAsync(api.TextUpdateJson(chat, "bọc", wrapped: true));
        using var forged = await api.PostToWebhookAsync(api.TextUpdateJson(chat, "giả", wrapped: false), "forged-secret-123");

        Assert.Equal(host.BaseUrl + "/api/zalo/bot", api.Webhook!.Url);
        Assert.Equal(Secret, api.Webhook.SecretToken);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Forbidden], [flat.StatusCode, wrapped.StatusCode, forged.StatusCode]);
        Assert.Equal(["Bạn nói: phẳng", "Bạn nói: bọc"], Texts(api));
    }
}
