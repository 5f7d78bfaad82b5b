using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Polling;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace PcgdBot.Telegram.Tests.StandIn;

/// <summary>Drives the real Telegram.Bot 22 client against the stand-in.</summary>
public sealed class TelegramStandInTests
{
    private const long LanId = 5123456789;
    private const long GroupId = -1001234567890;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    /// <summary>RetryThreshold 0 turns off Telegram.Bot's own 429 retries, so every error surfaces at once.</summary>
    private static TelegramBotClient Client(TelegramStandIn standIn, bool clientRetries = false)
    {
        var options = new TelegramBotClientOptions(standIn.Token, standIn.BaseUrl);
        if (!clientRetries)
        {
            options.RetryThreshold = 0;
        }

        return new TelegramBotClient(options);
    }

    // ------------------------------------------------------------------ basics

    [Fact]
    public async Task GetMe_answers_the_bot_user()
    {
        await using var standIn = await TelegramStandIn.StartAsync();
        Assert.StartsWith("http://127.0.0.1:", standIn.BaseUrl, StringComparison.Ordinal);

        var me = await Client(standIn).GetMe();

        Assert.Equal(123456, me.Id);
        Assert.True(me.IsBot);
        Assert.Equal("PcgdBot", me.FirstName);
        Assert.Equal("PcgdBot", me.Username);
        Assert.Equal(1, standIn.CallCount("getMe"));
    }

    [Fact]
    public async Task Wrong_token_is_401_Unauthorized()
    {
        await using var standIn = await TelegramStandIn.StartAsync();
        var wrong = new TelegramBotClient(new TelegramBotClientOptions("123456:WRONG-token", standIn.BaseUrl));

        var ex = await Assert.ThrowsAsync<ApiRequestException>(() => wrong.GetMe());

        Assert.Equal(401, ex.ErrorCode);
        Assert.Equal("Unauthorized", ex.Message);
    }

    [Fact]
    public async Task Raw_http_unknown_method_is_404_and_method_names_are_case_insensitive_in_any_encoding()
    {
        await using var standIn = await TelegramStandIn.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(standIn.BaseUrl) };
        var bot = $"/bot{standIn.Token}/";

