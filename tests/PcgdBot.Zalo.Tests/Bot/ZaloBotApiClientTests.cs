using System.Net;
using PcgdBot.Zalo.Bot;

namespace PcgdBot.Zalo.Tests.Bot;

/// <summary>The raw HTTP client: request shapes and how the platform's answers become results or exceptions.</summary>
public sealed class ZaloBotApiClientTests : IDisposable
{
    private readonly FakeZaloBotApi api = new();

    public void Dispose() => api.Dispose();

    private ZaloBotApiClient Client() => new(api.Options(), api.Client());

    [Fact]
    public async Task Calls_go_to_the_token_path_with_the_documented_json_bodies()
    {
        var client = Client();

        var sent = await client.SendMessageAsync("chat-1", "Xin chào", CancellationToken.None);
        await client.SendChatActionAsync("chat-1", "typing", CancellationToken.None);
        await client.SetWebhookAsync("https://pcgd.example.vn/api/zalo/bot", "webhook-secret-123", CancellationToken.None);
        await client.DeleteWebhookAsync(CancellationToken.None);
        _ = await client.GetUpdateAsync(30, CancellationToken.None);

        Assert.Equal("sent-1", sent.MessageId);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1749632637199), sent.Date);
        var calls = api.Calls;
        Assert.Equal(["sendMessage", "sendChatAction", "setWebhook", "deleteWebhook", "getUpdates"], calls.Select(c => c.Method));
        Assert.Equal("Xin chào", calls[0].Body.GetProperty("text").GetString());
        Assert.Equal("typing", calls[1].Body.GetProperty("action").GetString());
        Assert.Equal("webhook-secret-123", calls[2].Body.GetProperty("secret_token").GetString());
        Assert.Equal("30", calls[4].Body.GetProperty("timeout").GetString());
    }

    [Fact]
    public async Task GetMe_reads_the_bots_own_account()
    {
        var me = await Client().GetMeAsync(CancellationToken.None);

        Assert.Equal(new ZaloBotUser(FakeZaloBotApi.BotId, "PCGD"), me);
    }

    [Fact]
    public async Task An_empty_poll_is_null_and_a_waiting_update_is_read()
    {
        var client = Client();
        Assert.Null(await client.GetUpdateAsync(0, CancellationToken.None));

        api.EnqueueUpdate(ZaloBotBodies.Flat("xin chào", "m-1"));
        var update = await client.GetUpdateAsync(0, CancellationToken.None);

        Assert.Equal("xin chào", update!.Message!.Text);
    }

    [Fact]
    public async Task An_error_envelope_becomes_an_api_exception_even_with_http_200()
    {
        api.FailNext("sendMessage", 429, "Quota exceeded", httpStatus: HttpStatusCode.OK);

        var error = await Assert.ThrowsAsync<ZaloBotApiException>(() => Client().SendMessageAsync("chat-1", "x", CancellationToken.None));

        Assert.Equal(429, error.ErrorCode);
        Assert.Equal("Quota exceeded", error.Description);
    }

    [Fact]
    public async Task An_answer_that_is_not_json_carries_the_http_status()
    {
        api.AnswerNext("sendMessage", HttpStatusCode.ServiceUnavailable, "<html>down</html>");
        api.AnswerNext("sendMessage", HttpStatusCode.OK, "<html>captive portal</html>");
        var client = Client();

        Assert.Equal(503, (await Assert.ThrowsAsync<ZaloBotApiException>(() => client.SendMessageAsync("chat-1", "x", CancellationToken.None))).ErrorCode);
        Assert.Equal(502, (await Assert.ThrowsAsync<ZaloBotApiException>(() => client.SendMessageAsync("chat-1", "x", CancellationToken.None))).ErrorCode);
    }

    [Fact]
    public async Task Network_errors_surface_as_http_request_exceptions()
    {
        api.FailNextWithNetworkError("sendMessage");

        await Assert.ThrowsAsync<HttpRequestException>(() => Client().SendMessageAsync("chat-1", "x", CancellationToken.None));
    }
}
