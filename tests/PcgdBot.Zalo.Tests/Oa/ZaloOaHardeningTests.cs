using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PcgdBot.Channels;
using PcgdBot.Host.Channels;
using PcgdBot.Storage;
using PcgdBot.Telegram.Tests.Fuzz;
using PcgdBot.Zalo.Oa;
using PcgdBot.Zalo.Tests.StandIn;
using PcgdBot.Zalo.Tests.Support;

namespace PcgdBot.Zalo.Tests.Oa;

/// <summary>
/// The faults a hostile tester found at <c>POST /api/zalo/oa</c>: bodies read before the signature, a lone surrogate
/// answered 500, ids too long for an index key, events from 1970 or 2100 or past year 9999, chunked API calls, an inbox
/// that never retried nor forgot.
/// </summary>
public sealed class ZaloOaHardeningTests
{
    private const string Lan = "246845883529197922";

    private static string WithTimestamp(string body, string timestamp)
    {
        var node = JsonNode.Parse(body)!.AsObject();
        node["timestamp"] = timestamp;
        return node.ToJsonString();
    }

    /// <returns>True when the request was answered 413 or its connection was cut while the body was still being sent.</returns>
    private static async Task<bool> RefusedOrCutAsync(Func<Task<HttpResponseMessage>> send)
    {
        try
        {
            using var response = await send();
            return response.StatusCode == HttpStatusCode.RequestEntityTooLarge;
        }
        catch (HttpRequestException error) when (error.InnerException is IOException)
        {
            return true;
        }
    }

