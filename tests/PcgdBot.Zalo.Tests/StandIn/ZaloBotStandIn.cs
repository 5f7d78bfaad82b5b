using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace PcgdBot.Zalo.Tests.StandIn;

/// <summary>
/// A stand-in for the Zalo Bot Platform (<c>https://bot-api.zaloplatforms.com</c>), Telegram-shaped: real HTTP on
/// loopback, <c>POST /bot{token}/{method}</c> with JSON bodies, envelope
/// <c>{"ok":bool,"result":...,"error_code":N,"description":"..."}</c>. getUpdates hands out ONE update per call in the
/// wrapped form and answers 408 after its timeout; webhook and polling exclude each other. Unconfirmed (kept
/// tolerant): the HTTP status of errors (= error_code unless <see cref="ErrorsAsHttp200"/>), the 409 for getUpdates
/// while a webhook is set, the default poll timeout (30 s), and the results of the webhook methods and sendChatAction.
/// </summary>
public sealed class ZaloBotStandIn : IAsyncDisposable
{
    public const int MaxMessageLength = 2000;
    public const double MaxPollSeconds = 60;
    public const string SecretHeader = "X-Bot-Api-Secret-Token";

    private static readonly string[] Methods =
        ["getMe", "getUpdates", "setWebhook", "deleteWebhook", "getWebhookInfo", "sendMessage", "sendPhoto", "sendChatAction"];

    private readonly Queue<string> _updates = new();
    private readonly List<ZaloBotSentMessage> _sent = [];
    private readonly List<ZaloBotCall> _calls = [];
    private readonly Dictionary<string, int> _callCounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<(int Code, string Description)>> _faults = new(StringComparer.Ordinal);
    private readonly HttpClient _webhookClient = new() { Timeout = TimeSpan.FromSeconds(30) };
    private LoopbackServer _server = null!;
    private ZaloBotWebhook? _webhook;

    private ZaloBotStandIn(string token, string botId)
    {
        Token = token;
        BotId = botId;
    }

    public static async Task<ZaloBotStandIn> StartAsync(string token = "1234567890:TEST-zalo-bot-token", string botId = "4b1c9e2f7a3d5e6f8a90")
    {
        var standIn = new ZaloBotStandIn(token, botId);
        standIn._server = await LoopbackServer.StartAsync(nameof(ZaloBotStandIn), standIn.HandleAsync);
        return standIn;
    }

    /// <summary>"http://127.0.0.1:PORT": the API base in place of https://bot-api.zaloplatforms.com.</summary>
    public string BaseUrl => _server.BaseUrl;

    public string Token { get; }

    public string BotId { get; }

    public string AccountName { get; set; } = "bot.PcgdBot";

    public TimeProvider Time { get; set; } = TimeProvider.System;

    public TimeSpan Latency { get; set; } = TimeSpan.Zero;

    /// <summary>Answer errors with HTTP 200 (the envelope still says ok:false) instead of HTTP status = error_code.</summary>
    public bool ErrorsAsHttp200 { get; set; }

    /// <summary>Reject setWebhook URLs that are not https (Zalo does; off so tests can use loopback http).</summary>
    public bool RequireHttpsWebhook { get; set; }

    public IReadOnlyList<ZaloBotSentMessage> Sent => Read<IReadOnlyList<ZaloBotSentMessage>>(() => [.. _sent]);

    public IReadOnlyList<ZaloBotCall> Calls => Read<IReadOnlyList<ZaloBotCall>>(() => [.. _calls]);

    public ZaloBotWebhook? Webhook => Read(() => _webhook);

    /// <summary>Updates enqueued and not yet handed out by getUpdates.</summary>
    public int PendingUpdates => Read(() => _updates.Count);

    private object Gate => _server.Gate;

    private long NowMs => Time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>A new Zalo Bot user id: 20 lower-case hex digits.</summary>
    public static string NewUserId() => LoopbackServer.NewHexId();

    public IReadOnlyList<ZaloBotSentMessage> SentTo(string chatId) =>
        Read<IReadOnlyList<ZaloBotSentMessage>>(() => [.. _sent.Where(s => s.ChatId == chatId)]);

    /// <summary>Calls of <paramref name="method"/> (e.g. "sendMessage"), counted on arrival.</summary>
    public int CallCount(string method) => Read(() => _callCounts.GetValueOrDefault(method));

    public Task<ZaloBotSentMessage> WaitForSentAsync(Func<ZaloBotSentMessage, bool> match, TimeSpan timeout) =>
        _server.WaitUntilAsync(
            () => _sent.FirstOrDefault(match),
            timeout,
            () => $"No message sent to Zalo Bot matched within {timeout.TotalSeconds:0.###} s. Sent so far:{Environment.NewLine}"
                + (_sent.Count == 0 ? "  (nothing)" : string.Join(Environment.NewLine, _sent.Select(s => $"  {s.Method} to {s.ChatId}: {s.Text}"))));

