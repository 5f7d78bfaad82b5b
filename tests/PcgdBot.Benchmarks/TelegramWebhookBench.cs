using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using PcgdBot.Host.Web;
using PcgdBot.Telegram;
using PcgdBot.Telegram.Tests.StandIn;

namespace PcgdBot.Benchmarks;

/// <summary>
/// <c>telegram-webhook [updates] [concurrency]</c>: the host on Kestrel (loopback) absorbing updates at
/// <c>POST /api/telegram</c>, each answered through the stand-in Bot API before the 200 goes back: updates/s,
/// p50/p99 latency of the webhook call, memory. Target: ≥ 500 updates/s with p99 under 50 ms on 2 cores.
/// </summary>
public static class TelegramWebhookBench
{
    private static readonly string[] Questions =
    [
        "ai phu trach tuyen dung giao vien",
        "Hạn nộp báo cáo là khi nào?",
        "UBND xã cần làm gì?",
        "xin chào",
        "Mục tiêu xóa mù chữ đến 2030?",
        "đơn vị nào phối hợp mở lớp xóa mù chữ",
    ];

    public static async Task<int> RunAsync(int updates, int concurrency)
    {
        await using var api = await TelegramStandIn.StartAsync();
        await using var host = await BenchHost.StartAsync(url => new Dictionary<string, string?>
        {
            ["Telegram:Token"] = api.Token,
            ["Telegram:ApiBaseUrl"] = api.BaseUrl,
            ["Telegram:Mode"] = "webhook",
            ["Telegram:PublicUrl"] = url,
            ["Telegram:WebhookSecret"] = "bench-secret",
        });
        var baseUrl = host.BaseUrl;
        await api.WaitForCallAsync("setWebhook", 1, TimeSpan.FromSeconds(10));

        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var nextUpdateId = 1_000_000;
        string Update(int i)
        {
            var user = 7_000_000_000L + (i % 500);
            var update = new JsonObject
            {
                ["update_id"] = Interlocked.Increment(ref nextUpdateId),
                ["message"] = new JsonObject
                {
                    ["message_id"] = i + 1,
                    ["from"] = new JsonObject { ["id"] = user, ["is_bot"] = false, ["first_name"] = "Cán bộ " + (i % 500) },
                    ["chat"] = new JsonObject { ["id"] = user, ["type"] = "private", ["first_name"] = "Cán bộ" },
                    ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                    ["text"] = Questions[i % Questions.Length],
                },
            };
            return update.ToJsonString();
        }

        async Task<double> Post(string json)
        {
            using var content = new StringContent(json, Encoding.UTF8, "application/json");
            content.Headers.Add(TelegramAdapter.SecretHeader, "bench-secret");
            var start = Stopwatch.GetTimestamp();
            using var response = await http.PostAsync("/api/telegram", content);
            var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"/api/telegram answered {(int)response.StatusCode}");
            }

            return elapsed;
        }

        // Warm-up: JIT, index, connection pool.
        foreach (var i in Enumerable.Range(0, 300))
        {
            await Post(Update(i));
        }

        var payloads = Enumerable.Range(0, updates).Select(Update).ToArray();
        var latencies = new double[updates];
        var sentBefore = api.CallCount("sendMessage");
        GC.Collect();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, updates), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, _) => latencies[i] = await Post(payloads[i]));
        clock.Stop();
        var replies = api.CallCount("sendMessage") - sentBefore;

        Array.Sort(latencies);
        var process = Process.GetCurrentProcess();
        process.Refresh();
        Console.WriteLine($"updates: {updates:N0} at concurrency {concurrency}, replies sent to the stand-in: {replies:N0}");
        Console.WriteLine($"throughput: {updates / clock.Elapsed.TotalSeconds:N0} updates/s ({clock.Elapsed.TotalSeconds:F2} s)");
        Console.WriteLine($"latency of POST /api/telegram (reply sent included): p50 {Percentile(latencies, 0.50):F1} ms, p90 {Percentile(latencies, 0.90):F1} ms, p99 {Percentile(latencies, 0.99):F1} ms, max {latencies[^1]:F1} ms");
        Console.WriteLine($"memory: working set {process.WorkingSet64 / 1048576.0:F0} MB, peak {process.PeakWorkingSet64 / 1048576.0:F0} MB, managed heap {GC.GetTotalMemory(false) / 1048576.0:F0} MB (host and stand-in in one process)");
        return 0;
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
