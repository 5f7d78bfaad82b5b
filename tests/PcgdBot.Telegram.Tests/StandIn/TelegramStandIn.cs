using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace PcgdBot.Telegram.Tests.StandIn;

/// <summary>
/// A stand-in for the Telegram Bot API server for end-to-end tests: real HTTP on loopback (Kestrel on a free
/// port) speaking the Bot API's JSON on <c>POST|GET /bot{token}/{method}</c>, with Telegram's answers
/// (<c>{"ok":true,"result":...}</c> / <c>{"ok":false,"error_code":N,"description":"..."}</c>), long polling,
/// webhooks, Telegram's validation of message text and markup, and fault injection.
/// Point Telegram.Bot at it with <c>new TelegramBotClient(new TelegramBotClientOptions(standIn.Token, standIn.BaseUrl))</c>.
/// </summary>
public sealed partial class TelegramStandIn : IAsyncDisposable
{
    /// <summary>Telegram caps the long-polling timeout at 50 s.</summary>
    public const int MaxLongPollSeconds = 50;

    /// <summary>A text message may hold at most this many characters after entity parsing.</summary>
    public const int MaxMessageLength = 4096;

    internal static readonly JsonSerializerOptions JsonOut = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly string[] KnownMethods =
    [
        "getMe", "getUpdates", "setWebhook", "deleteWebhook", "getWebhookInfo", "sendMessage", "sendChatAction", "sendDocument",
        "answerCallbackQuery", "editMessageText", "editMessageReplyMarkup", "deleteMessage", "setMyCommands",
        "getMyCommands", "deleteMyCommands", "logOut", "close",
    ];

    private static readonly Dictionary<string, string> CanonicalNames =
        KnownMethods.ToDictionary(m => m, m => m, StringComparer.OrdinalIgnoreCase);

    private readonly object _gate = new();
    private readonly WebApplication _app;
    private readonly HttpClient _webhookClient = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _deliveryLock = new(1, 1);

    // Updates.
    private readonly List<QueuedUpdate> _queue = [];
    private long _nextUpdateId = 700_000_001;
    private TaskCompletionSource _updatesSignal = NewSignal();
    private PollWaiter? _activePoll;

    // Webhook.
    private WebhookState? _webhook;
    private DateTimeOffset? _webhookLastErrorDate;
    private string? _webhookLastErrorMessage;
    private readonly List<WebhookDelivery> _deliveries = [];

    // Chats, users and messages as Telegram would know them.
    private readonly Dictionary<long, JsonObject> _chats = [];
    private readonly Dictionary<long, JsonObject> _users = [];
    private readonly Dictionary<(long Chat, int Id), StoredMessage> _messages = [];
    private readonly Dictionary<long, int> _lastMessageId = [];
    private readonly HashSet<string> _openCallbackQueries = new(StringComparer.Ordinal);
    private long _callbackCounter;
    private JsonArray _commands = [];

    // Observation.
    private readonly List<SentMessage> _sent = [];
    private int _sentCursor;
    private readonly List<ApiCall> _calls = [];
    private readonly Dictionary<string, int> _callCounts = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<CallbackAnswer> _callbackAnswers = [];
    private readonly List<ChatActionSent> _chatActions = [];
    private readonly List<SentDocument> _documents = [];
    private TaskCompletionSource _changed = NewSignal();

    // Faults.
    private readonly Dictionary<string, Queue<Fault>> _faults = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<long, string> _blockedChats = [];

    private TelegramStandIn(string token, string botUsername, WebApplication app)
    {
        Token = token;
        BotUsername = botUsername;
        _app = app;
        var colon = token.IndexOf(':', StringComparison.Ordinal);
        BotId = colon > 0 && long.TryParse(token.AsSpan(0, colon), out var id) ? id : 123456;
    }

