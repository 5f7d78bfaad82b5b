using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace PcgdBot.WebChat.Tests.Support;

/// <summary>
/// A page's side of the Direct Line, over real HTTP: gets a session, starts the conversation, posts messages and polls
/// for the bot's answers the way Web Chat does (watermark after watermark).
/// </summary>
public sealed class DirectLineTestClient(string baseUrl) : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private readonly HttpClient http = new() { BaseAddress = new Uri(baseUrl + "/v3/directline/") };
    private int clientIds;

    public WebChatSession Session { get; private set; } = null!;

    public string Token { get; private set; } = string.Empty;

    public string Watermark { get; private set; } = string.Empty;

    public string? StreamUrl { get; private set; }

    public List<JsonElement> Seen { get; } = [];

    /// <summary>tokens/generate (with the kept identity, as a reloaded page does) then POST conversations.</summary>
    public async Task<DirectLineTestClient> StartAsync(string? identityToken = null)
    {
        using var generate = new HttpRequestMessage(HttpMethod.Post, "tokens/generate");
        if (identityToken is not null)
        {
            generate.Headers.Authorization = new AuthenticationHeaderValue("Bearer", identityToken);
        }

        var response = await http.SendAsync(generate);
        response.EnsureSuccessStatusCode();
        Session = (await response.Content.ReadFromJsonAsync<WebChatSession>(DirectLineJson.Default.WebChatSession))!;
        Token = Session.Token;
        using var start = Request(HttpMethod.Post, "conversations");
        var started = await http.SendAsync(start);
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var info = (await started.Content.ReadFromJsonAsync<DirectLineConversationInfo>(DirectLineJson.Default.DirectLineConversationInfo))!;
        Assert.Equal(Session.ConversationId, info.ConversationId);
        StreamUrl = info.StreamUrl;
        return this;
    }

    public HttpRequestMessage Request(HttpMethod method, string path, string? token = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? Token);
        return request;
    }

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => http.SendAsync(request);

    /// <summary>Posts a message as Web Chat does (with a clientActivityID) and returns the id the server gave it.</summary>
    public async Task<(string Id, string ClientActivityId)> PostAsync(string text)
    {
        var clientId = "client-" + Interlocked.Increment(ref clientIds);
        using var request = Request(HttpMethod.Post, $"conversations/{Session.ConversationId}/activities");
        request.Content = JsonContent.Create(new
        {
            type = "message",
            text,
            from = new { id = "forged-user-id", name = "Lan", role = "user" },
            locale = "vi-VN",
            channelData = new { clientActivityID = clientId, clientTimestamp = "2026-12-07T00:00:00Z" },
        });
        var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("id").GetString()!, clientId);
    }

    /// <summary>One poll from the current watermark.</summary>
    public async Task<IReadOnlyList<JsonElement>> PollAsync()
    {
        using var request = Request(HttpMethod.Get, $"conversations/{Session.ConversationId}/activities?watermark={Watermark}");
        var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var set = await response.Content.ReadFromJsonAsync<JsonElement>();
        Watermark = set.GetProperty("watermark").GetString()!;
        var activities = set.GetProperty("activities").EnumerateArray().Select(a => a.Clone()).ToList();
        Seen.AddRange(activities);
        return activities;
    }

    /// <summary>Polls until a bot message answering <paramref name="replyToId"/> arrives; returns its text.</summary>
    public async Task<JsonElement> WaitForReplyAsync(string replyToId)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (DateTime.UtcNow < deadline)
        {
            await PollAsync();
            if (Seen.FirstOrDefault(a => IsBotMessage(a) && a.TryGetProperty("replyToId", out var r) && r.GetString() == replyToId) is { ValueKind: JsonValueKind.Object } reply)
            {
                return reply;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"no reply to {replyToId} within {Wait}");
    }

    /// <summary>Says something and returns the text of the bot's last reply to it.</summary>
    public async Task<string> SayAsync(string text)
    {
        var (id, _) = await PostAsync(text);
        await WaitForReplyAsync(id);
        return Seen.Last(a => IsBotMessage(a) && a.GetProperty("replyToId").GetString() == id).GetProperty("text").GetString()!;
    }

    public static bool IsBotMessage(JsonElement activity) =>
        activity.GetProperty("type").GetString() == "message" && activity.GetProperty("from").GetProperty("role").GetString() == "bot";

    public void Dispose() => http.Dispose();
}