    /// <summary>Waits until <paramref name="method"/> arrived at least <paramref name="count"/> times.</summary>
    public Task WaitForCallAsync(string method, int count, TimeSpan timeout) =>
        _server.WaitUntilAsync(
            () => _callCounts.GetValueOrDefault(method) >= count ? (object)true : null,
            timeout,
            () => $"{method} arrived {_callCounts.GetValueOrDefault(method)} times, expected {count}.");

    // ============================================================== faults

    /// <summary>The next <paramref name="times"/> calls of <paramref name="method"/> fail, e.g. (429, "Too Many Requests").</summary>
    public void FailNext(string method, int errorCode, string description, int times = 1)
    {
        lock (Gate)
        {
            if (!_faults.TryGetValue(method, out var q))
            {
                _faults[method] = q = new();
            }

            for (var i = 0; i < times; i++)
            {
                q.Enqueue((errorCode, description));
            }
        }
    }

    /// <summary>The next calls of <paramref name="method"/> get their connection aborted.</summary>
    public void FailNextWithNetworkError(string method, int times = 1) => FailNext(method, -1, "connection aborted", times);

    // ============================================================== updates

    /// <summary>Queues a message.text.received update; returns its message_id.</summary>
    public string EnqueueText(string chatId, string text, string displayName = "Lan") => Enqueue(TextUpdate(chatId, text, displayName));

    public string EnqueueUnsupported(string chatId, string displayName = "Lan") => Enqueue(MessageUpdate("message.unsupported.received", chatId, displayName, []));

    public string EnqueueImage(string chatId, string photoUrl = "https://f20-zpc.zdn.vn/jpg/test/photo.jpg", string? caption = null, string displayName = "Lan") =>
        Enqueue(ImageUpdate(chatId, photoUrl, caption, displayName));

    /// <summary>Queues any update in the unwrapped form (<c>{"message":{...},"event_name":"..."}</c>); returns its message_id.</summary>
    public string EnqueueRaw(string unwrappedUpdateJson) => Enqueue(JsonNode.Parse(unwrappedUpdateJson)!.AsObject());

    /// <summary>A text update: wrapped <c>{"ok":true,"result":{...}}</c> (documented) or flat (as live webhooks reportedly arrive).</summary>
    public string TextUpdateJson(string chatId, string text, bool wrapped, string displayName = "Lan") => Shape(TextUpdate(chatId, text, displayName), wrapped);

    public string UnsupportedUpdateJson(string chatId, bool wrapped, string displayName = "Lan") =>
        Shape(MessageUpdate("message.unsupported.received", chatId, displayName, []), wrapped);

    public string ImageUpdateJson(string chatId, bool wrapped, string photoUrl = "https://f20-zpc.zdn.vn/jpg/test/photo.jpg", string? caption = null, string displayName = "Lan") =>
        Shape(ImageUpdate(chatId, photoUrl, caption, displayName), wrapped);

    private JsonObject TextUpdate(string chatId, string text, string displayName) =>
        MessageUpdate("message.text.received", chatId, displayName, [new("text", text)]);

    private JsonObject ImageUpdate(string chatId, string photoUrl, string? caption, string displayName) =>
        MessageUpdate("message.image.received", chatId, displayName, caption is null ? [new("photo", photoUrl)] : [new("photo", photoUrl), new("caption", caption)]);

    private JsonObject MessageUpdate(string eventName, string chatId, string displayName, KeyValuePair<string, JsonNode?>[] content)
    {
        var message = new JsonObject
        {
            ["from"] = new JsonObject { ["id"] = chatId, ["display_name"] = displayName, ["is_bot"] = false },
            ["chat"] = new JsonObject { ["id"] = chatId, ["chat_type"] = "PRIVATE" },
        };
        foreach (var (key, value) in content)
        {
            message[key] = value;
        }

        message["message_id"] = LoopbackServer.NewHexId();
        message["date"] = NowMs;
        return new JsonObject { ["message"] = message, ["event_name"] = eventName };
    }

    private static string Shape(JsonObject update, bool wrapped) =>
        (wrapped ? new JsonObject { ["ok"] = true, ["result"] = update } : update).ToJsonString(LoopbackServer.JsonOut);

    private string Enqueue(JsonObject update)
    {
        lock (Gate)
        {
            _updates.Enqueue(update.ToJsonString(LoopbackServer.JsonOut));
            _server.NotifyChangedLocked();
        }

        return update["message"]?["message_id"]?.GetValue<string>() ?? string.Empty;
    }