    [Fact]
    public async Task An_unsigned_chunked_20_MB_body_is_refused_with_413_without_being_read_whole_and_a_lone_surrogate_gets_401()
    {
        await ZaloBotHost.WithOaStandInAsync(async (api, host) =>
        {
            using var http = new HttpClient();
            var clock = Stopwatch.StartNew();
            // The server answers 413 and closes without reading the other 19 MB; the sender, still writing, may see the
            // connection reset before it reads the answer (TCP discards it on reset). Either outcome refuses the body.
            var refused = await RefusedOrCutAsync(() => http.PostAsync(host.WebhookUrl, new ChunkedContent(new byte[20 << 20])));
            Assert.True(refused, "a 20 MB body must be refused with 413 or cut off");

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), clock.Elapsed.ToString());
            using var surrogate = await api.PostWebhookAsync(host.WebhookUrl, "{\"event_name\":\"\\ud800\"}", sign: false);
            Assert.Equal(HttpStatusCode.Unauthorized, surrogate.StatusCode);
        });
    }

    [Fact]
    public async Task A_signed_lone_surrogate_is_400_and_a_signed_msg_id_of_1_KB_is_acknowledged_and_dropped_never_500()
    {
        await ZaloBotHost.WithOaStandInAsync(async (api, host) =>
        {
            var broken = api.UserSendText(Lan, "x").Replace("\"user_send_text\"", "\"\\ud800\"", StringComparison.Ordinal);
            Assert.Contains("\\ud800", broken, StringComparison.Ordinal);
            using (var response = await api.PostWebhookAsync(host.WebhookUrl, broken))
            {
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            }

            var longId = new string('a', 1024);
            using (var response = await api.PostWebhookAsync(host.WebhookUrl, api.UserSendText(Lan, "xin chào", msgId: longId)))
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }

            Assert.Null(host.Services.GetRequiredService<ZaloOaInbox>().Get(longId));

            // The channel still works.
            using (await api.PostWebhookAsync(host.WebhookUrl, api.UserSendText(Lan, "hạn báo cáo là khi nào?")))
            {
            }

            await api.WaitForSentAsync(m => m.UserId == Lan, TimeSpan.FromSeconds(15));
            Assert.Single(api.SentTo(Lan));
        });
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1717000000000")]
    [InlineData("4102444800000")]
    [InlineData("253402300800000")]
    [InlineData("9223372036854775807")]
    [InlineData("99999999999999999999")]
    public async Task A_signed_event_outside_the_freshness_window_or_not_a_representable_time_is_acknowledged_and_dropped(string timestamp)
    {
        await ZaloBotHost.WithOaStandInAsync(async (api, host) =>
        {
            const string msgId = "0123456789abcdef0123";
            using (var response = await api.PostWebhookAsync(host.WebhookUrl, WithTimestamp(api.UserSendText(Lan, "xin chào", msgId: msgId), timestamp)))
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }

            Assert.Null(host.Services.GetRequiredService<ZaloOaInbox>().Get(msgId));
            await Task.Delay(300);
            Assert.Empty(api.SentTo(Lan));
        });
    }

    [Fact]
    public async Task Oa_api_and_oauth_calls_go_out_with_a_content_length_never_chunked()
    {
        await ZaloBotHost.WithOaStandInAsync(async (api, host) =>
        {
            api.ExpireAccessToken();
            using (await api.PostWebhookAsync(host.WebhookUrl, api.UserSendText(Lan, "hạn báo cáo là khi nào?")))
            {
            }

            await api.WaitForSentAsync(m => m.UserId == Lan, TimeSpan.FromSeconds(15));
            Assert.True(api.RefreshCount >= 1);
            Assert.Contains(api.Framings, f => f.Path.Contains("access_token", StringComparison.Ordinal));
            Assert.All(api.Framings, f => Assert.True(f.HasContentLength, $"{f.Path}: Content-Length {f.ContentLength}, Transfer-Encoding '{f.TransferEncoding}'"));
        });
    }

    private sealed class NoReachability : IChannelReachability
    {
        public void Unreachable(string channel, string userId, string reason)
        {
        }
    }

    private sealed class FailingBot(int failures) : IBot
    {
        public int Turns { get; private set; }

        public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
        {
            if (++Turns <= failures)
            {
                throw new InvalidOperationException("Member PersonId not found on BsonMapper");
            }

            await turnContext.SendActivityAsync("Chào anh/chị", cancellationToken: cancellationToken);
        }
    }

    [Theory]
    [InlineData(1, "Chào anh/chị")]
    [InlineData(5, PlatformAdapter.DefaultTurnFailedNote)]
    public async Task The_inbox_tries_an_event_that_failed_again_and_after_the_last_try_tells_the_person(int failures, string expected)
    {
        await using var api = await ZaloOaStandIn.StartAsync();
        var folder = Path.Combine(Path.GetTempPath(), "pcgdbot-inbox-" + Guid.NewGuid().ToString("N"));
        var database = PcgdBotDatabase.Open(Path.Combine(folder, "bot.db"));
        try
        {
            var options = new ZaloOaOptions { AppId = api.AppId, AppSecret = api.AppSecret, OaSecretKey = api.OaSecretKey, ApiBaseUrl = api.BaseUrl, OAuthBaseUrl = api.BaseUrl, RetryDelay = TimeSpan.FromMilliseconds(20), MaxTurnAttempts = 3 };
            var client = new ZaloOaApiClient(options, new HttpClient());
            var store = new ZaloTokenStore(database);
            store.SeedFromConfiguration(null, api.InitialAccessToken, api.InitialRefreshToken, DateTime.UtcNow);
            var inbox = new ZaloOaInbox(database, TimeProvider.System);
            var adapter = new ZaloOaAdapter(client, new ZaloTokenKeeper(client, store, options, TimeProvider.System, NullLogger<ZaloTokenKeeper>.Instance), inbox, options, new NoReachability(), NullLogger<ZaloOaAdapter>.Instance);
            var bot = new FailingBot(failures);
            var processor = new ZaloOaInboxProcessor(adapter, inbox, bot, options, NullLogger<ZaloOaInboxProcessor>.Instance);
            var body = api.UserSendText(Lan, "xin chào", msgId: "feedfacefeedface0001");
            Assert.True(inbox.TryAdd("feedfacefeedface0001", body));

            await processor.StartAsync(CancellationToken.None);
            var sent = await api.WaitForSentAsync(m => m.UserId == Lan, TimeSpan.FromSeconds(15));
            // The note goes out before the inbox records the event as done: wait for that record, not a fixed time.
            var deadline = DateTime.UtcNow.AddSeconds(15);
            while (inbox.StateOf("feedfacefeedface0001") != "done" && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }

            await processor.StopAsync(CancellationToken.None);

            Assert.Equal(expected, sent.Text);
            Assert.Single(api.SentTo(Lan));
            Assert.Equal(Math.Min(failures + 1, 3), bot.Turns);
            Assert.Equal("done", inbox.StateOf("feedfacefeedface0001"));
        }
        finally
        {
            database.Dispose();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Handled_inbox_events_and_processed_ids_are_pruned_after_the_retention_and_pending_ones_are_kept()
    {
        var folder = Path.Combine(Path.GetTempPath(), "pcgdbot-prune-" + Guid.NewGuid().ToString("N"));
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddSingleton(_ => PcgdBotDatabase.Open(Path.Combine(folder, "bot.db")));
        services.AddSingleton(provider => new ZaloOaInbox(provider.GetRequiredService<PcgdBotDatabase>(), time));
        using var provider = services.BuildServiceProvider();
        try
        {
            var inbox = provider.GetRequiredService<ZaloOaInbox>();
            var processed = new ProcessedEvents(provider.GetRequiredService<PcgdBotDatabase>(), time);
            inbox.TryAdd("done-old", "{}");
            inbox.MarkDone("done-old");
            inbox.TryAdd("pending-old", "{}");
            processed.Add("telegram", "1");
            time.Advance(TimeSpan.FromDays(2));
            inbox.TryAdd("done-new", "{}");
            inbox.MarkDone("done-new");
            processed.Add("telegram", "2");
            time.Advance(TimeSpan.FromDays(2));

            var retention = new ChannelRetention(provider, time, Microsoft.Extensions.Options.Options.Create(new ChannelSafetyOptions { Retention = TimeSpan.FromDays(3) }), NullLogger<ChannelRetention>.Instance);
            Assert.Equal((1, 1), retention.PruneOnce());

            Assert.Null(inbox.Get("done-old"));
            Assert.NotNull(inbox.Get("pending-old"));
            Assert.NotNull(inbox.Get("done-new"));
            Assert.False(processed.Contains("telegram", "1"));
            Assert.True(processed.Contains("telegram", "2"));
        }
        finally
        {
            provider.GetRequiredService<PcgdBotDatabase>().Dispose();
            Directory.Delete(folder, recursive: true);
        }
    }
}
