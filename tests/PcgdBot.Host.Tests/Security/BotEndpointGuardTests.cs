using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using PcgdBot.Host.Tests.Support;
using PcgdBot.Host.Web;

namespace PcgdBot.Host.Tests.Security;

/// <summary>/api/messages checks caller, size, fields and where replies go before a turn runs.</summary>
public sealed class BotEndpointGuardTests
{
    private static object Activity(string serviceUrl, string channelId = "emulator", string text = "xin chào") => new
    {
        type = "message",
        id = "a1",
        serviceUrl,
        channelId,
        from = new { id = "u1", name = "Lan" },
        conversation = new { id = "c1" },
        recipient = new { id = "bot" },
        text,
    };

    [Theory]
    [InlineData("203.0.113.7")]
    [InlineData("10.0.0.5")]
    [InlineData("::ffff:192.168.1.20")]
    public async Task Without_credentials_a_caller_that_is_not_this_machine_is_refused_with_403_before_the_turn(string remote)
    {
        await using var emulator = await EmulatorChannel.StartAsync();
        await using var bot = new StandInBotFactory { RemoteAddress = IPAddress.Parse(remote) };

        using var response = await bot.CreateClient().PostAsJsonAsync("/api/messages", Activity(emulator.ServiceUrl));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(bot.Responder.Received);
        Assert.False(await emulator.SendsMoreWithinAsync(TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public async Task Without_credentials_a_request_forwarded_by_a_proxy_is_refused_even_from_loopback()
    {
        await using var emulator = await EmulatorChannel.StartAsync();
        await using var bot = new StandInBotFactory();
        var client = bot.CreateClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");

        using var response = await client.PostAsJsonAsync("/api/messages", Activity(emulator.ServiceUrl));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(bot.Responder.Received);
    }

    [Theory]
    [InlineData("http://203.0.113.7:9000/")]
    [InlineData("http://example.com/")]
    [InlineData("https://smba.trafficmanager.net/apis/")]
    [InlineData("http://127.0.0.1.nip.io/")]
    [InlineData("http://user:pw@127.0.0.1/")]
    public async Task Without_credentials_replies_may_only_go_to_a_loopback_service_url(string serviceUrl)
    {
        await using var bot = new StandInBotFactory();

        using var response = await bot.CreateClient().PostAsJsonAsync("/api/messages", Activity(serviceUrl));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(bot.Responder.Received);
    }

    [Fact]
    public async Task Without_credentials_every_activity_is_channel_emulator_whatever_it_claims()
    {
        await using var emulator = await EmulatorChannel.StartAsync();
        await using var bot = new StandInBotFactory();

        using var response = await bot.CreateClient().PostAsJsonAsync("/api/messages", Activity(emulator.ServiceUrl, channelId: "telegram"));
        await emulator.NextAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("emulator", Assert.Single(bot.Responder.Received).ChannelId);
    }

    public static TheoryData<string> MalformedActivities => new()
    {
        """{"type":"message","text":"x"}""",
        """{"type":"message","channelId":"emulator","from":{"id":"u"},"conversation":{"id":"c"},"text":"x"}""",
        """{"type":"message","serviceUrl":"not a url","channelId":"emulator","from":{"id":"u"},"conversation":{"id":"c"}}""",
        """{"type":"message","serviceUrl":"ftp://127.0.0.1/","channelId":"emulator","from":{"id":"u"},"conversation":{"id":"c"}}""",
        """{"type":"message","serviceUrl":"http://127.0.0.1:1/","from":{"id":"u"},"conversation":{"id":"c"}}""",
        """{"type":"message","serviceUrl":"http://127.0.0.1:1/","channelId":"emulator","from":{"id":"u"}}""",
        """{"type":"message","serviceUrl":"http://127.0.0.1:1/","channelId":"emulator","conversation":{"id":"c"}}""",
        """{"type":"message","serviceUrl":"http://127.0.0.1:1/","channelId":"emulator","from":{"id":"u"},"conversation":{}}""",
        """{"type":"message","serviceUrl":"http://127.0.0.1:1/","channelId":"emulator","from":"u","conversation":{"id":"c"}}""",
        """{"type":"message","serviceUrl":42,"channelId":["x"],"from":{"id":"u"},"conversation":{"id":"c"}}""",
        """{"type":"message","serviceUrl":"http://127.0.0.1:1/","channelId":"emulator","from":{"id":"u\u0000"},"conversation":{"id":"c"}}""",
        """{"type":"message","timestamp":"yesterday","serviceUrl":"http://127.0.0.1:1/","channelId":"emulator","from":{"id":"u"},"conversation":{"id":"c"}}""",
        """[1,2,3]""",
        """null""",
        """{"type": "message", "text": """,
        new string('[', 5000) + new string(']', 5000),
    };

    [Theory]
    [MemberData(nameof(MalformedActivities))]
    public async Task A_malformed_or_incomplete_activity_is_a_400_and_never_reaches_the_bot(string json)
    {
        await using var bot = new StandInBotFactory();
        using var body = new StringContent(json, Encoding.UTF8, "application/json");

        using var response = await bot.CreateClient().PostAsync("/api/messages", body);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{json} answered {(int)response.StatusCode}");
        Assert.Empty(bot.Responder.Received);
    }

    [Theory]
    [InlineData("from.id", 257)]
    [InlineData("conversation.id", 513)]
    [InlineData("text", 10_001)]
    [InlineData("channelId", 65)]
    public async Task Fields_longer_than_their_limit_are_a_400(string field, int length)
    {
        await using var bot = new StandInBotFactory();
        var value = new string('x', length);
        var activity = new Dictionary<string, object>
        {
            ["type"] = "message",
            ["serviceUrl"] = "http://127.0.0.1:1/",
            ["channelId"] = field == "channelId" ? value : "emulator",
            ["from"] = new { id = field == "from.id" ? value : "u" },
            ["conversation"] = new { id = field == "conversation.id" ? value : "c" },
            ["text"] = field == "text" ? value : "x",
        };

        using var response = await bot.CreateClient().PostAsJsonAsync("/api/messages", activity);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(bot.Responder.Received);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_body_over_256_KB_is_a_413_also_when_chunked_without_a_content_length(bool chunked)
    {
        await using var host = new EmulatorKestrelHost();
        host.Start();
        using var client = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        var json = "{\"type\":\"message\",\"text\":\"" + new string('x', 300 * 1024) + "\"}";
        HttpContent content = chunked
            ? new PushStreamContent(json)
            : new StringContent(json, Encoding.UTF8, "application/json");

        using var response = await client.PostAsync("/api/messages", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task With_credentials_a_request_without_a_bearer_token_is_a_401_before_its_body_is_read()
    {
        await using var bot = new CredentialedBotFactory();

        using var response = await bot.CreateClient().PostAsJsonAsync("/api/messages", Activity("https://smba.trafficmanager.net/apis/"));
        using var forged = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = JsonContent.Create(Activity("https://smba.trafficmanager.net/apis/")) };
        forged.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "not.a.jwt");
        using var forgedResponse = await bot.CreateClient().SendAsync(forged);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forgedResponse.StatusCode);
        Assert.Empty(bot.Responder.Received);
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net/apis/", "https://smba.trafficmanager.net/apis/", true)]
    [InlineData("https://smba.trafficmanager.net/apis/", "https://smba.trafficmanager.net/apis", true)]
    [InlineData("https://smba.trafficmanager.net/apis/", "http://203.0.113.7/", false)]
    [InlineData("https://smba.trafficmanager.net/apis/", "https://smba.trafficmanager.net/apis/../evil/", false)]
    [InlineData(null, "https://smba.trafficmanager.net/apis/", false)]
    [InlineData(null, "http://localhost:3978/", true)]
    public void With_credentials_the_service_url_must_be_the_one_the_channel_token_names(string? claim, string serviceUrl, bool allowed)
    {
        var identity = new ClaimsIdentity(claim is null ? [] : [new Claim("serviceurl", claim)]);

        Assert.Equal(allowed, GuardedCloudAdapter.ServiceUrlMatchesToken(identity, serviceUrl));
    }

    /// <summary>The host with Bot Framework credentials (the token is never valid here: no network to Microsoft).</summary>
    private sealed class CredentialedBotFactory : PcgdBotFactory
    {
        public ScriptedResponder Responder { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("MicrosoftAppId", "00000000-0000-0000-0000-000000000001");
            builder.UseSetting("MicrosoftAppPassword", "test-password");
            builder.ConfigureServices(services => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<PcgdBot.Host.Bot.IChatResponder>(services, Responder));
        }
    }

    /// <summary>A body sent with chunked transfer encoding (no Content-Length), as a hostile client would.</summary>
    private sealed class PushStreamContent(string text) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            for (var offset = 0; offset < bytes.Length; offset += 8192)
            {
                await stream.WriteAsync(bytes.AsMemory(offset, Math.Min(8192, bytes.Length - offset)));
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}

/// <summary>The real host on Kestrel in Emulator mode (no credentials, no channels).</summary>
public sealed class EmulatorKestrelHost() : KestrelBotHost("pcgdbot-emu-", 0, null);