    // ============================================================== webhook push

    /// <summary>POSTs <paramref name="json"/> to the webhook with the secret recorded by setWebhook.</summary>
    public Task<HttpResponseMessage> PostToWebhookAsync(string json) => PostToWebhookAsync(json, Webhook?.SecretToken);

    /// <summary>POSTs <paramref name="json"/> as is to the webhook URL, with X-Bot-Api-Secret-Token unless null.</summary>
    public async Task<HttpResponseMessage> PostToWebhookAsync(string json, string? secret)
    {
        var url = Webhook?.Url ?? throw new InvalidOperationException("No webhook is set (call setWebhook first).");
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (secret is not null)
        {
            request.Headers.TryAddWithoutValidation(SecretHeader, secret);
        }

        return await _webhookClient.SendAsync(request);
    }

    // ============================================================== HTTP

    private readonly record struct Answer(int ErrorCode, string? Description, JsonNode? Result)
    {
        public static Answer Ok(JsonNode? result) => new(0, null, result);

        public static Answer Error(int code, string description) => new(code, description, null);

        public static Answer BadRequest(string what) => Error(400, "Bad Request: " + what);
    }

    private readonly List<PcgdBot.Telegram.Tests.StandIn.RequestFraming> _framings = [];

    /// <summary>How each request body came (Content-Length or chunked), in arrival order.</summary>
    public IReadOnlyList<PcgdBot.Telegram.Tests.StandIn.RequestFraming> Framings
    {
        get
        {
            lock (Gate)
            {
                return [.. _framings];
            }
        }
    }

    private async Task HandleAsync(HttpContext ctx)
    {
        var aborted = ctx.RequestAborted;
        try
        {
            var path = ctx.Request.Path.Value ?? string.Empty;
            var slash = path.LastIndexOf('/');
            if (!path.StartsWith("/bot", StringComparison.Ordinal) || slash <= 4)
            {
                await WriteAsync(ctx, Answer.Error(404, "Not Found"));
                return;
            }

            var method = path[(slash + 1)..];
            lock (Gate)
            {
                _framings.Add(new PcgdBot.Telegram.Tests.StandIn.RequestFraming(method, ctx.Request.Method, ctx.Request.ContentLength, ctx.Request.Headers.TransferEncoding.ToString()));
            }

            if (!string.Equals(path[4..slash], Token, StringComparison.Ordinal))
            {
                await WriteAsync(ctx, Answer.Error(401, "Unauthorized"));
                return;
            }

            if (Latency > TimeSpan.Zero)
            {
                await Task.Delay(Latency, aborted);
            }

            (int Code, string Description)? fault;
            lock (Gate)
            {
                _callCounts[method] = _callCounts.GetValueOrDefault(method) + 1;
                fault = _faults.TryGetValue(method, out var q) && q.Count > 0 ? q.Dequeue() : null;
                _server.NotifyChangedLocked();
            }

            using var reader = new StreamReader(ctx.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync(aborted);
            JsonObject? p;
            try
            {
                p = string.IsNullOrWhiteSpace(body) ? [] : JsonNode.Parse(body) as JsonObject;
            }
            catch (JsonException)
            {
                p = null;
            }

            if (fault is { Code: -1 })
            {
                Record(method, body, Answer.Error(-1, fault.Value.Description));
                ctx.Abort();
                return;
            }

            var answer = fault is { } f ? Answer.Error(f.Code, f.Description)
                : p is null ? Answer.BadRequest("body must be a JSON object")
                : !Methods.Contains(method, StringComparer.Ordinal) ? Answer.Error(404, "Not Found")
                : await DispatchAsync(method, p, aborted);
            Record(method, body, answer);
            await WriteAsync(ctx, answer);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away (e.g. a cancelled long poll).
        }
        catch (Exception ex) when (!ctx.Response.HasStarted && ex is not OperationCanceledException)
        {
            await WriteAsync(ctx, Answer.Error(500, "Internal Server Error: stand-in failure: " + ex));
        }
    }

    private async Task<Answer> DispatchAsync(string method, JsonObject p, CancellationToken aborted)
    {
        switch (method)
        {
            case "getMe":
                return Answer.Ok(new JsonObject { ["id"] = BotId, ["account_name"] = AccountName, ["account_type"] = "BASIC", ["can_join_groups"] = false });
            case "getUpdates":
                return await GetUpdatesAsync(p, aborted);
            case "setWebhook":
                return SetWebhook(p);
            case "deleteWebhook":
                lock (Gate)
                {
                    _webhook = null;
                    _server.NotifyChangedLocked();
                }

                return Answer.Ok(new JsonObject { ["url"] = string.Empty, ["updated_at"] = NowMs });
            case "getWebhookInfo":
                var hook = Webhook;
                return Answer.Ok(new JsonObject { ["url"] = hook?.Url ?? string.Empty, ["updated_at"] = (hook?.SetAt ?? Time.GetUtcNow()).ToUnixTimeMilliseconds() });
            case "sendChatAction":
                return Str(p, "chat_id") is null ? Answer.BadRequest("chat_id is required")
                    : Str(p, "action") is null ? Answer.BadRequest("action is required")
                    : Answer.Ok(JsonValue.Create(true));
            default:
                return Send(method, p);
        }
    }

    private sealed record Polled(string? UpdateJson);

    private async Task<Answer> GetUpdatesAsync(JsonObject p, CancellationToken aborted)
    {
        var raw = Str(p, "timeout");
        var seconds = raw is null ? 30 : double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) ? s : double.NaN;
        if (double.IsNaN(seconds) || seconds < 0)
        {
            return Answer.BadRequest("timeout must be a number of seconds");
        }

        try
        {
            var polled = await _server.WaitUntilAsync(
                () => _webhook is not null ? new Polled(null) : _updates.TryDequeue(out var u) ? new Polled(u) : null,
                TimeSpan.FromSeconds(Math.Min(seconds, MaxPollSeconds)),
                () => "empty poll",
                aborted);
            return polled.UpdateJson is { } json
                ? Answer.Ok(JsonNode.Parse(json))
                : Answer.Error(409, "Conflict: webhook is active, call deleteWebhook before getUpdates");
        }
        catch (TimeoutException)
        {
            return Answer.Error(408, "Request timeout");
        }
    }

