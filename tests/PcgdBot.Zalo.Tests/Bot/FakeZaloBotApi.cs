using System.Net;
using System.Text;
using System.Text.Json;
using PcgdBot.Zalo.Bot;

namespace PcgdBot.Zalo.Tests.Bot;

/// <summary>
/// The Zalo Bot API as an in-process <see cref="HttpMessageHandler"/>: answers each method the documented way,
/// records every call, and fails the next calls of a method on request (HTTP/API errors or a broken network).
/// </summary>
internal sealed class FakeZaloBotApi : HttpMessageHandler
{
    public const string Token = "1234567890:fake-zalo-bot-token";
    public const string BaseUrl = "http://zalo-bot-api.test";
    public const string BotId = "b0t1d";

    private readonly object gate = new();
    private readonly List<Call> calls = [];
    private readonly List<SentMessage> sent = [];
    private readonly Dictionary<string, Queue<Func<HttpResponseMessage>>> failures = new(StringComparer.Ordinal);
    private readonly Queue<string> updates = new();
    private int nextMessageId;

    public sealed record Call(string Method, JsonElement Body);

    public sealed record SentMessage(string ChatId, string Text);

    public HttpClient Client() => new(this, disposeHandler: false);

    public ZaloBotOptions Options(ZaloBotMode mode = ZaloBotMode.Webhook) => new()
    {
        Token = Token,
        ApiBaseUrl = BaseUrl,
        Mode = mode,
        PublicUrl = "https://pcgd.example.vn",
        WebhookSecret = "webhook-secret-123",
    };

    public IReadOnlyList<Call> Calls
    {
        get
        {
            lock (gate)
            {
                return [.. calls];
            }
        }
    }

    public IReadOnlyList<SentMessage> Sent
    {
        get
        {
            lock (gate)
            {
                return [.. sent];
            }
        }
    }

    public int CallCount(string method) => Calls.Count(c => c.Method == method);

    /// <summary>getUpdates hands this out next (raw JSON of one update, in either shape).</summary>
    public void EnqueueUpdate(string json)
    {
        lock (gate)
        {
            updates.Enqueue(json);
        }
    }

    /// <summary>The next <paramref name="times"/> calls of <paramref name="method"/> answer the platform's error envelope.</summary>
    public void FailNext(string method, int errorCode, string description, int times = 1, HttpStatusCode? httpStatus = null) =>
        Script(method, times, () => Json(
            httpStatus ?? (HttpStatusCode)errorCode,
            new { ok = false, error_code = errorCode, description }));

    public void FailNextWithNetworkError(string method, int times = 1) =>
        Script(method, times, () => throw new HttpRequestException("Connection reset by peer (fake)"));

    public void AnswerNext(string method, HttpStatusCode status, string body, int times = 1) =>
        Script(method, times, () => new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "text/html") });

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        var prefix = "/bot" + Token + "/";
        if (request.Method != HttpMethod.Post || !path.StartsWith(prefix, StringComparison.Ordinal))
        {
            return Json(HttpStatusCode.NotFound, new { ok = false, error_code = 404, description = "Not Found" });
        }

        var method = path[prefix.Length..];
        var text = request.Content is null ? "{}" : await request.Content.ReadAsStringAsync(cancellationToken);
        using var document = JsonDocument.Parse(text);
        var body = document.RootElement.Clone();

        Func<HttpResponseMessage>? failure = null;
        lock (gate)
        {
            calls.Add(new Call(method, body));
            if (failures.TryGetValue(method, out var queue) && queue.Count > 0)
            {
                failure = queue.Dequeue();
            }
        }

        if (failure is not null)
        {
            return failure();
        }

        return method switch
        {
            "getMe" => Ok(new { id = BotId, account_name = "bot.pcgd", account_type = "BASIC", can_join_groups = false, display_name = "PCGD" }),
            "getUpdates" => NextUpdate(),
            "setWebhook" or "deleteWebhook" or "sendChatAction" => Ok(true),
            "sendMessage" => Record(body),
            _ => Json(HttpStatusCode.NotFound, new { ok = false, error_code = 404, description = "Method not found" }),
        };
    }

    private HttpResponseMessage NextUpdate()
    {
        lock (gate)
        {
            if (updates.TryDequeue(out var update))
            {
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent($$"""{"ok":true,"result":{{update}}}""", Encoding.UTF8, "application/json") };
            }
        }

        // Nothing to hand out: the platform's empty poll.
        return Json(HttpStatusCode.RequestTimeout, new { ok = false, error_code = 408, description = "Request timeout" });
    }

    private HttpResponseMessage Record(JsonElement body)
    {
        var chatId = body.GetProperty("chat_id").GetString()!;
        var text = body.GetProperty("text").GetString()!;
        if (text.Length is < 1 or > 2000)
        {
            return Json(HttpStatusCode.BadRequest, new { ok = false, error_code = 400, description = "text must be 1-2000 characters" });
        }

        lock (gate)
        {
            sent.Add(new SentMessage(chatId, text));
            return Ok(new { message_id = "sent-" + ++nextMessageId, date = 1749632637199 });
        }
    }

    private void Script(string method, int times, Func<HttpResponseMessage> answer)
    {
        lock (gate)
        {
            if (!failures.TryGetValue(method, out var queue))
            {
                failures[method] = queue = new Queue<Func<HttpResponseMessage>>();
            }

            for (var i = 0; i < times; i++)
            {
                queue.Enqueue(answer);
            }
        }
    }

    private static HttpResponseMessage Ok(object result) => Json(HttpStatusCode.OK, new { ok = true, result });

    private static HttpResponseMessage Json(HttpStatusCode status, object body) =>
        new(status) { Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json") };
}
