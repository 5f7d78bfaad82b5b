using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Logging.Abstractions;
using PcgdBot.Channels;
using PcgdBot.Telegram.Tests.StandIn;
using PcgdBot.Telegram.Tests.Fuzz;
using PcgdBot.Telegram.Tests.Support;

namespace PcgdBot.Telegram.Tests;

/// <summary>
/// The faults a hostile tester found at <c>POST /api/telegram</c>: chunked bodies past the limit, numbers out of range,
/// turns that fail inside, a disk that refuses writes, and how the Bot API calls are framed.
/// </summary>
public sealed class TelegramWebhookHardeningTests
{
    private const long Lan = 5123456789;

    private static async Task<HttpStatusCode> PostAsync(TelegramBotHost host, HttpContent content)
    {
        using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        using var request = new HttpRequestMessage(HttpMethod.Post, TelegramAdapterOptions.WebhookPath) { Content = content };
        request.Headers.Add(TelegramAdapter.SecretHeader, TelegramBotHost.Secret);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task A_chunked_body_past_1_MB_is_refused_with_413_and_not_handled()
    {
        await using var api = await TelegramStandIn.StartAsync();
        await using var host = new TelegramBotHost(api.BaseUrl, api.Token, TelegramMode.Webhook);
        host.Start();
        await api.WaitForCallAsync("setWebhook", 1, TimeSpan.FromSeconds(10));
        var update = api.EnqueueText(Lan, Lan, "xin chào").Json;
        var padded = update.Insert(update.Length - 1, ",\"padding\":\"" + new string('x', 2 << 20) + "\"");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, await PostAsync(host, new ChunkedContent(Encoding.UTF8.GetBytes(padded))));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(host, new ChunkedContent(Encoding.UTF8.GetBytes(update))));
        await api.WaitForSentAsync(m => m.ChatId == Lan, TimeSpan.FromSeconds(10));
        Assert.Single(api.SentTo(Lan));
        host.DeleteFiles();
    }

    [Theory]
    [InlineData("{\"update_id\":1,\"message\":{\"message_id\":1,\"date\":9223372036854775807,\"chat\":{\"id\":1,\"type\":\"private\"},\"from\":{\"id\":1,\"is_bot\":false,\"first_name\":\"A\"},\"text\":\"hi\"}}")]
    [InlineData("{\"update_id\":1,\"message\":{\"message_id\":1,\"date\":1,\"chat\":{\"id\":1,\"type\":\"private\"},\"text\":\"\\ud800\"}}")]
    [InlineData("{\"update_id\":\"x\"}")]
    [InlineData("{\"update_id\":99999999999999999999}")]
    [InlineData("{\"update_id\":1,\"callback_query\":{\"id\":\"q\"}}")]
    [InlineData("{\"update_id\":1,\"message\":{\"message_id\":1,\"date\":1}}")]
    [InlineData("[1,2]")]
    [InlineData("{\"update_id\":1,")]
    public async Task Malformed_or_out_of_range_updates_get_400_never_500(string body)
    {
        await using var api = await TelegramStandIn.StartAsync();
        await using var host = new TelegramBotHost(api.BaseUrl, api.Token, TelegramMode.Webhook);
        host.Start();
        await api.WaitForCallAsync("setWebhook", 1, TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync(host, new StringContent(body, Encoding.UTF8, "application/json")));
        host.DeleteFiles();
    }

    [Fact]
    public async Task Every_bot_api_call_goes_out_with_a_content_length_never_chunked()
    {
        await using var api = await TelegramStandIn.StartAsync();
        await using var host = new TelegramBotHost(api.BaseUrl, api.Token, TelegramMode.Webhook);
        host.Start();
        await api.WaitForCallAsync("setWebhook", 1, TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.OK, await api.PostToWebhookAsync(api.EnqueueText(Lan, Lan, "ai chủ trì tuyển dụng giáo viên?").Json, TelegramBotHost.Secret));
        await api.WaitForSentAsync(m => m.ChatId == Lan, TimeSpan.FromSeconds(10));

        Assert.Contains(api.Framings, f => f.Path == "sendMessage");
        Assert.All(api.Framings, f => Assert.True(f.HasContentLength, $"{f.Path}: Content-Length {f.ContentLength}, Transfer-Encoding '{f.TransferEncoding}'"));
        host.DeleteFiles();
    }

    private sealed class MemoryUpdates : IProcessedUpdates
    {
        private readonly HashSet<long> ids = [];

        public Func<Exception?> Fail { get; set; } = () => null;

        public int Calls { get; private set; }

        public bool Contains(long updateId)
        {
            Calls++;
            if (Fail() is { } error)
            {
                throw error;
            }

            lock (ids)
            {
                return ids.Contains(updateId);
            }
        }

        public void Add(long updateId)
        {
            lock (ids)
            {
                ids.Add(updateId);
            }
        }
    }

    private sealed class NoReachability : IChannelReachability
    {
        public void Unreachable(string channel, string userId, string reason)
        {
        }
    }

    private static TelegramAdapter Adapter(TelegramStandIn api, MemoryUpdates processed)
    {
        var options = new TelegramAdapterOptions { Token = api.Token, ApiBaseUrl = api.BaseUrl };
        return new TelegramAdapter(new TelegramBotApiClient(options, new HttpClient()), options, processed, new NoReachability(), NullLogger<TelegramAdapter>.Instance)
        {
            Delay = (_, _) => Task.CompletedTask,
        };
    }

    [Fact]
    public async Task A_turn_that_fails_inside_is_not_recorded_and_after_the_last_try_the_person_gets_the_note_once()
    {
        await using var api = await TelegramStandIn.StartAsync();
        var processed = new MemoryUpdates();
        var adapter = Adapter(api, processed);
        var turns = 0;
        BotCallbackHandler failing = (_, _) =>
        {
            turns++;
            throw new InvalidOperationException("Member PersonId not found on BsonMapper");
        };
        var update = api.EnqueueText(Lan, Lan, "xin chào").ToUpdate();

        Assert.Equal(UpdateOutcome.RetryLater, await adapter.ProcessUpdateAsync(update, failing, CancellationToken.None));
        Assert.Equal(UpdateOutcome.RetryLater, await adapter.ProcessUpdateAsync(update, failing, CancellationToken.None));
        Assert.Empty(api.Sent);
        Assert.False(processed.Contains(update.Id));

        Assert.Equal(UpdateOutcome.Handled, await adapter.ProcessUpdateAsync(update, failing, CancellationToken.None));
        Assert.Equal(UpdateOutcome.Duplicate, await adapter.ProcessUpdateAsync(update, failing, CancellationToken.None));
        Assert.Equal(3, turns);
        Assert.Equal([PlatformAdapter.DefaultTurnFailedNote], api.SentTo(Lan).Select(m => m.PlainText));
    }

    [Fact]
    public async Task A_turn_that_fails_once_is_answered_on_the_redelivery()
    {
        await using var api = await TelegramStandIn.StartAsync();
        var adapter = Adapter(api, new MemoryUpdates());
        var turns = 0;
        BotCallbackHandler flaky = async (turn, ct) =>
        {
            if (++turns == 1)
            {
                throw new InvalidOperationException("first turn after start-up");
            }

            await turn.SendActivityAsync("Chào anh/chị", cancellationToken: ct);
        };
        var update = api.EnqueueText(Lan, Lan, "xin chào").ToUpdate();

        Assert.Equal(UpdateOutcome.RetryLater, await adapter.ProcessUpdateAsync(update, flaky, CancellationToken.None));
        Assert.Equal(UpdateOutcome.Handled, await adapter.ProcessUpdateAsync(update, flaky, CancellationToken.None));
        Assert.Equal(["Chào anh/chị"], api.SentTo(Lan).Select(m => m.PlainText));
    }

    [Fact]
    public async Task A_full_disk_is_answered_503_at_once_and_the_next_calls_do_not_wait_on_the_disk_again()
    {
        await using var api = await TelegramStandIn.StartAsync();
        var processed = new MemoryUpdates { Fail = () => new IOException("No space left on device", 28) };
        var adapter = Adapter(api, processed);
        var update = api.EnqueueText(Lan, Lan, "xin chào").ToUpdate();
        BotCallbackHandler bot = (turn, ct) => turn.SendActivityAsync("Chào", cancellationToken: ct);

        var clock = Stopwatch.StartNew();
        Assert.Equal(UpdateOutcome.StorageUnavailable, await adapter.ProcessUpdateAsync(update, bot, CancellationToken.None));
        Assert.Equal(UpdateOutcome.StorageUnavailable, await adapter.ProcessUpdateAsync(update, bot, CancellationToken.None));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), clock.Elapsed.ToString());
        Assert.Equal(1, processed.Calls);
        Assert.Equal(503, UpdateOutcome.StorageUnavailable.StatusCode());
        Assert.Empty(api.Sent);
    }
}
