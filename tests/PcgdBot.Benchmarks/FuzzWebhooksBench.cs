using PcgdBot.Telegram.Tests.Fuzz;
using PcgdBot.Zalo.Tests.Fuzz;

namespace PcgdBot.Benchmarks;

/// <summary>
/// <c>fuzz-webhooks [payloads] [seed]</c>: the fuzz tests' runs, larger: structure-aware mutations of recorded updates
/// posted to each webhook on the real host (Telegram, Zalo OA signed and unsigned, Zalo Bot). Prints per endpoint the
/// status codes, 5xx, exceptions logged and memory after the run; exit code 1 when any 5xx or exception was seen.
/// </summary>
public static class FuzzWebhooksBench
{
    public static async Task<int> RunAsync(int payloads, ulong seed)
    {
        var runs = new List<FuzzFigures>
        {
            await TelegramFuzzEndpoint.RunAsync(payloads, seed),
            await ZaloFuzzEndpoints.RunOaAsync(payloads, seed + 1, signed: true),
            await ZaloFuzzEndpoints.RunOaAsync(payloads, seed + 2, signed: false),
            await ZaloFuzzEndpoints.RunBotAsync(payloads, seed + 3),
        };

        foreach (var run in runs)
        {
            Console.WriteLine(run);
            foreach (var line in run.ServerErrors.Concat(run.LoggedExceptions).Take(10))
            {
                Console.WriteLine("  " + line);
            }
        }

        var bad = runs.Sum(r => r.ServerErrorCount + r.LoggedExceptions.Count);
        Console.WriteLine($"total: {runs.Sum(r => r.Payloads)} payloads, {runs.Sum(r => r.ServerErrorCount)} 5xx, {runs.Sum(r => r.LoggedExceptions.Count)} exceptions logged");
        return bad == 0 ? 0 : 1;
    }
}
