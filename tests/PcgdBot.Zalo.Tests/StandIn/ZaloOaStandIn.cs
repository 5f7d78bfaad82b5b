using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace PcgdBot.Zalo.Tests.StandIn;

/// <summary>
/// A stand-in for Zalo's Official Account platform on one loopback base URL: it plays the OA Open API
/// (<c>https://openapi.zalo.me</c>: <c>POST /v3.0/oa/message/cs</c>) and OAuth (<c>https://oauth.zaloapp.com</c>:
/// <c>POST /v4/oa/access_token</c>), answering like Zalo (HTTP 200 with <c>{"error":N,"message":"..."}</c>), with
/// single-use refresh tokens, token expiry, the 7-day window and fault injection. It also plays Zalo posting
/// webhook events to the bot: builders for the raw event JSON and <see cref="PostWebhookAsync"/> signing them.
/// Not from Zalo (invented, keep tests tolerant): the <c>quota</c> object, OAuth codes other than -14002/-14014,
/// token formats, and <c>user_id_by_app</c> values.
/// </summary>
public sealed partial class ZaloOaStandIn : IAsyncDisposable
{
    public const string SendPath = "/v3.0/oa/message/cs";
    public const string RefreshPath = "/v4/oa/access_token";
    public const string DefaultOaId = "388613280878808645";

    /// <summary>Zalo's text limit for message/cs, counted here in UTF-16 code units (as Java's String.length()).</summary>
    public const int MaxTextLength = 2000;

    /// <summary>Requests per minute per app, reported in X-RateLimit-Limit (not enforced; inject -32 instead).</summary>
    public const int RateLimitPerMinute = 4000;

    private readonly HashSet<string> _closedWindows = new(StringComparer.Ordinal);
    private readonly List<ZaloSentMessage> _sent = [];
    private readonly List<ZaloOaCall> _calls = [];
    private readonly Dictionary<string, int> _callCounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<Fault>> _faults = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _userIdsByApp = new(StringComparer.Ordinal);
    private readonly HttpClient _webhookClient = new() { Timeout = TimeSpan.FromSeconds(30) };
    private LoopbackServer _server = null!;
    private string _accessToken;
    private string _refreshToken;
    private bool _accessExpired;
    private int _refreshCount;

    private ZaloOaStandIn(string appId, string appSecret, string oaSecretKey)
    {
        AppId = appId;
        AppSecret = appSecret;
        OaSecretKey = oaSecretKey;
        InitialAccessToken = _accessToken = NewAccessToken();
        InitialRefreshToken = _refreshToken = NewRefreshToken();
    }

    /// <summary>Starts a stand-in on 127.0.0.1 and a free port, with a valid token pair already issued.</summary>
    public static async Task<ZaloOaStandIn> StartAsync(string appId = "360846524940903967", string appSecret = "TEST_APP_SECRET", string oaSecretKey = "TEST_OA_SECRET")
    {
        var standIn = new ZaloOaStandIn(appId, appSecret, oaSecretKey);
        standIn._server = await LoopbackServer.StartAsync(nameof(ZaloOaStandIn), standIn.HandleAsync);
        return standIn;
    }

    /// <summary>"http://127.0.0.1:PORT": use it for both the OA API base and the OAuth base.</summary>
    public string BaseUrl => _server.BaseUrl;

    public string AppId { get; }

    public string AppSecret { get; }

    public string OaSecretKey { get; }

    /// <summary>The OA id the event builders put in <c>recipient.id</c> / <c>oa_id</c> unless told otherwise.</summary>
    public string OaId { get; set; } = DefaultOaId;

    /// <summary>Clock for <c>sent_time</c>, records and event timestamps.</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>Delay before every answer.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.Zero;

    public string InitialAccessToken { get; }

    public string InitialRefreshToken { get; }

    public string CurrentAccessToken => Read(() => _accessToken);

    public string CurrentRefreshToken => Read(() => _refreshToken);

    /// <summary>Successful refreshes.</summary>
    public int RefreshCount => Read(() => _refreshCount);

