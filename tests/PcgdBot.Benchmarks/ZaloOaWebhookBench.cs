using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using PcgdBot.Host.Web;
using PcgdBot.Zalo.Oa;
using PcgdBot.Zalo.Tests.StandIn;

namespace PcgdBot.Benchmarks;

/// <summary>
/// <c>zalo-oa-webhook [events] [rate]</c>: signed events posted to <c>POST /api/zalo/oa</c> at a fixed rate (open loop,
/// as Zalo sends them), the acknowledgement latency measured (Zalo allows 2 s), then the time the inbox takes to answer
/// them all through the stand-in OA API; then the most events/s the endpoint acknowledges with 16 in flight.
/// </summary>
public static class ZaloOaWebhookBench
{
    private static readonly string[] Questions = ["ai phu trach tuyen dung giao vien", "Hạn nộp báo cáo là khi nào?", "UBND xã cần làm gì?", "xin chào"];

    public static async Task<int> RunAsync(int events, int rate)
    {
        await using var api = await ZaloOaStandIn.StartAsync();
        await using var host = await BenchHost.StartAsync(url => new Dictionary<string, string?>
        {
            ["Zalo:Oa:AppId"] = api.AppId,
            ["Zalo:Oa:OaSecretKey"] = api.OaSecretKey,
            ["Zalo:Oa:AppSecret"] = api.AppSecret,
            ["Zalo:Oa:AccessToken"] = api.InitialAccessToken,
            ["Zalo:Oa:RefreshToken"] = api.InitialRefreshToken,
            ["Zalo:Oa:ApiBaseUrl"] = api.BaseUrl,
            ["Zalo:Oa:OAuthBaseUrl"] = api.BaseUrl,
        });
        var baseUrl = host.BaseUrl;

        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var webhook = "/api/zalo/oa";
        var serial = 0;
        (string Body, string Signature) Event()
        {
            var n = Interlocked.Increment(ref serial);
            var body = api.UserSendText((100000000000000000L + (n % 500)).ToString(System.Globalization.CultureInfo.InvariantCulture), Questions[n % Questions.Length]);
            return (body, api.Sign(body, ZaloOaStandIn.TimestampOf(body)));
        }

        async Task<double> Post((string Body, string Signature) e)
        {
            using var content = new StringContent(e.Body, Encoding.UTF8, "application/json");
            content.Headers.Add(ZaloOaSignature.Header, e.Signature);
            var start = Stopwatch.GetTimestamp();
            using var response = await http.PostAsync(webhook, content);
            var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            return response.IsSuccessStatusCode ? elapsed : throw new InvalidOperationException($"{webhook} answered {(int)response.StatusCode}");
        }

        foreach (var _ in Enumerable.Range(0, 200))
        {
            await Post(Event());
        }

        await WaitForReplies(api, 200);

        // Open loop: one event every 1/rate s, whatever the answers take (Zalo does not wait for us).
        var payloads = Enumerable.Range(0, events).Select(_ => Event()).ToArray();
        var sentBefore = api.Sent.Count;
        var latencies = new double[events];
        var clock = Stopwatch.StartNew();
        var posts = new Task[events];
        for (var i = 0; i < events; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            var index = i;
            posts[i] = Task.Run(async () => latencies[index] = await Post(payloads[index]));
        }

        await Task.WhenAll(posts);
        var offered = events / clock.Elapsed.TotalSeconds;
        await WaitForReplies(api, sentBefore + events);
        var drained = clock.Elapsed;
        Array.Sort(latencies);
        Console.WriteLine($"open loop: {events:N0} signed events offered at {offered:N0}/s (target {rate}/s)");
        Console.WriteLine($"  acknowledgement (200) latency: p50 {P(latencies, 0.5):F1} ms, p99 {P(latencies, 0.99):F1} ms, max {latencies[^1]:F1} ms (Zalo allows 2,000 ms)");
        Console.WriteLine($"  all {events:N0} answered through the OA API after {drained.TotalSeconds:F1} s ({events / drained.TotalSeconds:N0} answers/s)");

        // Closed loop: how many events/s the endpoint acknowledges at most.
        var closed = Enumerable.Range(0, events).Select(_ => Event()).ToArray();
        var closedLatencies = new double[events];
        var closedClock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, events), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) => closedLatencies[i] = await Post(closed[i]));
        closedClock.Stop();
        Array.Sort(closedLatencies);
        Console.WriteLine($"closed loop, 16 in flight: {events / closedClock.Elapsed.TotalSeconds:N0} events/s acknowledged, p99 {P(closedLatencies, 0.99):F1} ms");
        await WaitForReplies(api, sentBefore + (2 * events));
        var process = Process.GetCurrentProcess();
        process.Refresh();
        Console.WriteLine($"memory: working set {process.WorkingSet64 / 1048576.0:F0} MB, managed heap {GC.GetTotalMemory(false) / 1048576.0:F0} MB (host and stand-in in one process)");
        return 0;
    }

    private static async Task WaitForReplies(ZaloOaStandIn api, int count)
    {
        var deadline = Stopwatch.StartNew();
        while (api.Sent.Count < count && deadline.Elapsed < TimeSpan.FromMinutes(5))
        {
            await Task.Delay(20);
        }
    }

    private static double P(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
