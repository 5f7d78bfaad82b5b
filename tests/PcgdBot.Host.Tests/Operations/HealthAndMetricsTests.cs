using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using PcgdBot.Host.Tests.Security;
using PcgdBot.Host.Tests.Support;
using PcgdBot.Reminders.Outbox;
using PcgdBot.Storage;

namespace PcgdBot.Host.Tests.Operations;

/// <summary>The real host on Kestrel, on a data file prepared before it starts.</summary>
public sealed class OperationsHost : KestrelBotHost
{
    public OperationsHost(string? folder = null, params (string Key, string Value)[] settings)
        : base("pcgdbot-ops-", 0, folder)
    {
        foreach (var (key, value) in settings)
        {
            Set(key, value);
        }
    }
}

public sealed partial class HealthAndMetricsTests
{
    [Fact]
    public async Task Readyz_turns_not_ready_when_an_outbox_record_has_waited_longer_than_the_threshold()
    {
        var folder = Path.Combine(Path.GetTempPath(), "pcgdbot-ops-" + Guid.NewGuid().ToString("N"));
        var hourAgo = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-1));
        using (var database = PcgdBotDatabase.Open(Path.Combine(folder, "bot.db")))
        {
            // Enqueued an hour ago; the platform refused it and the next attempt is tomorrow: stuck.
            var outbox = new OutboxStore(database, hourAgo);
            outbox.Enqueue([new OutboxMessage("b1:telegram:7001", "b1", "p1", "telegram", "7001", "7001", "Nhắc báo cáo", [])]);
            var claimed = Assert.Single(outbox.ClaimDue(1));
            outbox.MarkRetry(claimed.Id, "HTTP 502", DateTime.UtcNow.AddDays(1));
        }

        await using var stuck = new OperationsHost(folder, ("Health:OutboxStuckAfter", "00:30:00"));
        stuck.Start();
        using var client = new HttpClient { BaseAddress = new Uri(stuck.BaseUrl) };

        using var notReady = await client.GetAsync("/readyz");
        using var alive = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        using var body = JsonDocument.Parse(await notReady.Content.ReadAsStringAsync());
        Assert.Equal("outbox-stuck", body.RootElement.GetProperty("reason").GetString());
        Assert.Equal(1, body.RootElement.GetProperty("outbox").GetProperty("waiting").GetInt32());
        Assert.InRange(body.RootElement.GetProperty("outbox").GetProperty("oldestSeconds").GetDouble(), 3000, 4000);
        Assert.Equal("open", body.RootElement.GetProperty("database").GetString());
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        await stuck.DisposeAsync();

        // The same record under a threshold of two hours: ready.
        await using var patient = new OperationsHost(folder, ("Health:OutboxStuckAfter", "02:00:00"));
        patient.Start();
        using var patientClient = new HttpClient { BaseAddress = new Uri(patient.BaseUrl) };
        using var ready = await patientClient.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        patient.DeleteFiles();
    }

    // Skipped until the meter is scoped to its host: OpenTelemetry's MeterProvider listens to every Meter named "PcgdBot"
    // in the process, so in this test process one host's /metrics also shows (and loses, when they stop) the counts of
    // the other hosts alive at the time (checked: host B's scrape showed host A's three rejections). One host per
    // process in production is unaffected; the test's deltas are not reliable until each host's provider sees only its meter.
    [Fact(Skip = "Process-wide meter listener: other hosts in the test process change the scraped counts (issue 16, open)")]
    public async Task Metrics_scraped_after_a_few_telegram_turns_show_messages_replies_turn_times_and_rejections_moving()
    {
        await using var api = await PlatformApiStandIn.StartAsync();
        await using var host = new AllChannelsHost(api);
        host.Start();
        using var client = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        var before = Parse(await ScrapeAsync(client));

        for (var i = 0; i < 3; i++)
        {
            using var accepted = await TelegramUpdateAsync(client, 9100 + i, "xã em phải làm gì", AllChannelsHost.TelegramSecret);
            Assert.True(accepted.IsSuccessStatusCode, $"webhook answered {(int)accepted.StatusCode}");
        }

        using var forged = await TelegramUpdateAsync(client, 9200, "giả mạo", "wrong-secret");
        Assert.True(forged.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"forged webhook answered {(int)forged.StatusCode}");

        // Counters reach the scrape as they are recorded (and the exporter may answer from a short cache): wait for all.
        var after = await WaitForAsync(client, scraped =>
            Value(scraped, "pcgdbot_replies_sent_total", "telegram") - Value(before, "pcgdbot_replies_sent_total", "telegram") >= 3
            && Value(scraped, "pcgdbot_turn_duration_seconds_count", "telegram") - Value(before, "pcgdbot_turn_duration_seconds_count", "telegram") >= 3
            && Value(scraped, "pcgdbot_webhook_rejections_total", "telegram") - Value(before, "pcgdbot_webhook_rejections_total", "telegram") >= 1);

        Assert.True(Value(after, "pcgdbot_replies_sent_total", "telegram") - Value(before, "pcgdbot_replies_sent_total", "telegram") >= 3, "replies sent did not move");
        Assert.Equal(3, Value(after, "pcgdbot_messages_in_total", "telegram") - Value(before, "pcgdbot_messages_in_total", "telegram"));
        Assert.True(Value(after, "pcgdbot_turn_duration_seconds_count", "telegram") - Value(before, "pcgdbot_turn_duration_seconds_count", "telegram") >= 3);
        Assert.Equal(1, Value(after, "pcgdbot_webhook_rejections_total", "telegram") - Value(before, "pcgdbot_webhook_rejections_total", "telegram"));
        Assert.Equal(0, Value(after, "pcgdbot_replies_failed_total", "telegram"));
        Assert.True(after.ContainsKey("pcgdbot_outbox_depth"), "outbox depth gauge missing");
        host.DeleteFiles();
    }

    [Fact]
    public async Task Metrics_are_not_served_through_a_reverse_proxy()
    {
        await using var host = new OperationsHost();
        host.Start();
        using var client = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        host.DeleteFiles();
    }

    private static async Task<string> ScrapeAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<Dictionary<string, double>> WaitForAsync(HttpClient client, Func<Dictionary<string, double>, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var scraped = Parse(await ScrapeAsync(client));
            if (condition(scraped) || DateTime.UtcNow > deadline)
            {
                return scraped;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Prometheus text: "name{labels} value" → key "name|channel".</summary>
    private static Dictionary<string, double> Parse(string text)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            if (SampleLine().Match(line) is not { Success: true } match)
            {
                continue;
            }

            var channel = ChannelLabel().Match(match.Groups["labels"].Value) is { Success: true } label ? label.Groups[1].Value : "";
            var key = match.Groups["name"].Value + "|" + channel;
            values[key] = values.GetValueOrDefault(key) + double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
            values.TryAdd(match.Groups["name"].Value, 0);
        }

        return values;
    }

    private static double Value(Dictionary<string, double> scraped, string name, string channel) => scraped.GetValueOrDefault(name + "|" + channel);

    private static Task<HttpResponseMessage> TelegramUpdateAsync(HttpClient client, long id, string text, string secret)
    {
        var body = JsonSerializer.Serialize(new
        {
            update_id = id,
            message = new
            {
                message_id = id,
                date = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                chat = new { id = 7001, type = "private", first_name = "Lan" },
                from = new { id = 7001, is_bot = false, first_name = "Lan" },
                text,
            },
        });
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/telegram") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", secret);
        return client.SendAsync(request);
    }

    [GeneratedRegex(@"^(?<name>[a-z_]+)(\{(?<labels>[^}]*)\})? (?<value>[-+0-9.eE]+|NaN)(\s|$)")]
    private static partial Regex SampleLine();

    [GeneratedRegex("channel=\"([^\"]*)\"")]
    private static partial Regex ChannelLabel();
}
