using Microsoft.Extensions.Logging.Abstractions;
using PcgdBot.Zalo.Bot;
using PcgdBot.Zalo.Tests.StandIn;

namespace PcgdBot.Zalo.Tests.Bot;

/// <summary>Polling and webhook registration against the stand-in Bot Platform over real HTTP.</summary>
public sealed class ZaloBotReceiversTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly TempDatabase database = new();
    private readonly string chat = ZaloBotStandIn.NewUserId();

    public void Dispose() => database.Dispose();

    private static ZaloBotOptions Options(ZaloBotStandIn api, int pollingTimeoutSeconds = 1) => new()
    {
        Token = api.Token,
        ApiBaseUrl = api.BaseUrl,
        PollingTimeoutSeconds = pollingTimeoutSeconds,
        PublicUrl = "https://pcgd.example.vn/",
        WebhookSecret = "webhook-secret-123",
    };

    private (ZaloBotPollingService Service, List<TimeSpan> Waits) Polling(ZaloBotStandIn api, DelegateBot bot, int pollingTimeoutSeconds = 1)
    {
        var options = Options(api, pollingTimeoutSeconds);
        options.Mode = ZaloBotMode.Polling;
        var client = new ZaloBotApiClient(options, new HttpClient());
        var adapter = new ZaloBotAdapter(client, options, database.Events, new RecordedReachability(), NullLogger<ZaloBotAdapter>.Instance);
        var waits = new List<TimeSpan>();
        var service = new ZaloBotPollingService(client, adapter, bot, options, NullLogger<ZaloBotPollingService>.Instance)
        {
            // Short real pauses, so the loop neither spins nor makes the test slow; the waits asked for are recorded.
            Delay = (wait, ct) =>
            {
                lock (waits)
                {
                    waits.Add(wait);
                }

                return Task.Delay(5, ct);
            },
        };
        return (service, waits);
    }

    [Fact]
    public async Task Polling_clears_a_webhook_first_then_handles_updates_in_order()
    {
        await using var api = await ZaloBotStandIn.StartAsync();
        var options = Options(api);
        await new ZaloBotApiClient(options, new HttpClient()).SetWebhookAsync("https://old.example.vn/api/zalo/bot", "old-secret-123", CancellationToken.None);
        api.EnqueueText(chat, "một");
        api.EnqueueText(chat, "hai");
        var (service, _) = Polling(api, DelegateBot.Echo());

        await service.StartAsync(CancellationToken.None);
        await api.WaitForSentAsync(s => s.Text == "Bạn nói: hai", Patience);
        await service.StopAsync(CancellationToken.None);

        Assert.Null(api.Webhook);
        Assert.Equal(["setWebhook", "deleteWebhook", "getUpdates"], api.Calls.Select(c => c.Method).Distinct().Take(3));
        Assert.Equal(["Bạn nói: một", "Bạn nói: hai"], api.SentTo(chat).Select(s => s.Text));
    }

    [Fact]
    public async Task Polling_backs_off_on_errors_and_never_stops()
    {
        await using var api = await ZaloBotStandIn.StartAsync();
        api.FailNext("getUpdates", 500, "Internal Server Error");
        api.FailNextWithNetworkError("getUpdates");
        api.FailNext("getUpdates", 401, "Unauthorized");
        api.EnqueueText(chat, "vẫn chạy");
        var (service, waits) = Polling(api, DelegateBot.Echo());

        await service.StartAsync(CancellationToken.None);
        await api.WaitForSentAsync(s => s.Text == "Bạn nói: vẫn chạy", Patience);
        await service.StopAsync(CancellationToken.None);

        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)], waits.Take(3));
        Assert.True(api.CallCount("deleteWebhook") >= 4, "the webhook is cleared again after each failure");
    }

    [Fact]
    public async Task A_long_poll_that_ends_empty_just_asks_again()
    {
        await using var api = await ZaloBotStandIn.StartAsync();
        var (service, waits) = Polling(api, DelegateBot.Echo());

        await service.StartAsync(CancellationToken.None);
        await api.WaitForCallAsync("getUpdates", 2, Patience);
        api.EnqueueText(chat, "muộn");
        await api.WaitForSentAsync(s => s.Text == "Bạn nói: muộn", Patience);
        await service.StopAsync(CancellationToken.None);

        Assert.Contains(api.Calls, c => c is { Method: "getUpdates", ErrorCode: 408 });
        Assert.Empty(waits);
    }

    [Fact]
    public async Task Empty_polls_that_come_back_at_once_are_spaced_out()
    {
        await using var api = await ZaloBotStandIn.StartAsync();
        var (service, waits) = Polling(api, DelegateBot.Echo(), pollingTimeoutSeconds: 0);

        await service.StartAsync(CancellationToken.None);
        await api.WaitForCallAsync("getUpdates", 3, Patience);
        await service.StopAsync(CancellationToken.None);

        Assert.NotEmpty(waits);
        Assert.All(waits, w => Assert.Equal(TimeSpan.FromSeconds(1), w));
    }

    [Fact]
    public async Task The_webhook_is_registered_at_the_public_url_with_the_secret()
    {
        await using var api = await ZaloBotStandIn.StartAsync();
        var options = Options(api);

        await new ZaloBotWebhookRegistration(new ZaloBotApiClient(options, new HttpClient()), options, NullLogger<ZaloBotWebhookRegistration>.Instance).StartAsync(CancellationToken.None);

        Assert.Equal("https://pcgd.example.vn/api/zalo/bot", api.Webhook!.Url);
        Assert.Equal("webhook-secret-123", api.Webhook.SecretToken);
    }

    [Fact]
    public async Task A_failed_webhook_registration_does_not_stop_the_host()
    {
        await using var api = await ZaloBotStandIn.StartAsync();
        api.FailNext("setWebhook", 400, "Bad Request");
        api.FailNextWithNetworkError("setWebhook");
        var options = Options(api);
        var registration = new ZaloBotWebhookRegistration(new ZaloBotApiClient(options, new HttpClient()), options, NullLogger<ZaloBotWebhookRegistration>.Instance);

        await registration.StartAsync(CancellationToken.None);
        await registration.StartAsync(CancellationToken.None);

        Assert.Equal(2, api.CallCount("setWebhook"));
        Assert.Null(api.Webhook);
    }
}