    /// <summary>Messages accepted by message/cs (error 0), oldest first. Rejected ones are in <see cref="Calls"/>.</summary>
    public IReadOnlyList<ZaloSentMessage> Sent => Read<IReadOnlyList<ZaloSentMessage>>(() => [.. _sent]);

    /// <summary>Every answered request, failed and faulted ones included.</summary>
    public IReadOnlyList<ZaloOaCall> Calls => Read<IReadOnlyList<ZaloOaCall>>(() => [.. _calls]);

    private object Gate => _server.Gate;

    private DateTimeOffset Now => Time.GetUtcNow();

    public IReadOnlyList<ZaloSentMessage> SentTo(string userId) =>
        Read<IReadOnlyList<ZaloSentMessage>>(() => [.. _sent.Where(s => s.UserId == userId)]);

    /// <summary>Requests that arrived on <paramref name="path"/> (e.g. <see cref="SendPath"/>), counted on arrival.</summary>
    public int CallCount(string path) => Read(() => _callCounts.GetValueOrDefault(NormalizePath(path)));

    /// <summary>The first accepted message that matches, waiting for it; the TimeoutException lists what was sent.</summary>
    public Task<ZaloSentMessage> WaitForSentAsync(Func<ZaloSentMessage, bool> match, TimeSpan timeout) =>
        _server.WaitUntilAsync(
            () => _sent.FirstOrDefault(match),
            timeout,
            () => $"No message sent to Zalo OA matched within {timeout.TotalSeconds:0.###} s. Sent so far:{Environment.NewLine}"
                + (_sent.Count == 0 ? "  (nothing)" : string.Join(Environment.NewLine, _sent.Select(s => $"  to {s.UserId}: {s.Text}"))));

    /// <summary>From now on, sends to <paramref name="userId"/> fail with -230 (no interaction in the last 7 days).</summary>
    public void CloseWindow(string userId) => Read(() => _closedWindows.Add(userId));

    public void OpenWindow(string userId) => Read(() => _closedWindows.Remove(userId));

    /// <summary>The current access token answers -220 (expired) from now on, until a refresh.</summary>
    public void ExpireAccessToken() => Read(() => _accessExpired = true);

    /// <summary>The user id for this app that events carry in <c>user_id_by_app</c> (derived from the user id unless set).</summary>
    public void SetUserIdByApp(string userId, string userIdByApp) => Read(() => _userIdsByApp[userId] = userIdByApp);

    // ============================================================== faults

    private sealed record Fault(int ZaloError, string? Message, int HttpStatus, bool NetworkError);

    /// <summary>The next <paramref name="times"/> sends answer HTTP 200 <c>{"error":zaloError,"message":message}</c>.</summary>
    public void FailNextSend(int zaloError, string message, int times = 1) => AddFault(SendPath, new Fault(zaloError, message, 200, false), times);

    /// <summary>The next sends answer -32 "Exceeded request per minute".</summary>
    public void RateLimitNextSend(int times = 1) => FailNextSend(-32, "Exceeded request per minute", times);

    /// <summary>The next sends answer this HTTP status (e.g. 500, 502) with a non-JSON body.</summary>
    public void FailNextSendWithHttpStatus(int status, int times = 1) => AddFault(SendPath, new Fault(0, null, status, false), times);

    /// <summary>The next requests on <paramref name="path"/> (default: sends) get their connection aborted.</summary>
    public void FailNextWithNetworkError(int times = 1, string path = SendPath) => AddFault(NormalizePath(path), new Fault(0, null, 0, true), times);

    private void AddFault(string path, Fault fault, int times)
    {
        lock (Gate)
        {
            if (!_faults.TryGetValue(path, out var q))
            {
                _faults[path] = q = new Queue<Fault>();
            }

            for (var i = 0; i < times; i++)
            {
                q.Enqueue(fault);
            }
        }
    }

