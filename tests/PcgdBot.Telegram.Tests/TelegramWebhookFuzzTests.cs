using System.Text;
using PcgdBot.Telegram.Tests.Fuzz;
using PcgdBot.Telegram.Tests.StandIn;
using Xunit.Abstractions;

namespace PcgdBot.Telegram.Tests;

/// <summary>
/// Property-based fuzzing of <c>POST /api/telegram</c> on the real host (Kestrel, loopback, stand-in Bot API): 3,000
/// structure-aware mutations of the recorded updates from a fixed seed. Whatever comes, the answer is 2xx or 4xx,
/// nothing is logged as an exception, and memory comes back down. Larger runs: the <c>fuzz-webhooks</c> bench command.
/// </summary>
[Trait("Category", "Long")]
public sealed class TelegramWebhookFuzzTests(ITestOutputHelper output)
{
    public const int Payloads = 3_000;
    public const ulong Seed = 20261207;

    public static IReadOnlyList<string> Seeds() =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Data", "updates"), "*.json").Order(StringComparer.Ordinal).Select(File.ReadAllText)];

    [Fact]
    public async Task Three_thousand_mutated_updates_never_get_a_5xx_nor_an_exception_logged_and_memory_comes_back()
    {
        var figures = await RunAsync(Payloads, Seed);
        output.WriteLine(figures.ToString());

        Assert.Equal(Payloads, figures.Payloads);
        Assert.True(figures.ServerErrorCount == 0, string.Join("\n", figures.ServerErrors));
        Assert.True(figures.LoggedExceptions.Count == 0, string.Join("\n", figures.LoggedExceptions));
        Assert.True(figures.Statuses.Keys.All(s => s is 200 or 400 or 413), string.Join(", ", figures.Statuses.Keys));
        Assert.True(figures.ManagedMbAfter < 300, $"managed heap {figures.ManagedMbAfter:F0} MB after the run");
    }

    /// <summary>One run: the host in webhook mode, the payloads posted with the right secret.</summary>
    public static async Task<FuzzFigures> RunAsync(int payloads, ulong seed)
    {
        await using var api = await TelegramStandIn.StartAsync();
        var log = new ExceptionLog();
        var host = new FuzzBotHost(log, url => new Dictionary<string, string?>
        {
            ["Telegram:Token"] = api.Token,
            ["Telegram:ApiBaseUrl"] = api.BaseUrl,
            ["Telegram:Mode"] = "webhook",
            ["Telegram:PublicUrl"] = url,
            ["Telegram:WebhookSecret"] = Support.TelegramBotHost.Secret,
            ["Telegram:TypingDelay"] = "00:00:05",
        });
        try
        {
            host.Start();
            await api.WaitForCallAsync("setWebhook", 1, TimeSpan.FromSeconds(20));
            using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
            return await FuzzRun.RunAsync("POST /api/telegram", JsonMutator.Sample(JsonMutator.Payloads(Seeds()), payloads, seed), async body =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, TelegramAdapterOptions.WebhookPath) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                request.Headers.Add(TelegramAdapter.SecretHeader, Support.TelegramBotHost.Secret);
                using var response = await http.SendAsync(request);
                return (int)response.StatusCode;
            }, log);
        }
        finally
        {
            await host.DisposeAsync();
            host.DeleteFiles();
        }
    }
}
