using System.Text;
using System.Text.Json.Nodes;
using PcgdBot.Telegram.Tests.Fuzz;
using PcgdBot.Zalo.Tests.StandIn;
using Xunit.Abstractions;

namespace PcgdBot.Zalo.Tests;

/// <summary>
/// Property-based fuzzing of the Zalo webhooks on the real host (Kestrel, loopback, stand-in APIs): 3,000 structure-aware
/// mutations per endpoint from a fixed seed, for the OA signed (the parser behind the signature), the OA unsigned (must
/// all be 401 or 413, nothing parsed) and the Bot Platform. Never a 5xx, nothing logged as an exception, memory back down.
/// </summary>
[Trait("Category", "Long")]
public sealed class ZaloWebhookFuzzTests(ITestOutputHelper output)
{
    public const int Payloads = 3_000;
    public const ulong Seed = 20261207;
    private const string BotSecret = "fuzz-bot-secret-123";

    [Fact]
    public async Task Three_thousand_mutated_signed_oa_events_never_get_a_5xx_nor_an_exception_logged()
    {
        var figures = await RunOaAsync(Payloads, Seed, signed: true);
        output.WriteLine(figures.ToString());
        AssertClean(figures, 200, 400, 401, 413);
    }

    [Fact]
    public async Task Three_thousand_mutated_unsigned_oa_events_are_all_refused_before_parsing()
    {
        var figures = await RunOaAsync(Payloads, Seed + 1, signed: false);
        output.WriteLine(figures.ToString());
        AssertClean(figures, 401, 413);
    }

    [Fact]
    public async Task Three_thousand_mutated_bot_platform_updates_never_get_a_5xx_nor_an_exception_logged()
    {
        var figures = await RunBotAsync(Payloads, Seed + 2);
        output.WriteLine(figures.ToString());
        AssertClean(figures, 200, 400, 413);
    }

    private static void AssertClean(FuzzFigures figures, params int[] allowed)
    {
        Assert.Equal(Payloads, figures.Payloads);
        Assert.True(figures.ServerErrorCount == 0, string.Join("\n", figures.ServerErrors));
        Assert.True(figures.LoggedExceptions.Count == 0, string.Join("\n", figures.LoggedExceptions));
        Assert.True(figures.Statuses.Keys.All(allowed.Contains), string.Join(", ", figures.Statuses.Keys));
        Assert.True(figures.ManagedMbAfter < 300, $"managed heap {figures.ManagedMbAfter:F0} MB after the run");
    }

    /// <summary>Recorded and built OA events with a current timestamp (else the freshness window would drop them all).</summary>
    private static List<string> OaSeeds(ZaloOaStandIn api)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var seeds = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Data", "oa"), "*.json")
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllText)
            .Where(json => json.Contains("\"event_name\"", StringComparison.Ordinal))
            .Select(json =>
            {
                var node = JsonNode.Parse(json)!.AsObject();
                node["timestamp"] = now;
                return node.ToJsonString();
            })
            .ToList();
        seeds.Add(api.UserSendText("246845883529197922", "ai chủ trì tuyển dụng giáo viên?"));
        seeds.Add(api.UserSendText("246845883529197922", "đăng ký ABCDEFGH"));
        seeds.Add(api.Follow("111222333444555666"));
        return seeds;
    }

    public static async Task<FuzzFigures> RunOaAsync(int payloads, ulong seed, bool signed)
    {
        await using var api = await ZaloOaStandIn.StartAsync();
        var log = new ExceptionLog();
        var host = new FuzzBotHost(log, _ => new Dictionary<string, string?>
        {
            ["Zalo:Oa:AppId"] = api.AppId,
            ["Zalo:Oa:OaSecretKey"] = api.OaSecretKey,
            ["Zalo:Oa:AppSecret"] = api.AppSecret,
            ["Zalo:Oa:AccessToken"] = api.InitialAccessToken,
            ["Zalo:Oa:RefreshToken"] = api.InitialRefreshToken,
            ["Zalo:Oa:ApiBaseUrl"] = api.BaseUrl,
            ["Zalo:Oa:OAuthBaseUrl"] = api.BaseUrl,
        });
        try
        {
            host.Start();
            var url = host.BaseUrl + "/api/zalo/oa";
            var result = await FuzzRun.RunAsync(signed ? "POST /api/zalo/oa (signed)" : "POST /api/zalo/oa (unsigned)", JsonMutator.Sample(JsonMutator.Payloads(OaSeeds(api)), payloads, seed), async body =>
            {
                using var response = await api.PostWebhookAsync(url, body, sign: signed);
                return (int)response.StatusCode;
            }, log);

            // The inbox works through what was accepted: whatever it does must not log an exception either.
            await Task.Delay(TimeSpan.FromSeconds(2));
            return result with { LoggedExceptions = log.Snapshot() };
        }
        finally
        {
            await host.DisposeAsync();
            host.DeleteFiles();
        }
    }

    public static async Task<FuzzFigures> RunBotAsync(int payloads, ulong seed)
    {
        await using var api = await ZaloBotStandIn.StartAsync();
        var log = new ExceptionLog();
        var host = new FuzzBotHost(log, url => new Dictionary<string, string?>
        {
            ["Zalo:Bot:Token"] = api.Token,
            ["Zalo:Bot:ApiBaseUrl"] = api.BaseUrl,
            ["Zalo:Bot:Mode"] = "webhook",
            ["Zalo:Bot:PublicUrl"] = url,
            ["Zalo:Bot:WebhookSecret"] = BotSecret,
            ["Zalo:Bot:TypingDelay"] = "00:00:05",
        });
        try
        {
            host.Start();
            var seeds = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Data", "bot"), "*.json").Order(StringComparer.Ordinal).Select(File.ReadAllText).ToList();
            seeds.Add(api.TextUpdateJson("6ede9afa66b88fe6d6a9", "hạn báo cáo là khi nào?", wrapped: true));
            using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
            return await FuzzRun.RunAsync("POST /api/zalo/bot", JsonMutator.Sample(JsonMutator.Payloads(seeds), payloads, seed), async body =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/zalo/bot") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                request.Headers.Add(ZaloBotStandIn.SecretHeader, BotSecret);
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