    // ============================================================== HTTP

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
        var path = NormalizePath(ctx.Request.Path.Value ?? "/");
        try
        {
            Fault? fault;
            lock (Gate)
            {
                _framings.Add(new PcgdBot.Telegram.Tests.StandIn.RequestFraming(path, ctx.Request.Method, ctx.Request.ContentLength, ctx.Request.Headers.TransferEncoding.ToString()));
                _callCounts[path] = _callCounts.GetValueOrDefault(path) + 1;
                fault = _faults.TryGetValue(path, out var q) && q.Count > 0 ? q.Dequeue() : null;
                _server.NotifyChangedLocked();
            }

            if (Latency > TimeSpan.Zero)
            {
                await Task.Delay(Latency, aborted);
            }

            if (fault is { NetworkError: true })
            {
                Record(path, 0, 0, "connection aborted");
                ctx.Abort();
                return;
            }

            if (fault is { HttpStatus: not 200 })
            {
                Record(path, fault.HttpStatus, 0, "injected HTTP status");
                ctx.Response.StatusCode = fault.HttpStatus;
                ctx.Response.ContentType = "text/html";
                await ctx.Response.WriteAsync($"<html><body><h1>{fault.HttpStatus}</h1>stand-in fault</body></html>", aborted);
                return;
            }

            if (path is not (SendPath or RefreshPath or UploadFilePath))
            {
                Record(path, 404, 0, "not found");
                await LoopbackServer.WriteJsonAsync(ctx, 404, """{"error":404,"message":"Not found"}""");
                return;
            }

            if (!HttpMethods.IsPost(ctx.Request.Method))
            {
                Record(path, 405, 0, "method not allowed");
                await LoopbackServer.WriteJsonAsync(ctx, 405, """{"error":405,"message":"Method not allowed"}""");
                return;
            }

            var answer = path switch
            {
                SendPath => await SendAsync(ctx, fault),
                UploadFilePath => fault is not null ? new JsonObject { ["error"] = fault.ZaloError, ["message"] = fault.Message ?? "Injected error" } : await UploadFileAsync(ctx),
                _ => await RefreshAsync(ctx),
            };
            await LoopbackServer.WriteJsonAsync(ctx, 200, answer.ToJsonString(LoopbackServer.JsonOut));
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (Exception ex) when (!ctx.Response.HasStarted && ex is not OperationCanceledException)
        {
            // A bug in the stand-in (or a body it cannot read): say so rather than answer an empty 500.
            Record(path, 500, 0, ex.Message);
            await LoopbackServer.WriteJsonAsync(ctx, 500, new JsonObject { ["error"] = 500, ["message"] = "stand-in failure: " + ex }.ToJsonString(LoopbackServer.JsonOut));
        }
    }

    private async Task<JsonObject> SendAsync(HttpContext ctx, Fault? fault)
    {
        var token = ctx.Request.Headers["access_token"].ToString();
        using var reader = new StreamReader(ctx.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(ctx.RequestAborted);
        string? userId = null, text = null, fileToken = null;
        try
        {
            var node = JsonNode.Parse(body);
            fileToken = AttachedFileToken(node);
            userId = (node?["recipient"]?["user_id"] as JsonValue)?.GetValueKind() == JsonValueKind.String ? node!["recipient"]!["user_id"]!.GetValue<string>() : null;
            text = (node?["message"]?["text"] as JsonValue)?.GetValueKind() == JsonValueKind.String ? node!["message"]!["text"]!.GetValue<string>() : null;
        }
        catch (JsonException)
        {
            // Answered -201 below.
        }

        AddRateLimitHeaders(ctx);
        lock (Gate)
        {
            JsonObject Fail(int error, string message)
            {
                RecordLocked(SendPath, 200, error, message, userId);
                return new JsonObject { ["error"] = error, ["message"] = message };
            }

            if (fault is not null)
            {
                return Fail(fault.ZaloError, fault.Message ?? "Injected error");
            }

            if (token.Length == 0 || token != _accessToken)
            {
                return Fail(-216, "Access token is invalid");
            }

            if (_accessExpired)
            {
                return Fail(-220, "Access token has expired");
            }

            if (!string.IsNullOrEmpty(userId) && text is null && fileToken is not null && !_closedWindows.Contains(userId))
            {
                return SendFileLocked(userId, fileToken);
            }

            if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(text) || text.Length > MaxTextLength)
            {
                return Fail(-201, "Parameters are invalid");
            }

            if (_closedWindows.Contains(userId))
            {
                return Fail(-230, "User has not interacted with the OA in the last 7 days");
            }

            var sent = new ZaloSentMessage(userId, text, token, LoopbackServer.NewHexId(), Now);
            _sent.Add(sent);
            RecordLocked(SendPath, 200, 0, "Success", userId);
            return new JsonObject
            {
                ["data"] = new JsonObject
                {
                    ["message_id"] = sent.MessageId,
                    ["user_id"] = userId,
                    ["sent_time"] = sent.At.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["quota"] = new JsonObject { ["quota_type"] = "reply_message", ["remain"] = "7", ["total"] = "8" },
                },
                ["error"] = 0,
                ["message"] = "Success",
            };
        }
    }