    /// <summary>Starts a stand-in on 127.0.0.1 and a free port.</summary>
    public static async Task<TelegramStandIn> StartAsync(string token = "123456:TEST-token", string botUsername = "PcgdBot")
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(TelegramStandIn).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            k.Limits.MaxRequestBodySize = 60 * 1024 * 1024;
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var app = builder.Build();
        var standIn = new TelegramStandIn(token, botUsername, app);
        app.Run(standIn.HandleAsync);
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? throw new InvalidOperationException("Kestrel reported no address.");
        standIn.BaseUrl = addresses.First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
        return standIn;
    }

    /// <summary>"http://127.0.0.1:PORT": the baseUrl for <c>TelegramBotClientOptions</c>.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    public string Token { get; }

    public string BotUsername { get; }

    /// <summary>The bot's user id (the number before ':' in the token).</summary>
    public long BotId { get; }

    public string BotFirstName { get; set; } = "PcgdBot";

    /// <summary>Clock for message dates.</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>Artificial delay before every Bot API answer.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// Reject a bare '&amp;' in HTML text that starts no entity (default true, as the Bot API documentation
    /// demands). Telegram's server itself is lenient and keeps such a '&amp;' literally.
    /// </summary>
    public bool StrictHtmlAmpersand { get; set; } = true;

    /// <summary>Push every queued update to the webhook as soon as one is set (as Telegram does).</summary>
    public bool AutoDeliverToWebhook { get; set; }

    /// <summary>How long a webhook push may take (Telegram gives up after about a minute).</summary>
    public TimeSpan WebhookTimeout
    {
        get => _webhookClient.Timeout;
        set => _webhookClient.Timeout = value;
    }

    private DateTimeOffset Now => Time.GetUtcNow();

    private long UnixNow => Now.ToUnixTimeSeconds();

    // ====================================================================== observation

    /// <summary>The id the next enqueued update gets.</summary>
    public long NextUpdateId
    {
        get
        {
            lock (_gate)
            {
                return _nextUpdateId;
            }
        }

        set
        {
            lock (_gate)
            {
                _nextUpdateId = value;
            }
        }
    }

    /// <summary>Updates queued and not yet confirmed (by getUpdates offset) or delivered to the webhook.</summary>
    public IReadOnlyList<QueuedUpdate> PendingUpdates
    {
        get
        {
            lock (_gate)
            {
                return [.. _queue];
            }
        }
    }

    /// <summary>Messages sent or edited by the bot, oldest first (a snapshot).</summary>
    public IReadOnlyList<SentMessage> Sent
    {
        get
        {
            lock (_gate)
            {
                return [.. _sent];
            }
        }
    }

    /// <summary>Every answered call that passed the token check, in order of answer (a snapshot).</summary>
    public IReadOnlyList<ApiCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>Calls per method (canonical names, e.g. "sendMessage"), counted on arrival, failed ones included.</summary>
    public IReadOnlyDictionary<string, int> CallCounts
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, int>(_callCounts, StringComparer.OrdinalIgnoreCase);
            }
        }
    }

    public IReadOnlyList<CallbackAnswer> CallbackAnswers
    {
        get
        {
            lock (_gate)
            {
                return [.. _callbackAnswers];
            }
        }
    }

    /// <summary>Documents the bot uploaded with sendDocument, oldest first (a snapshot).</summary>
    public IReadOnlyList<SentDocument> Documents
    {
        get
        {
            lock (_gate)
            {
                return [.. _documents];
            }
        }
    }

    public IReadOnlyList<ChatActionSent> ChatActions
    {
        get
        {
            lock (_gate)
            {
                return [.. _chatActions];
            }
        }
    }

    public IReadOnlyList<WebhookDelivery> WebhookDeliveries
    {
        get
        {
            lock (_gate)
            {
                return [.. _deliveries];
            }
        }
    }

    /// <summary>The webhook set by setWebhook, or null.</summary>
    public WebhookState? Webhook
    {
        get
        {
            lock (_gate)
            {
                return _webhook;
            }
        }
    }

    public int CallCount(string method)
    {
        lock (_gate)
        {
            return _callCounts.GetValueOrDefault(Canonical(method));
        }
    }

    public IReadOnlyList<SentMessage> SentTo(long chatId)
    {
        lock (_gate)
        {
            return _sent.Where(s => s.ChatId == chatId).ToList();
        }
    }

    /// <summary>The next sent message not yet returned by this method (a FIFO cursor over <see cref="Sent"/>).</summary>
    public Task<SentMessage> NextSentAsync(TimeSpan timeout) =>
        WaitUntilAsync(
            () =>
            {
                if (_sentCursor < _sent.Count)
                {
                    return _sent[_sentCursor++];
                }

                return null;
            },
            timeout,
            () => $"No new message was sent within {timeout.TotalSeconds:0.###} s.");

    /// <summary>The first message in <see cref="Sent"/> (from index <paramref name="fromIndex"/> on) that matches, waiting for it if needed.</summary>
    public Task<SentMessage> WaitForSentAsync(Func<SentMessage, bool> match, TimeSpan timeout, int fromIndex = 0) =>
        WaitUntilAsync(
            () => _sent.Skip(fromIndex).FirstOrDefault(match),
            timeout,
            () => $"No sent message matched within {timeout.TotalSeconds:0.###} s.");

    /// <summary>Waits until at least <paramref name="count"/> messages were sent; returns them all.</summary>
    public Task<IReadOnlyList<SentMessage>> WaitForSentCountAsync(int count, TimeSpan timeout) =>
        WaitUntilAsync<IReadOnlyList<SentMessage>>(
            () => _sent.Count >= count ? [.. _sent] : null,
            timeout,
            () => $"Expected {count} sent messages within {timeout.TotalSeconds:0.###} s.");

    /// <summary>Waits until at least <paramref name="count"/> documents were sent; returns them all.</summary>
    public Task<IReadOnlyList<SentDocument>> WaitForDocumentsAsync(int count, TimeSpan timeout) =>
        WaitUntilAsync<IReadOnlyList<SentDocument>>(
            () => _documents.Count >= count ? [.. _documents] : null,
            timeout,
            () => $"Expected {count} documents within {timeout.TotalSeconds:0.###} s; sendDocument answers: "
                + string.Join("; ", _calls.Where(c => c.Method == "sendDocument").Select(c => $"{c.StatusCode} {c.Description}")));

    /// <summary>Waits until <paramref name="method"/> was called at least <paramref name="count"/> times.</summary>
    public Task WaitForCallAsync(string method, int count, TimeSpan timeout) =>
        WaitUntilAsync(
            () => _callCounts.GetValueOrDefault(Canonical(method)) >= count ? (object)true : null,
            timeout,
            () => $"{method} was called {_callCounts.GetValueOrDefault(Canonical(method))} times, expected {count}, within {timeout.TotalSeconds:0.###} s.");

    private async Task<T> WaitUntilAsync<T>(Func<T?> probeLocked, TimeSpan timeout, Func<string> describeLocked)
        where T : class
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                var found = probeLocked();
                if (found is not null)
                {
                    return found;
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                lock (_gate)
                {
                    var found = probeLocked();
                    if (found is not null)
                    {
                        return found;
                    }

                    var sent = string.Join(Environment.NewLine, _sent.Select(s => $"  {s.Method} chat {s.ChatId} #{s.MessageId}: {s.PlainText}"));
                    throw new TimeoutException(describeLocked() + " Sent so far:" + Environment.NewLine + (sent.Length == 0 ? "  (nothing)" : sent));
                }
            }
        }
    }

    private void NotifyChangedLocked()
    {
        var old = _changed;
        _changed = NewSignal();
        old.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    // ====================================================================== faults

    private sealed record Fault(int ErrorCode, string Description, int? RetryAfter, bool NetworkError);

    /// <summary>
    /// The next <paramref name="times"/> calls of <paramref name="method"/> fail with this Bot API error,
    /// e.g. (429, "Too Many Requests: retry after 5", 5), (403, "Forbidden: bot was blocked by the user"),
    /// (400, "Bad Request: can't parse entities: ..."). Note Telegram.Bot 22 retries a 429 by itself when
    /// retry_after &lt;= options.RetryThreshold (60 by default), up to RetryCount (3) attempts.
    /// </summary>
    public void FailNext(string method, int errorCode, string description, int? retryAfter = null, int times = 1)
    {
        lock (_gate)
        {
            var q = FaultQueueLocked(method);
            for (var i = 0; i < times; i++)
            {
                q.Enqueue(new Fault(errorCode, description, retryAfter, false));
            }
        }
    }

    /// <summary>429 "Too Many Requests: retry after N" with parameters.retry_after = N.</summary>
    public void FailNextTooManyRequests(string method, int retryAfter, int times = 1) =>
        FailNext(method, 429, $"Too Many Requests: retry after {retryAfter}", retryAfter, times);

    /// <summary>The next calls of <paramref name="method"/> get their connection aborted (no HTTP answer).</summary>
    public void FailNextWithNetworkError(string method, int times = 1)
    {
        lock (_gate)
        {
            var q = FaultQueueLocked(method);
            for (var i = 0; i < times; i++)
            {
                q.Enqueue(new Fault(0, "connection aborted", null, true));
            }
        }
    }

    public void ClearFaults()
    {
        lock (_gate)
        {
            _faults.Clear();
        }
    }

    /// <summary>Every send to <paramref name="chatId"/> fails with 403 (the user blocked the bot).</summary>
    public void BlockChat(long chatId, string description = "Forbidden: bot was blocked by the user")
    {
        lock (_gate)
        {
            _blockedChats[chatId] = description;
        }
    }

    public void UnblockChat(long chatId)
    {
        lock (_gate)
        {
            _blockedChats.Remove(chatId);
        }
    }

    private Queue<Fault> FaultQueueLocked(string method)
    {
        var key = Canonical(method);
        if (!_faults.TryGetValue(key, out var q))
        {
            _faults[key] = q = new Queue<Fault>();
        }

        return q;
    }

    private Fault? TakeFault(string method)
    {
        lock (_gate)
        {
            return _faults.TryGetValue(method, out var q) && q.Count > 0 ? q.Dequeue() : null;
        }
    }

    // ====================================================================== HTTP

    private static string Canonical(string method) => CanonicalNames.TryGetValue(method, out var c) ? c : method;

    private readonly record struct ApiResult(int StatusCode, JsonNode? Result, string? Description, int? RetryAfter)
    {
        public static ApiResult Success(JsonNode? result, string? description = null) => new(200, result, description, null);

        public static ApiResult Error(int code, string description, int? retryAfter = null) => new(code, null, description, retryAfter);

        public static ApiResult True(string? description = null) => Success(JsonValue.Create(true), description);

        public string ToJson()
        {
            var o = new JsonObject { ["ok"] = StatusCode == 200 };
            if (StatusCode == 200)
            {
                o["result"] = Result?.DeepClone();
                if (Description is not null)
                {
                    o["description"] = Description;
                }
            }
            else
            {
                o["error_code"] = StatusCode;
                o["description"] = Description;
                if (RetryAfter is { } retry)
                {
                    o["parameters"] = new JsonObject { ["retry_after"] = retry };
                }
            }

            return o.ToJsonString(JsonOut);
        }
    }

    private readonly List<RequestFraming> _framings = [];

    /// <summary>How each request body came (Content-Length or chunked), in arrival order.</summary>
    public IReadOnlyList<RequestFraming> Framings
    {
        get
        {
            lock (_gate)
            {
                return [.. _framings];
            }
        }
    }

    private void RecordFraming(string method, HttpRequest request)
    {
        lock (_gate)
        {
            _framings.Add(new RequestFraming(method, request.Method, request.ContentLength, request.Headers.TransferEncoding.ToString()));
        }
    }

    private async Task HandleAsync(HttpContext ctx)
    {
        var aborted = ctx.RequestAborted;
        try
        {
            var path = ctx.Request.Path.Value ?? string.Empty;
            if (!path.StartsWith("/bot", StringComparison.Ordinal) || path.IndexOf('/', 4) is var slash && slash <= 4)
            {
                await WriteAsync(ctx, ApiResult.Error(404, "Not Found"));
                return;
            }

            var token = path[4..slash];
            var method = path[(slash + 1)..].Trim('/');
            RecordFraming(method, ctx.Request);
            if (method.StartsWith("test/", StringComparison.OrdinalIgnoreCase))
            {
                method = method[5..];
            }

            if (!string.Equals(token, Token, StringComparison.Ordinal))
            {
                await WriteAsync(ctx, ApiResult.Error(401, "Unauthorized"));
                return;
            }

            if (method.Length == 0)
            {
                await WriteAsync(ctx, ApiResult.Error(404, "Not Found"));
                return;
            }

            if (Latency > TimeSpan.Zero)
            {
                await Task.Delay(Latency, aborted);
            }

            method = Canonical(method);
            MarkArrived(method);
            var (parameters, parseError) = await BotApiParameters.ReadAsync(ctx.Request, aborted);
            if (parameters is null)
            {
                var bad = ApiResult.Error(400, parseError ?? "Bad Request");
                Record(method, "{}", bad, false);
                await WriteAsync(ctx, bad);
                return;
            }

            var fault = TakeFault(method);
            if (fault is { NetworkError: true })
            {
                Record(method, parameters.ToJson(), new ApiResult(0, null, "connection aborted", null), false);
                ctx.Abort();
                return;
            }

            var result = fault is not null
                ? ApiResult.Error(fault.ErrorCode, fault.Description, fault.RetryAfter)
                : await DispatchAsync(method, parameters, aborted);
            Record(method, parameters.ToJson(), result, false);
            await WriteAsync(ctx, result);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away (e.g. a long poll it cancelled).
        }
        catch (Exception ex) when (!ctx.Response.HasStarted)
        {
            // A bug in the stand-in: say so in the answer rather than with an empty 500.
            await WriteAsync(ctx, ApiResult.Error(500, "Internal Server Error: stand-in failure: " + ex));
        }
    }

    /// <summary>Counts a call when it arrives (so a test can see a long poll that is still waiting).</summary>
    private void MarkArrived(string method)
    {
        lock (_gate)
        {
            _callCounts[method] = _callCounts.GetValueOrDefault(method) + 1;
            NotifyChangedLocked();
        }
    }

    /// <summary>Records a call with its outcome when it is answered.</summary>
    private void Record(string method, string parametersJson, ApiResult result, bool viaWebhookReply)
    {
        lock (_gate)
        {
            _calls.Add(new ApiCall(method, parametersJson, result.StatusCode, result.Description, viaWebhookReply, Now));
            NotifyChangedLocked();
        }
    }

    private static async Task WriteAsync(HttpContext ctx, ApiResult result)
    {
        ctx.Response.StatusCode = result.StatusCode;
        ctx.Response.ContentType = "application/json";
        var bytes = Encoding.UTF8.GetBytes(result.ToJson());
        ctx.Response.ContentLength = bytes.Length;
        await ctx.Response.Body.WriteAsync(bytes, ctx.RequestAborted);
    }

    private Task<ApiResult> DispatchAsync(string method, BotApiParameters p, CancellationToken aborted) => method switch
    {
        "getMe" => Task.FromResult(ApiResult.Success(BotUserJson(full: true))),
        "getUpdates" => GetUpdatesAsync(p, aborted),
        "setWebhook" => Task.FromResult(SetWebhook(p)),
        "deleteWebhook" => Task.FromResult(DeleteWebhook(p)),
        "getWebhookInfo" => Task.FromResult(GetWebhookInfo()),
        "sendMessage" => Task.FromResult(SendMessage(p)),
        "sendChatAction" => Task.FromResult(SendChatAction(p)),
        "sendDocument" => Task.FromResult(SendDocument(p)),
        "answerCallbackQuery" => Task.FromResult(AnswerCallbackQuery(p)),
        "editMessageText" => Task.FromResult(EditMessage(p, "editMessageText")),
        "editMessageReplyMarkup" => Task.FromResult(EditMessage(p, "editMessageReplyMarkup")),
        "deleteMessage" => Task.FromResult(DeleteMessage(p)),
        "setMyCommands" => Task.FromResult(SetMyCommands(p)),
        "getMyCommands" => Task.FromResult(GetMyCommands()),
        "deleteMyCommands" => Task.FromResult(DeleteMyCommands()),
        "logOut" or "close" => Task.FromResult(ApiResult.True()),
        _ => Task.FromResult(ApiResult.Error(404, "Not Found")),
    };

    // ====================================================================== webhook push

    /// <summary>POSTs <paramref name="json"/> to the webhook with the secret recorded by setWebhook.</summary>
    public Task<HttpStatusCode> PostToWebhookAsync(string json) => PostToWebhookAsync(json, Webhook?.SecretToken);

    /// <summary>
    /// POSTs <paramref name="json"/> (an Update) to the webhook set by setWebhook, with header
    /// X-Telegram-Bot-Api-Secret-Token = <paramref name="secretToken"/> (none when null), as Telegram does.
    /// A JSON answer with a "method" field is executed like Telegram executes it. Returns the HTTP status.
    /// </summary>
    public async Task<HttpStatusCode> PostToWebhookAsync(string json, string? secretToken, CancellationToken cancellationToken = default)
    {
        var url = Webhook?.Url ?? throw new InvalidOperationException("No webhook is set (call setWebhook first).");
        long updateId = 0;
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.TryGetProperty("update_id", out var idElement) && idElement.TryGetInt64(out var id))
            {
                updateId = id;
            }
        }
        catch (JsonException)
        {
            // Let the webhook see whatever the test sends.
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (secretToken is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Telegram-Bot-Api-Secret-Token", secretToken);
        }

        HttpResponseMessage response;
        try
        {
            response = await _webhookClient.SendAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            lock (_gate)
            {
                _webhookLastErrorDate = Now;
                _webhookLastErrorMessage = ex is TaskCanceledException ? "Read timeout expired" : "Connection refused";
                _deliveries.Add(new WebhookDelivery(updateId, null, ex.Message, null, Now));
                NotifyChangedLocked();
            }

            throw;
        }

        using (response)
        {
            string? replyMethod = null;
            if (response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                replyMethod = await ExecuteWebhookReplyAsync(body, cancellationToken);
            }
            else
            {
                lock (_gate)
                {
                    _webhookLastErrorDate = Now;
                    _webhookLastErrorMessage = $"Wrong response from the webhook: {(int)response.StatusCode} {response.ReasonPhrase}";
                }
            }

            lock (_gate)
            {
                _deliveries.Add(new WebhookDelivery(updateId, response.StatusCode, null, replyMethod, Now));
                NotifyChangedLocked();
            }

            return response.StatusCode;
        }
    }

    /// <summary>
    /// Pushes the queued updates to the webhook in order; each one answered 2xx leaves the queue. Stops at the
    /// first failure (Telegram keeps the update and tries again later). Returns the statuses seen.
    /// </summary>
    public async Task<IReadOnlyList<HttpStatusCode>> DeliverQueuedToWebhookAsync(CancellationToken cancellationToken = default)
    {
        if (Webhook is null)
        {
            throw new InvalidOperationException("No webhook is set (call setWebhook first).");
        }

        var statuses = new List<HttpStatusCode>();
        await _deliveryLock.WaitAsync(cancellationToken);
        try
        {
            while (true)
            {
                QueuedUpdate? next;
                string? secret;
                lock (_gate)
                {
                    if (_webhook is null || _queue.Count == 0)
                    {
                        break;
                    }

                    next = _queue[0];
                    secret = _webhook.SecretToken;
                }

                HttpStatusCode status;
                try
                {
                    status = await PostToWebhookAsync(next.Json, secret, cancellationToken);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    break;
                }

                statuses.Add(status);
                if ((int)status is < 200 or > 299)
                {
                    break;
                }

                lock (_gate)
                {
                    _queue.Remove(next);
                }
            }
        }
        finally
        {
            _deliveryLock.Release();
        }

        return statuses;
    }

    private void StartAutoDelivery()
    {
        if (!AutoDeliverToWebhook || _stopping.IsCancellationRequested)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            for (var attempt = 0; attempt < 20 && !_stopping.IsCancellationRequested; attempt++)
            {
                try
                {
                    await DeliverQueuedToWebhookAsync(_stopping.Token);
                }
                catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException or ObjectDisposedException)
                {
                    return;
                }

                lock (_gate)
                {
                    if (_webhook is null || _queue.Count == 0)
                    {
                        return;
                    }
                }

                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(500), _stopping.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        });
    }

    private async Task<string?> ExecuteWebhookReplyAsync(string body, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        JsonObject? obj;
        try
        {
            obj = JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }

        if (obj?["method"] is not JsonValue methodValue || methodValue.GetValueKind() != JsonValueKind.String)
        {
            return null;
        }

        var method = Canonical(methodValue.GetValue<string>());
        obj.Remove("method");
        var parameters = BotApiParameters.FromJsonObject(obj);
        MarkArrived(method);
        var result = await DispatchAsync(method, parameters, cancellationToken);
        Record(method, parameters.ToJson(), result, true);
        return method;
    }

    // ====================================================================== lifetime

    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync();
        lock (_gate)
        {
            _activePoll?.Terminate(null);
        }

        try
        {
            await _app.StopAsync();
        }
        finally
        {
            await _app.DisposeAsync();
            _webhookClient.Dispose();
        }
    }

    private sealed class PollWaiter
    {
        private readonly TaskCompletionSource<string?> _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<string?> Terminated => _terminated.Task;

        /// <summary>Ends the wait: with a 409 description, or null for an empty answer.</summary>
        public void Terminate(string? conflict) => _terminated.TrySetResult(conflict);
    }

    private sealed class StoredMessage(JsonObject json, bool fromBot)
    {
        public JsonObject Json { get; set; } = json;

        public bool FromBot { get; } = fromBot;
    }

    private static long ElapsedMs(long startTimestamp) => (long)Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds;
}