        var unknown = await http.PostAsync(bot + "sendPigeon", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("""{"ok":false,"error_code":404,"description":"Not Found"}""", await unknown.Content.ReadAsStringAsync());

        var get = await http.GetAsync(bot + "GETME");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Contains("\"is_bot\":true", await get.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var form = await http.PostAsync(bot + "sendmessage", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["chat_id"] = LanId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["text"] = "Xin chào từ form",
            ["reply_markup"] = """{"inline_keyboard":[[{"text":"OK","callback_data":"ok"}]]}""",
        }));
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);

        using var multipart = new MultipartFormDataContent
        {
            { new StringContent(LanId.ToString(System.Globalization.CultureInfo.InvariantCulture)), "chat_id" },
            { new StringContent("Xin chào từ multipart"), "text" },
        };
        var mp = await http.PostAsync(bot + "SendMessage", multipart);
        Assert.Equal(HttpStatusCode.OK, mp.StatusCode);

        var sent = standIn.Sent;
        Assert.Equal(["Xin chào từ form", "Xin chào từ multipart"], sent.Select(s => s.Text));
        Assert.Equal(["ok"], sent[0].CallbackData);
        Assert.Equal(2, standIn.CallCount("sendMessage"));
        Assert.Equal(1, standIn.CallCount("sendPigeon"));
    }

    [Fact]
    public async Task Error_bodies_have_Telegrams_exact_shape()
    {
        await using var standIn = await TelegramStandIn.StartAsync();
        standIn.FailNextTooManyRequests("sendMessage", 7);
        using var http = new HttpClient();

        var response = await http.PostAsync(
            $"{standIn.BaseUrl}/bot{standIn.Token}/sendMessage",
            new StringContent("""{"chat_id":1,"text":"x"}""", Encoding.UTF8, "application/json"));

        Assert.Equal((HttpStatusCode)429, response.StatusCode);
        Assert.Equal(
            """{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 7","parameters":{"retry_after":7}}""",
            await response.Content.ReadAsStringAsync());
    }

    // ------------------------------------------------------------------ sending

    [Fact]
    public async Task SendMessage_with_inline_keyboard_round_trips_through_a_button_press()
    {
        await using var standIn = await TelegramStandIn.StartAsync();
        var bot = Client(standIn);
        var keyboard = new InlineKeyboardMarkup(
        [
            [InlineKeyboardButton.WithCallbackData("Đang thực hiện", "tt:2:dang"), InlineKeyboardButton.WithCallbackData("Đã hoàn thành", "tt:2:xong")],
            [InlineKeyboardButton.WithCallbackData("Hủy", "huy")],
        ]);

        var sent = await bot.SendMessage(
            LanId,
            "Nhiệm vụ <b>2</b> &lt;XMC&gt; &amp; snake_case *sao*: trạng thái?",
            ParseMode.Html,
            replyMarkup: keyboard);

        Assert.Equal("Nhiệm vụ 2 <XMC> & snake_case *sao*: trạng thái?", sent.Text);
        Assert.Equal(LanId, sent.Chat.Id);
        Assert.Equal(ChatType.Private, sent.Chat.Type);
        Assert.Equal(123456, sent.From!.Id);
        Assert.True(sent.Date > DateTime.UtcNow.AddMinutes(-1));
        var bold = Assert.Single(sent.Entities!);
        Assert.Equal(MessageEntityType.Bold, bold.Type);
        Assert.Equal("2", sent.Text!.Substring(bold.Offset, bold.Length));
        Assert.Equal("tt:2:xong", sent.ReplyMarkup!.InlineKeyboard.First().Last().CallbackData);

        var recorded = Assert.Single(standIn.Sent);
        Assert.Equal("sendMessage", recorded.Method);
        Assert.Equal(sent.Id, recorded.MessageId);
        Assert.Equal("Html", recorded.ParseMode); // Telegram.Bot 22 writes the enum name; the Bot API takes any case
        Assert.Equal("Nhiệm vụ 2 <XMC> & snake_case *sao*: trạng thái?", recorded.PlainText);
        Assert.Equal(["tt:2:dang", "tt:2:xong", "huy"], recorded.CallbackData);
        Assert.Same(recorded, await standIn.NextSentAsync(Wait));

        // The user presses a button of that message.
        var queued = standIn.EnqueueCallback(LanId, LanId, "tt:2:dang", sent);
        var update = Assert.Single(await bot.GetUpdates());
        Assert.Equal(queued.UpdateId, update.Id);
        Assert.Equal(UpdateType.CallbackQuery, update.Type);
        var query = update.CallbackQuery!;
        Assert.Equal("tt:2:dang", query.Data);
        Assert.Equal(LanId, query.From.Id);
        Assert.False(string.IsNullOrEmpty(query.ChatInstance));
        Assert.Equal(sent.Id, query.Message!.Id);
        Assert.Equal("huy", query.Message.ReplyMarkup!.InlineKeyboard.Last().Single().CallbackData);

        await bot.AnswerCallbackQuery(query.Id, "Đã ghi nhận");
        var answer = Assert.Single(standIn.CallbackAnswers);
        Assert.Equal("Đã ghi nhận", answer.Text);
        var twice = await Assert.ThrowsAsync<ApiRequestException>(() => bot.AnswerCallbackQuery(query.Id));
        Assert.Equal("Bad Request: query is too old and response timeout expired or query ID is invalid", twice.Message);

        // Editing: the keyboard goes away; an edit that changes nothing is refused like Telegram does.
        var edited = await bot.EditMessageText(LanId, sent.Id, "Đã ghi nhận: <i>đang thực hiện</i>", ParseMode.Html);
        Assert.Null(edited.ReplyMarkup);
        Assert.Equal("Đã ghi nhận: đang thực hiện", edited.Text);
        Assert.NotNull(edited.EditDate);
        var same = await Assert.ThrowsAsync<ApiRequestException>(
            () => bot.EditMessageText(LanId, sent.Id, "Đã ghi nhận: <i>đang thực hiện</i>", ParseMode.Html));
        Assert.StartsWith("Bad Request: message is not modified", same.Message, StringComparison.Ordinal);
        Assert.Equal(["sendMessage", "editMessageText"], standIn.Sent.Select(s => s.Method));
    }

    [Fact]
    public async Task Reply_to_and_chat_action_are_recorded()
    {
        await using var standIn = await TelegramStandIn.StartAsync();
        var bot = Client(standIn);
        var question = standIn.EnqueueText(LanId, LanId, "Hạn báo cáo là khi nào?").ToUpdate().Message!;

        await bot.SendChatAction(LanId, ChatAction.Typing);
        var reply = await bot.SendMessage(LanId, "Trước 10/12.", replyParameters: question.Id);

        Assert.Equal(question.Id, reply.ReplyToMessage!.Id);
        Assert.Equal(question.Id + 1, reply.Id);
        Assert.Equal(question.Id, standIn.Sent.Single().ReplyToMessageId);
        var action = Assert.Single(standIn.ChatActions);
        Assert.Equal(("typing", LanId), (action.Action, action.ChatId));
        var missing = await Assert.ThrowsAsync<ApiRequestException>(() => bot.SendMessage(LanId, "x", replyParameters: 99999));
        Assert.Equal("Bad Request: message to be replied not found", missing.Message);
    }

    // ------------------------------------------------------------------ getUpdates

    [Fact]
    public async Task GetUpdates_long_polling_returns_a_queued_update_before_the_timeout()
    {
        await using var standIn = await TelegramStandIn.StartAsync();
        var bot = Client(standIn);
        var watch = Stopwatch.StartNew();

        var poll = bot.GetUpdates(timeout: 20);
        await standIn.WaitForCallAsync("getUpdates", 1, Wait);
        await Task.Delay(300);
        Assert.False(poll.IsCompleted);
        var queued = standIn.EnqueueText(GroupId, LanId, "/capnhat@PcgdBot nhiệm vụ 2", chatType: "supergroup", chatTitle: "Ban chỉ đạo PCGD-XMC");

        var update = Assert.Single(await poll.WaitAsync(Wait));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        Assert.Equal(queued.UpdateId, update.Id);
        var message = update.Message!;
        Assert.Equal(ChatType.Supergroup, message.Chat.Type);
        Assert.Equal("Ban chỉ đạo PCGD-XMC", message.Chat.Title);
        var command = Assert.Single(message.Entities!);
        Assert.Equal(MessageEntityType.BotCommand, command.Type);
        Assert.Equal((0, "/capnhat@PcgdBot".Length), (command.Offset, command.Length));
    }

    [Fact]
    public async Task GetUpdates_with_a_timeout_and_nothing_queued_answers_empty_after_the_timeout()
    {
        await using var standIn = await TelegramStandIn.StartAsync();
        var watch = Stopwatch.StartNew();

        var updates = await Client(standIn).GetUpdates(timeout: 1);

        Assert.Empty(updates);
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(8));
    }

    [Fact]
    public async Task Offset_confirms_updates_and_limit_and_negative_offset_work_like_Telegram()
    {
        await using var standIn = await TelegramStandIn.StartAsync();
        var bot = Client(standIn);
        var first = standIn.NextUpdateId;
        standIn.EnqueueText(LanId, LanId, "một");
        standIn.EnqueueText(LanId, LanId, "hai");
        standIn.EnqueueText(LanId, LanId, "ba");
        Assert.Equal(first + 3, standIn.NextUpdateId);

        Assert.Equal(["một", "hai"], (await bot.GetUpdates(limit: 2)).Select(u => u.Message!.Text));
        Assert.Equal(3, (await bot.GetUpdates()).Length); // nothing confirmed yet
        var rest = await bot.GetUpdates(offset: (int)first + 1);
        Assert.Equal(["hai", "ba"], rest.Select(u => u.Message!.Text));
        Assert.Equal(2, standIn.PendingUpdates.Count);
        Assert.Empty(await bot.GetUpdates(offset: rest[^1].Id + 1));
        Assert.Empty(standIn.PendingUpdates);

        standIn.EnqueueText(LanId, LanId, "bốn");
        standIn.EnqueueText(LanId, LanId, "năm");
        Assert.Equal(["năm"], (await bot.GetUpdates(offset: -1)).Select(u => u.Message!.Text));
        Assert.Single(standIn.PendingUpdates);
    }

    [Fact]
    public async Task A_second_poller_terminates_the_first_with_409()
    {
        await using var standIn = await TelegramStandIn.StartAsync();
        var first = Client(standIn).GetUpdates(timeout: 20);
        await standIn.WaitForCallAsync("getUpdates", 1, Wait);
        await Task.Delay(200);

        var second = Client(standIn).GetUpdates(timeout: 1);

        var ex = await Assert.ThrowsAsync<ApiRequestException>(() => first.WaitAsync(Wait));
        Assert.Equal(409, ex.ErrorCode);
        Assert.Equal("Conflict: terminated by other getUpdates request; make sure that only one bot instance is running", ex.Message);
        Assert.Empty(await second.WaitAsync(Wait));
    }

    [Fact]
    public async Task Telegram_Bot_polling_loop_works_end_to_end()
    {
        await using var standIn = await TelegramStandIn.StartAsync();
        var bot = Client(standIn);
        using var cts = new CancellationTokenSource();
        var errors = new List<Exception>();
        bot.StartReceiving(
            async (client, update, ct) =>
            {
                if (update.Message is { Text: { } text } message)
                {
                    await client.SendMessage(message.Chat.Id, "Bạn hỏi: " + text, cancellationToken: ct);
                }
            },
            (_, ex, _) =>
            {
                errors.Add(ex);
                return Task.CompletedTask;
            },
            new ReceiverOptions { AllowedUpdates = [] },
            cts.Token);

        standIn.EnqueueText(LanId, LanId, "xin chào");
        standIn.EnqueueText(LanId, LanId, "a < b & c_d *e*");

        Assert.Equal("Bạn hỏi: xin chào", (await standIn.NextSentAsync(Wait)).PlainText);
        Assert.Equal("Bạn hỏi: a < b & c_d *e*", (await standIn.NextSentAsync(Wait)).PlainText);
        await cts.CancelAsync();
        Assert.Empty(errors);
    }

    // ------------------------------------------------------------------ faults

    [Fact]
    public async Task Too_many_requests_surfaces_as_ApiRequestException_with_RetryAfter()
    {
        await using var standIn = await TelegramStandIn.StartAsync();
        standIn.FailNext("sendMessage", 429, "Too Many Requests: retry after 7", retryAfter: 7);

        var ex = await Assert.ThrowsAsync<ApiRequestException>(() => Client(standIn).SendMessage(LanId, "xin chào"));

        Assert.Equal(429, ex.ErrorCode);
        Assert.Equal(7, ex.Parameters?.RetryAfter);
        Assert.Equal("Too Many Requests: retry after 7", ex.Message);
        Assert.Empty(standIn.Sent);
        Assert.Equal(1, standIn.CallCount("sendMessage"));
    }

    [Fact]
    public async Task Telegram_Bot_retries_a_429_by_itself_with_default_options()
    {
        await using var standIn = await TelegramStandIn.StartAsync();
        var defaults = new TelegramBotClientOptions(standIn.Token, standIn.BaseUrl);
        Assert.Equal((60, 3), (defaults.RetryThreshold, defaults.RetryCount));
        var bot = Client(standIn, clientRetries: true);
        standIn.FailNextTooManyRequests("sendMessage", retryAfter: 1);
        var watch = Stopwatch.StartNew();

        var sent = await bot.SendMessage(LanId, "lần hai mới được");

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(900), $"took {watch.Elapsed}");
        Assert.Equal(2, standIn.CallCount("sendMessage"));
        Assert.Equal(sent.Id, Assert.Single(standIn.Sent).MessageId);

        // Three 429s in a row use up RetryCount (3 attempts): the third surfaces.
        standIn.FailNextTooManyRequests("sendMessage", retryAfter: 1, times: 3);
        var ex = await Assert.ThrowsAsync<ApiRequestException>(() => bot.SendMessage(LanId, "không được"));
        Assert.Equal(429, ex.ErrorCode);
        Assert.Equal(5, standIn.CallCount("sendMessage"));

        // retry_after above RetryThreshold is not retried.
        standIn.FailNextTooManyRequests("sendMessage", retryAfter: 61);
        var big = await Assert.ThrowsAsync<ApiRequestException>(() => bot.SendMessage(LanId, "không chờ"));
        Assert.Equal(61, big.Parameters!.RetryAfter);
        Assert.Equal(6, standIn.CallCount("sendMessage"));
    }

    [Fact]
    public async Task Blocked_user_is_403()
    {
        await using var standIn = await TelegramStandIn.StartAsync();
        var bot = Client(standIn);
        standIn.BlockChat(LanId);

        var ex = await Assert.ThrowsAsync<ApiRequestException>(() => bot.SendMessage(LanId, "xin chào"));
        Assert.Equal(403, ex.ErrorCode);
        Assert.Equal("Forbidden: bot was blocked by the user", ex.Message);
        await Assert.ThrowsAsync<ApiRequestException>(() => bot.SendChatAction(LanId, ChatAction.Typing));

        standIn.UnblockChat(LanId);
        standIn.FailNext("sendMessage", 403, "Forbidden: user is deactivated");
        var once = await Assert.ThrowsAsync<ApiRequestException>(() => bot.SendMessage(LanId, "xin chào"));
        Assert.Equal("Forbidden: user is deactivated", once.Message);
        await bot.SendMessage(LanId, "xin chào");
        Assert.Single(standIn.Sent);
    }

    [Fact]
    public async Task Network_error_is_a_RequestException_that_is_not_an_ApiRequestException()
    {
        await using var standIn = await TelegramStandIn.StartAsync();
        var bot = Client(standIn);
        standIn.FailNextWithNetworkError("sendMessage");

        var ex = await Assert.ThrowsAsync<RequestException>(() => bot.SendMessage(LanId, "xin chào"));

        Assert.IsNotType<ApiRequestException>(ex);
        Assert.IsType<HttpRequestException>(ex.InnerException);
        Assert.StartsWith("Bot API Service Failure: HttpRequestException", ex.Message, StringComparison.Ordinal);
        await bot.SendMessage(LanId, "xin chào");
        Assert.Single(standIn.Sent);
        Assert.Equal([0, 200], standIn.Calls.Where(c => c.Method == "sendMessage").Select(c => c.StatusCode));
    }

    [Fact]
    public async Task Latency_delays_answers()
    {
        await using var standIn = await TelegramStandIn.StartAsync();
        standIn.Latency = TimeSpan.FromMilliseconds(300);
        var watch = Stopwatch.StartNew();

        await Client(standIn).GetMe();

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(280), $"took {watch.Elapsed}");
    }

    // ------------------------------------------------------------------ Telegram's validation of text

    [Fact]
    public async Task Message_longer_than_4096_characters_is_refused()
    {
        await using var standIn = await TelegramStandIn.StartAsync();
        var bot = Client(standIn);

        await bot.SendMessage(LanId, new string('a', 4096));
        var ex = await Assert.ThrowsAsync<ApiRequestException>(() => bot.SendMessage(LanId, new string('a', 4097)));
        Assert.Equal(400, ex.ErrorCode);
        Assert.Equal("Bad Request: message is too long", ex.Message);

        // HTML: what counts is the text after parsing (tags removed, entities decoded).
        var html4096 = "<b>" + new string('ư', 4090) + "</b>" + string.Concat(Enumerable.Repeat("&lt;", 6));
        var ok = await bot.SendMessage(LanId, html4096, ParseMode.Html);
        Assert.Equal(4096, ok.Text!.Length);
        await Assert.ThrowsAsync<ApiRequestException>(() => bot.SendMessage(LanId, html4096 + "&amp;", ParseMode.Html));
        Assert.Equal(2, standIn.Sent.Count);
    }

    [Fact]
    public async Task Empty_text_is_refused()
    {
        await using var standIn = await TelegramStandIn.StartAsync();
        var bot = Client(standIn);

        var blank = await Assert.ThrowsAsync<ApiRequestException>(() => bot.SendMessage(LanId, "  \n "));
        Assert.Equal("Bad Request: message text is empty", blank.Message);
        var emptyTags = await Assert.ThrowsAsync<ApiRequestException>(() => bot.SendMessage(LanId, "<b></b>", ParseMode.Html));
        Assert.Equal("Bad Request: message text is empty", emptyTags.Message);
    }

    [Theory]
    [InlineData("Nếu a < b thì sao?", "Unsupported start tag \"\" at byte offset 8")]
    [InlineData("Dòng một<br>Dòng hai", "Unsupported start tag \"br\" at byte offset 11")]
    [InlineData("Phòng GD&ĐT huyện", "Character '&' at byte offset 9")]
    [InlineData("<b>chưa đóng", "Can't find end tag corresponding to start tag \"b\"")]
    [InlineData("<b>sai</i>", "Unmatched end tag at byte offset 6, expected \"</b>\", found \"</i>\"")]
    [InlineData("<span>ẩn</span>", "Tag \"span\" must have class \"tg-spoiler\"")]
    [InlineData("kết thúc <", "Unclosed start tag at byte offset 12")]
    public async Task Html_that_Telegram_cannot_parse_is_refused(string html, string expected)
    {
        await using var standIn = await TelegramStandIn.StartAsync();

        var ex = await Assert.ThrowsAsync<ApiRequestException>(() => Client(standIn).SendMessage(LanId, html, ParseMode.Html));

        Assert.Equal(400, ex.ErrorCode);
        Assert.StartsWith("Bad Request: can't parse entities: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Empty(standIn.Sent);
    }

    [Fact]
    public async Task Html_that_Telegram_accepts_arrives_intact()
    {
        await using var standIn = await TelegramStandIn.StartAsync();
        var bot = Client(standIn);

        var html = """<b>Đậm</b> <i>nghiêng</i> <a href="https://pgd.phongtho.edu.vn/?a=1&amp;b=2">liên kết</a> <code>x &lt; y</code> <tg-spoiler>ẩn</tg-spoiler> <span class="tg-spoiler">ẩn</span> <blockquote expandable>trích</blockquote> &#65;&#x42; _*""";
        var sent = await bot.SendMessage(LanId, html, ParseMode.Html);

        Assert.Equal("Đậm nghiêng liên kết x < y ẩn ẩn trích AB _*", sent.Text);
        Assert.Equal(sent.Text, standIn.Sent.Single().PlainText);
        var link = sent.Entities!.Single(e => e.Type == MessageEntityType.TextLink);
        Assert.Equal("https://pgd.phongtho.edu.vn/?a=1&b=2", link.Url);
        Assert.Equal("liên kết", sent.Text!.Substring(link.Offset, link.Length));
        Assert.Contains(sent.Entities!, e => e.Type == MessageEntityType.ExpandableBlockquote);

        standIn.StrictHtmlAmpersand = false; // how Telegram's server itself behaves
        var lenient = await bot.SendMessage(LanId, "Phòng GD&ĐT", ParseMode.Html);
        Assert.Equal("Phòng GD&ĐT", lenient.Text);
    }

    [Fact]
    public async Task Plain_text_and_markdown_arrive_intact_or_are_refused_like_Telegram()
    {
        await using var standIn = await TelegramStandIn.StartAsync();
        var bot = Client(standIn);

        var plain = await bot.SendMessage(LanId, "  a < b & c_d *e* [f](g)  ");
        Assert.Equal("a < b & c_d *e* [f](g)", plain.Text);
        Assert.Equal("a < b & c_d *e* [f](g)", standIn.Sent[^1].PlainText);

        var reserved = await Assert.ThrowsAsync<ApiRequestException>(() => bot.SendMessage(LanId, "Hạn 10.12", ParseMode.MarkdownV2));
        Assert.Equal("Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'", reserved.Message);
        var escaped = await bot.SendMessage(LanId, "*Hạn* 10\\.12 \\_ \\*", ParseMode.MarkdownV2);
        Assert.Equal("Hạn 10.12 _ *", escaped.Text);
        Assert.Equal(MessageEntityType.Bold, Assert.Single(escaped.Entities!).Type);

        var legacy = await Assert.ThrowsAsync<ApiRequestException>(() => bot.SendMessage(LanId, "ma_nhiemvu", ParseMode.Markdown));
        Assert.StartsWith("Bad Request: can't parse entities: Can't find end of the entity starting at byte offset 2", legacy.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inline_keyboard_callback_data_over_64_bytes_is_refused()
    {
        await using var standIn = await TelegramStandIn.StartAsync();
        var data = new string('đ', 33); // 66 bytes in UTF-8

        var ex = await Assert.ThrowsAsync<ApiRequestException>(() => Client(standIn).SendMessage(
            LanId, "chọn", replyMarkup: new InlineKeyboardMarkup(InlineKeyboardButton.WithCallbackData("x", data))));

        Assert.Equal("Bad Request: BUTTON_DATA_INVALID", ex.Message);
    }

    // ------------------------------------------------------------------ webhooks

    [Fact]
    public async Task While_a_webhook_is_set_getUpdates_is_409_Conflict()
    {
        await using var standIn = await TelegramStandIn.StartAsync();
        var bot = Client(standIn);
        var pending = bot.GetUpdates(timeout: 20);
        await standIn.WaitForCallAsync("getUpdates", 1, Wait);
        await Task.Delay(200);

        await bot.SetWebhook("https://bot.example.vn/api/telegram", secretToken: "s3cr3t_Token-1", allowedUpdates: [UpdateType.Message, UpdateType.CallbackQuery]);

        var terminated = await Assert.ThrowsAsync<ApiRequestException>(() => pending.WaitAsync(Wait));
        Assert.Equal(409, terminated.ErrorCode);
        Assert.Equal("Conflict: terminated by setWebhook request", terminated.Message);
        var conflict = await Assert.ThrowsAsync<ApiRequestException>(() => bot.GetUpdates());
        Assert.Equal(409, conflict.ErrorCode);
        Assert.Equal("Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first", conflict.Message);

        Assert.Equal("https://bot.example.vn/api/telegram", standIn.Webhook!.Url);
        Assert.Equal("s3cr3t_Token-1", standIn.Webhook.SecretToken);
        Assert.Equal(["message", "callback_query"], standIn.Webhook!.AllowedUpdates!);
        var info = await bot.GetWebhookInfo();
        Assert.Equal("https://bot.example.vn/api/telegram", info.Url);
        Assert.Equal([UpdateType.Message, UpdateType.CallbackQuery], info.AllowedUpdates!);

        standIn.EnqueueText(LanId, LanId, "còn chờ");
        await bot.DeleteWebhook(dropPendingUpdates: true);
        Assert.Null(standIn.Webhook);
        Assert.Empty(await bot.GetUpdates());
        Assert.Equal(string.Empty, (await bot.GetWebhookInfo()).Url);
    }

    [Fact]
    public async Task Updates_are_pushed_to_the_webhook_with_the_secret_header_and_a_method_reply_is_executed()
    {
        await using var standIn = await TelegramStandIn.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var bot = Client(standIn);
        await bot.SetWebhook(receiver.Url, secretToken: "bi-mat_123");
        receiver.Respond = body =>
        {
            // How a webhook endpoint reads the body: Telegram.Bot's own serializer options.
            var update = JsonSerializer.Deserialize<Update>(body, JsonBotAPI.Options)!;
            var reply = new JsonObject { ["method"] = "sendMessage", ["chat_id"] = update.Message!.Chat.Id, ["text"] = "Đã nhận: " + update.Message.Text };
            return (200, reply.ToJsonString());
        };

        var queued = standIn.EnqueueText(LanId, LanId, "xin chào webhook");
        var statuses = await standIn.DeliverQueuedToWebhookAsync();

        Assert.Equal([HttpStatusCode.OK], statuses);
        var (body, secret) = Assert.Single(receiver.Received);
        Assert.Equal("bi-mat_123", secret);
        Assert.Equal(queued.UpdateId, JsonSerializer.Deserialize<Update>(body, JsonBotAPI.Options)!.Id);
        Assert.Empty(standIn.PendingUpdates);
        Assert.Equal("Đã nhận: xin chào webhook", (await standIn.NextSentAsync(Wait)).PlainText);
        Assert.True(Assert.Single(standIn.Calls, c => c.Method == "sendMessage").ViaWebhookReply);

        // A failing webhook keeps the update queued; getWebhookInfo tells why.
        receiver.Respond = _ => (500, null);
        standIn.EnqueueText(LanId, LanId, "lần này lỗi");
        Assert.Equal([HttpStatusCode.InternalServerError], await standIn.DeliverQueuedToWebhookAsync());
        Assert.Single(standIn.PendingUpdates);
        var info = await bot.GetWebhookInfo();
        Assert.Equal(1, info.PendingUpdateCount);
        Assert.Equal("Wrong response from the webhook: 500 Internal Server Error", info.LastErrorMessage);

        // A wrong or missing secret is the endpoint's business; the stand-in sends what it is told.
        receiver.Respond = _ => (200, null);
        Assert.Equal(HttpStatusCode.OK, await standIn.PostToWebhookAsync(standIn.PendingUpdates[0].Json, secretToken: null));
        Assert.Null(receiver.Received.Last().SecretToken);
    }

    [Fact]
    public async Task Auto_delivery_pushes_updates_as_they_are_queued()
    {
        await using var standIn = await TelegramStandIn.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        standIn.AutoDeliverToWebhook = true;
        await Client(standIn).SetWebhook(receiver.Url);

        standIn.EnqueueText(LanId, LanId, "một");
        standIn.EnqueueText(LanId, LanId, "hai");

        var deadline = DateTime.UtcNow + Wait;
        while (receiver.Received.Count < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal(["một", "hai"], receiver.Received.Select(r => JsonSerializer.Deserialize<Update>(r.Body, JsonBotAPI.Options)!.Message!.Text));
    }

    // ------------------------------------------------------------------ recorded updates

    public static TheoryData<string, UpdateType> RecordedUpdates => new()
    {
        { "private-text.json", UpdateType.Message },
        { "private-text-no-diacritics.json", UpdateType.Message },
        { "command-start.json", UpdateType.Message },
        { "command-with-botname.json", UpdateType.Message },
        { "callback-query.json", UpdateType.CallbackQuery },
        { "group-message-mention.json", UpdateType.Message },
        { "group-message-plain.json", UpdateType.Message },
        { "group-command.json", UpdateType.Message },
        { "new-chat-members.json", UpdateType.Message },
        { "edited-message.json", UpdateType.EditedMessage },
        { "channel-post.json", UpdateType.ChannelPost },
        { "my-chat-member-blocked.json", UpdateType.MyChatMember },
        { "sticker.json", UpdateType.Message },
        { "poll.json", UpdateType.Poll },
    };

    [Theory]
    [MemberData(nameof(RecordedUpdates))]
    public async Task Recorded_update_deserialises_with_Telegram_Bots_serializer_and_round_trips(string file, UpdateType expected)
    {
        var json = System.IO.File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "updates", file));

        var update = JsonSerializer.Deserialize<Update>(json, JsonBotAPI.Options)!;

        Assert.Equal(expected, update.Type);
        Assert.True(update.Id > 0);

        await using var standIn = await TelegramStandIn.StartAsync();
        var queued = standIn.EnqueueRecorded(file);
        var polled = Assert.Single(await Client(standIn).GetUpdates());
        Assert.Equal(expected, polled.Type);
        Assert.Equal(queued.UpdateId, polled.Id);
    }

    [Fact]
    public void Recorded_updates_carry_what_the_bot_relies_on()
    {
        static Update Read(string file) => TelegramStandIn.Deserialize(
            System.IO.File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "updates", file)));

        var start = Read("command-start.json").Message!;
        Assert.Equal(MessageEntityType.BotCommand, start.Entities!.Single().Type);

        var withName = Read("command-with-botname.json").Message!;
        Assert.Equal("/capnhat@PcgdBot", withName.EntityValues!.Single());

        var groupCommand = Read("group-command.json").Message!;
        Assert.Equal(ChatType.Supergroup, groupCommand.Chat.Type);
        Assert.Equal("/tracuu@PcgdBot", groupCommand.EntityValues!.Single());

        var mention = Read("group-message-mention.json").Message!;
        Assert.Equal(-1001234567890, mention.Chat.Id);
        Assert.Equal("@PcgdBot", mention.EntityValues!.Single());

        Assert.Null(Read("group-message-plain.json").Message!.Entities);

        var callback = Read("callback-query.json").CallbackQuery!;
        Assert.Equal("tt:2:dang", callback.Data);
        Assert.True(callback.Message!.From!.IsBot);
        Assert.Equal(3, callback.Message.ReplyMarkup!.InlineKeyboard.SelectMany(r => r).Count());

        var joined = Read("new-chat-members.json").Message!;
        Assert.Equal(MessageType.NewChatMembers, joined.Type);
        Assert.Contains(joined.NewChatMembers!, u => u.IsBot && u.Username == "PcgdBot");
        Assert.Contains(joined.NewChatMembers!, u => !u.IsBot);

        var blocked = Read("my-chat-member-blocked.json").MyChatMember!;
        Assert.Equal(ChatMemberStatus.Kicked, blocked.NewChatMember.Status);
        Assert.Equal(ChatType.Private, blocked.Chat.Type);

        var sticker = Read("sticker.json").Message!;
        Assert.Equal(MessageType.Sticker, sticker.Type);
        Assert.Null(sticker.Text);

        Assert.NotNull(Read("edited-message.json").EditedMessage!.EditDate);
        Assert.Equal(ChatType.Channel, Read("channel-post.json").ChannelPost!.Chat.Type);
        Assert.Equal(3, Read("poll.json").Poll!.Options.Length);
    }

    [Fact]
    public async Task Enqueue_helpers_build_the_other_update_kinds()
    {
        await using var standIn = await TelegramStandIn.StartAsync();
        var original = standIn.EnqueueText(LanId, LanId, "Hỏi @PcgdBot về #baocao").ToUpdate().Message!;
        Assert.Equal(["@PcgdBot", "#baocao"], original.EntityValues!);

        var edited = standIn.EnqueueEdited(LanId, LanId, original.Id, "Hỏi lại /tracuu").ToUpdate();
        Assert.Equal(UpdateType.EditedMessage, edited.Type);
        Assert.Equal(original.Id, edited.EditedMessage!.Id);
        Assert.Equal(MessageEntityType.BotCommand, edited.EditedMessage.Entities!.Single().Type);

        var blocked = standIn.EnqueueMyChatMember(LanId, LanId, "kicked").ToUpdate();
        Assert.Equal(ChatMemberStatus.Kicked, blocked.MyChatMember!.NewChatMember.Status);

        var post = standIn.EnqueueText(-1009876543210, 0, "Thông báo", chatType: "channel").ToUpdate();
        Assert.Equal(UpdateType.ChannelPost, post.Type);

        var raw = standIn.EnqueueRaw("""{"update_id":1,"poll":{"id":"1","question":"?","options":[],"total_voter_count":0,"is_closed":false,"is_anonymous":true,"type":"regular","allows_multiple_answers":false}}""");
        Assert.Equal(raw.UpdateId + 1, standIn.NextUpdateId);
        Assert.Equal(UpdateType.Poll, raw.ToUpdate().Type);
        Assert.Equal(5, standIn.PendingUpdates.Count);

        var timeout = await Assert.ThrowsAsync<TimeoutException>(() => standIn.NextSentAsync(TimeSpan.FromMilliseconds(100)));
        Assert.Contains("(nothing)", timeout.Message, StringComparison.Ordinal);
    }
}