    private void AddRateLimitHeaders(HttpContext ctx)
    {
        var since = Now.AddMinutes(-1);
        var used = Read(() => _calls.Count(c => c.Path == SendPath && c.At > since)) + 1;
        ctx.Response.Headers["X-RateLimit-Limit"] = RateLimitPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture);
        ctx.Response.Headers["X-RateLimit-Remain"] = Math.Max(0, RateLimitPerMinute - used).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<JsonObject> RefreshAsync(HttpContext ctx)
    {
        var secret = ctx.Request.Headers["secret_key"].ToString();
        var form = ctx.Request.HasFormContentType ? await ctx.Request.ReadFormAsync(ctx.RequestAborted) : FormCollection.Empty;
        lock (Gate)
        {
            JsonObject Fail(int error, string name, string reason)
            {
                RecordLocked(RefreshPath, 200, error, name, null);
                return new JsonObject { ["error"] = error, ["error_name"] = name, ["error_reason"] = reason, ["error_description"] = reason };
            }

            if (secret != AppSecret)
            {
                return Fail(-14002, "Invalid secret key", "secret_key header does not match the app secret");
            }

            if (form["app_id"].ToString() != AppId || form["grant_type"].ToString() != "refresh_token")
            {
                return Fail(-14001, "Invalid parameter", "app_id must be the app's id and grant_type must be refresh_token");
            }

            if (form["refresh_token"].ToString() is not { Length: > 0 } refresh || refresh != _refreshToken)
            {
                return Fail(-14014, "Invalid refresh token", "refresh token is unknown, expired or already used");
            }

            _accessToken = NewAccessToken();
            _refreshToken = NewRefreshToken();
            _accessExpired = false;
            _refreshCount++;
            RecordLocked(RefreshPath, 200, 0, "refreshed", null);
            return new JsonObject { ["access_token"] = _accessToken, ["refresh_token"] = _refreshToken, ["expires_in"] = "90000" };
        }
    }

    private void Record(string path, int httpStatus, int error, string? message) =>
        Write(() => RecordLocked(path, httpStatus, error, message, null));

    private void RecordLocked(string path, int httpStatus, int error, string? message, string? userId)
    {
        _calls.Add(new ZaloOaCall(path, httpStatus, error, message, userId, Now));
        _server.NotifyChangedLocked();
    }

    // ============================================================== helpers

    private static string NormalizePath(string path) => "/" + path.Trim('/');

    private static string NewAccessToken() => "OA-AT-" + LoopbackServer.NewHexId(48);

    private static string NewRefreshToken() => "OA-RT-" + LoopbackServer.NewHexId(48);

    private T Read<T>(Func<T> read)
    {
        lock (Gate)
        {
            return read();
        }
    }

    private void Write(Action write)
    {
        lock (Gate)
        {
            write();
            _server.NotifyChangedLocked();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _webhookClient.Dispose();
    }
}
