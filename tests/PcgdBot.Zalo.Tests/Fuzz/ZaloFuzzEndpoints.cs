using System.Text;
using System.Text.Json.Nodes;
using PcgdBot.Telegram.Tests.Fuzz;
using PcgdBot.Zalo.Tests.StandIn;

namespace PcgdBot.Zalo.Tests.Fuzz;

/// <summary>Fuzzing the Zalo webhooks: the real host against the stand-in OA API or Bot Platform.</summary>
public static class ZaloFuzzEndpoints
{
    private const string BotSecret = "fuzz-bot-secret-123";

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
            await host.StartAsync();
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
            await host.StartAsync();
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
        }
    }
}
