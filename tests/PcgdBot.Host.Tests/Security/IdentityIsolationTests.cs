using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PcgdBot.Conversations;
using PcgdBot.Host.Tests.Support;
using PcgdBot.Storage.Reporting;

namespace PcgdBot.Host.Tests.Security;

/// <summary>
/// A person is reachable only through their own channel's authenticated path. For each channel a registered person is
/// then impersonated through every other way in — /api/messages claiming their channel, a forged Telegram webhook, an
/// unsigned Zalo OA event, the Zalo Bot webhook without its secret — and none reads their reports, files an update or
/// makes the bot write to anyone on a platform.
/// </summary>
public sealed class IdentityIsolationTests : IAsyncLifetime
{
    private const string OneShotUpdate = "cập nhật nhiệm vụ 2: đang thực hiện 80%, đã mở 3 lớp XMC";
    private const string MyReports = "báo cáo của tôi";

    private PlatformApiStandIn api = null!;
    private EmulatorChannel emulator = null!;
    private AllChannelsHost host = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        api = await PlatformApiStandIn.StartAsync();
        emulator = await EmulatorChannel.StartAsync();
        host = new AllChannelsHost(api);
        host.Start();
        client = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await host.DisposeAsync();
        host.DeleteFiles();
        await emulator.DisposeAsync();
        await api.DisposeAsync();
    }

    public static TheoryData<string, string> Channels => new()
    {
        { "telegram", "7001" },
        { "zalo", "4455667788" },
        { "zalo-bot", "zb-user-9" },
    };

    [Theory]
    [MemberData(nameof(Channels))]
    public async Task A_registered_person_of_a_channel_cannot_be_reached_through_any_other_path(string channel, string userId)
    {
        var person = Register(channel, userId);
        var sentBefore = api.MessagesSent.Count;

        await ImpersonateOverBotFrameworkAsync(channel, userId);
        await ForgedTelegramWebhookAsync(userId);
        await UnsignedZaloOaEventAsync(userId);
        await ZaloBotWebhookWithoutSecretAsync(userId);

        Assert.Empty(host.Engine.Store.UpdatesOfPerson(person.Id, host.Engine.Calendar.PeriodOf(host.Engine.Today)));
        Assert.Equal(0, host.Engine.Store.CountUpdates());
        Assert.Equal(sentBefore, api.MessagesSent.Count);
        // Bot Framework gave the impersonator an emulator identity of their own, which knows nobody.
        Assert.Null(host.Engine.Store.FindByIdentity("emulator", userId));
    }

    [Fact]
    public async Task The_same_person_is_reached_through_their_own_authenticated_telegram_webhook()
    {
        // The control: the path the tests above refuse does work when it is the person's own, authenticated.
        Register("telegram", "7001");

        using var response = await PostTelegramAsync("7001", MyReports, AllChannelsHost.TelegramSecret);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(api.MessagesSent, call => call.Path.Contains(PlatformApiStandIn.TelegramToken, StringComparison.Ordinal));
        Assert.Contains("7001", sent.Body);
    }

    private PersonRecord Register(string channel, string userId)
    {
        var code = host.Engine.CreateInvite("UBND các xã", "Mường So", PersonRole.Focal, "test").Code!;
        var result = host.Engine.Store.Redeem(code, channel, userId, "Lò Thị Lan", userId, DateTime.UtcNow);
        Assert.Equal(RedeemOutcome.Registered, result.Outcome);
        return result.Person!;
    }

    private async Task ImpersonateOverBotFrameworkAsync(string channel, string userId)
    {
        foreach (var text in new[] { MyReports, OneShotUpdate })
        {
            using var response = await client.PostAsJsonAsync("/api/messages", new
            {
                type = "message",
                id = Guid.NewGuid().ToString("N"),
                serviceUrl = emulator.ServiceUrl,
                channelId = channel,
                from = new { id = userId, name = "kẻ mạo danh" },
                conversation = new { id = userId },
                recipient = new { id = "bot" },
                text,
            });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var reply = await emulator.NextAsync();
            while (await emulator.SendsMoreWithinAsync(TimeSpan.FromMilliseconds(200)))
            {
                reply = await emulator.NextAsync();
            }

            Assert.DoesNotContain("Mường So", reply.Text);
            Assert.DoesNotContain("Lò Thị Lan", reply.Text);
            Assert.DoesNotContain("BC-", reply.Text);
        }
    }

    private async Task ForgedTelegramWebhookAsync(string userId)
    {
        foreach (var secret in new[] { "wrong-secret", null })
        {
            using var response = await PostTelegramAsync(userId, OneShotUpdate, secret);
            Assert.InRange((int)response.StatusCode, 400, 499);
        }
    }

    private async Task UnsignedZaloOaEventAsync(string userId)
    {
        var body = JsonSerializer.Serialize(new
        {
            app_id = AllChannelsHost.OaAppId,
            event_name = "user_send_text",
            timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            sender = new { id = userId },
            recipient = new { id = "oa-1" },
            message = new { msg_id = Guid.NewGuid().ToString("N"), text = OneShotUpdate },
        });
        foreach (var signature in new[] { null, "mac=" + new string('0', 64) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/zalo/oa") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            if (signature is not null)
            {
                request.Headers.Add("X-ZEvent-Signature", signature);
            }

            using var response = await client.SendAsync(request);
            Assert.InRange((int)response.StatusCode, 400, 499);
        }
    }

    private async Task ZaloBotWebhookWithoutSecretAsync(string userId)
    {
        var body = JsonSerializer.Serialize(new
        {
            ok = true,
            result = new
            {
                event_name = "message.text.received",
                message = new
                {
                    message_id = Guid.NewGuid().ToString("N"),
                    date = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
                    text = OneShotUpdate,
                    from = new { id = userId, display_name = "Lan", is_bot = false },
                    chat = new { id = userId, chat_type = "PRIVATE" },
                },
            },
        });
        foreach (var secret in new[] { null, "wrong" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/zalo/bot") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            if (secret is not null)
            {
                request.Headers.Add("X-Bot-Api-Secret-Token", secret);
            }

            using var response = await client.SendAsync(request);
            Assert.InRange((int)response.StatusCode, 400, 499);
        }
    }

    private int nextUpdateId = 1000;

    private Task<HttpResponseMessage> PostTelegramAsync(string userId, string text, string? secret)
    {
        var id = Interlocked.Increment(ref nextUpdateId);
        var numericId = long.TryParse(userId, out var n) ? n : 99;
        var body = JsonSerializer.Serialize(new
        {
            update_id = id,
            message = new
            {
                message_id = id,
                date = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                chat = new { id = numericId, type = "private", first_name = "Lan" },
                from = new { id = numericId, is_bot = false, first_name = "Lan" },
                text,
            },
        });
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/telegram") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (secret is not null)
        {
            request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", secret);
        }

        return client.SendAsync(request);
    }
}
