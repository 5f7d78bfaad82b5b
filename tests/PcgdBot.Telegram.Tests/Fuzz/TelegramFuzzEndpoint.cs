using System.Text;
using PcgdBot.Telegram.Tests.StandIn;

namespace PcgdBot.Telegram.Tests.Fuzz;

/// <summary>Fuzzing <c>POST /api/telegram</c>: the real host in webhook mode against the stand-in Bot API, payloads posted with the right secret.</summary>
public static class TelegramFuzzEndpoint
{
    private const string Secret = "fuzz-secret_123";

    /// <summary>The recorded updates the mutations start from.</summary>
    public static IReadOnlyList<string> Seeds() =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Data", "updates"), "*.json").Order(StringComparer.Ordinal).Select(File.ReadAllText)];

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
            ["Telegram:WebhookSecret"] = Secret,
            ["Telegram:TypingDelay"] = "00:00:05",
        });
        try
        {
            await host.StartAsync();
            await api.WaitForCallAsync("setWebhook", 1, TimeSpan.FromSeconds(20));
            using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
            return await FuzzRun.RunAsync("POST /api/telegram", JsonMutator.Sample(JsonMutator.Payloads(Seeds()), payloads, seed), async body =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, TelegramAdapterOptions.WebhookPath) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                request.Headers.Add(TelegramAdapter.SecretHeader, Secret);
                using var response = await http.SendAsync(request);
                return (int)response.StatusCode;
            }, log);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }
}