    private Answer SetWebhook(JsonObject p)
    {
        var url = Str(p, "url");
        var secret = Str(p, "secret_token");
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || (RequireHttpsWebhook && uri.Scheme != "https"))
        {
            return Answer.BadRequest("url must be an absolute https URL");
        }

        if (secret is null || secret.Length is < 8 or > 256)
        {
            return Answer.BadRequest("secret_token must be 8-256 characters");
        }

        lock (Gate)
        {
            _webhook = new ZaloBotWebhook(url, secret, Time.GetUtcNow());
            _server.NotifyChangedLocked();
        }

        return Answer.Ok(new JsonObject { ["url"] = url, ["updated_at"] = NowMs });
    }

    private Answer Send(string method, JsonObject p)
    {
        var chatId = Str(p, "chat_id");
        var text = Str(p, method == "sendPhoto" ? "caption" : "text");
        var photo = Str(p, "photo");
        if (string.IsNullOrEmpty(chatId))
        {
            return Answer.BadRequest("chat_id is required");
        }

        if (method == "sendPhoto" ? string.IsNullOrEmpty(photo) || text?.Length > MaxMessageLength : string.IsNullOrEmpty(text) || text.Length > MaxMessageLength)
        {
            return Answer.BadRequest(method == "sendPhoto" ? "photo is required, caption at most 2000 characters" : "text must be 1-2000 characters");
        }

        var sent = new ZaloBotSentMessage(method, chatId, text, method == "sendPhoto" ? photo : null, LoopbackServer.NewHexId(), Time.GetUtcNow());
        lock (Gate)
        {
            _sent.Add(sent);
            _server.NotifyChangedLocked();
        }

        return Answer.Ok(new JsonObject { ["message_id"] = sent.MessageId, ["date"] = sent.At.ToUnixTimeMilliseconds() });
    }

    /// <summary>A string parameter; numbers are accepted and kept as written (e.g. {"timeout":30}).</summary>
    private static string? Str(JsonObject p, string name) => p[name] is JsonValue v
        ? v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.Number => v.ToJsonString(),
            _ => null,
        }
        : null;

    private void Record(string method, string body, Answer answer)
    {
        lock (Gate)
        {
            _calls.Add(new ZaloBotCall(method, body, answer.ErrorCode, answer.Description, Time.GetUtcNow()));
            _server.NotifyChangedLocked();
        }
    }

    private Task WriteAsync(HttpContext ctx, Answer answer)
    {
        var envelope = new JsonObject { ["ok"] = answer.ErrorCode == 0 };
        if (answer.ErrorCode == 0)
        {
            envelope["result"] = answer.Result;
        }
        else
        {
            envelope["error_code"] = answer.ErrorCode;
            envelope["description"] = answer.Description;
        }

        var status = answer.ErrorCode == 0 || ErrorsAsHttp200 ? 200 : answer.ErrorCode;
        return LoopbackServer.WriteJsonAsync(ctx, status, envelope.ToJsonString(LoopbackServer.JsonOut));
    }

    private T Read<T>(Func<T> read)
    {
        lock (Gate)
        {
            return read();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _webhookClient.Dispose();
    }
}
