using CsCheck;
using Microsoft.Extensions.Logging;
using PcgdBot.Host.Tests.Fuzz;
using PcgdBot.Host.Tests.Support;

namespace PcgdBot.Benchmarks;

/// <summary>
/// <c>fuzz-messages [payloads] [seed]</c>: the <c>/api/messages</c> fuzz test's run, larger and with any seed: generated
/// Bot Framework activities (hostile ids, channels, service URLs, text, nesting) posted to the real host in Emulator
/// mode. Prints the status codes, 5xx, errors logged, heap and working set after the run; exit code 1 on any 5xx or error.
/// </summary>
public static class FuzzMessagesBench
{
    public static async Task<int> RunAsync(int payloads, ulong seed)
    {
        await using var emulator = await EmulatorChannel.StartAsync();
        var logs = new CapturedLogs();
        await using var bot = await BenchHost.StartAsync(_ => new Dictionary<string, string?>(), logging => logging.AddProvider(logs));
        using var client = new HttpClient { BaseAddress = new Uri(bot.BaseUrl) };
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (statuses, serverErrors) = await ActivityFuzz.PostAllAsync(client, emulator.ServiceUrl, new PCG(15, seed).ToString(), payloads);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        var errors = logs.Errors.Select(e => $"{e.Category}: {e.Message} {e.Exception?.GetType().Name}: {e.Exception?.Message}").ToList();
        Console.WriteLine($"/api/messages: {payloads} payloads in {clock.Elapsed.TotalSeconds:F1} s; statuses {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}; " +
            $"5xx {serverErrors.Count}; errors logged {errors.Count}; heap {heap / 1024 / 1024} MB; working set {Environment.WorkingSet / 1024 / 1024} MB");
        foreach (var line in serverErrors.Concat(errors).Take(10))
        {
            Console.WriteLine("  " + line);
        }

        return serverErrors.Count == 0 && errors.Count == 0 ? 0 : 1;
    }
}
