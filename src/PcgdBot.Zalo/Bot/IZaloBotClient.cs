using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PcgdBot.Zalo.Bot;

/// <summary>The bot's own account, from getMe.</summary>
public sealed record ZaloBotUser(string Id, string? DisplayName);

/// <summary>What sendMessage answered.</summary>
public sealed record ZaloBotSendResult(string? MessageId, DateTimeOffset? Date);

/// <summary>The Bot API refused a call: <c>{"ok":false,"error_code":…,"description":…}</c>, or an HTTP error without that envelope.</summary>
public sealed class ZaloBotApiException(int errorCode, string description) : Exception($"Zalo Bot API error {errorCode}: {description}")
{
    /// <summary>400 bad request, 401 token invalid, 403, 404, 408 nothing to poll, 429 quota exceeded, 5xx the platform's trouble.</summary>
    public int ErrorCode { get; } = errorCode;

    public string Description { get; } = description;
}

/// <summary>
/// The Bot API calls the adapter makes; fakeable. Refusals are <see cref="ZaloBotApiException"/>; network failures surface
/// as <see cref="HttpRequestException"/> and timeouts as <see cref="TaskCanceledException"/>.
/// </summary>
public interface IZaloBotClient
{
    Task<ZaloBotUser> GetMeAsync(CancellationToken cancellationToken);

    /// <summary>One update, or null when none came within the timeout (the platform's 408).</summary>
    Task<ZaloBotUpdate?> GetUpdateAsync(int timeoutSeconds, CancellationToken cancellationToken);

    Task SetWebhookAsync(string url, string secretToken, CancellationToken cancellationToken);

    Task DeleteWebhookAsync(CancellationToken cancellationToken);

    Task<ZaloBotSendResult> SendMessageAsync(string chatId, string text, CancellationToken cancellationToken);

    Task SendChatActionAsync(string chatId, string action, CancellationToken cancellationToken);
}

/// <summary>The real Bot API over plain HTTP and System.Text.Json: <c>POST {ApiBaseUrl}/bot{Token}/{method}</c> with a JSON body.</summary>
public sealed class ZaloBotApiClient : IZaloBotClient
{
    private const int NothingToPoll = 408;

    private readonly HttpClient http;
    private readonly string baseAddress;

    public ZaloBotApiClient(ZaloBotOptions options, HttpClient httpClient)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Token);
        // The HttpClient's own timeout (100 s by default) must outlast a long poll; PollingTimeoutSeconds stays below 60.
        http = httpClient;
        baseAddress = options.ApiBaseUrl.TrimEnd('/') + "/bot" + options.Token + "/";
    }

    public async Task<ZaloBotUser> GetMeAsync(CancellationToken cancellationToken)
    {
        using var result = await CallAsync("getMe", new JsonObject(), cancellationToken);
        var root = result.RootElement;
        var id = String(root, "id") ?? throw new ZaloBotApiException(502, "getMe answered without the bot's id");
        return new ZaloBotUser(id, String(root, "display_name") ?? String(root, "account_name"));
    }

    public async Task<ZaloBotUpdate?> GetUpdateAsync(int timeoutSeconds, CancellationToken cancellationToken)
    {
        try
        {
            // The documented body carries the timeout as a string.
            using var result = await CallAsync("getUpdates", new JsonObject { ["timeout"] = timeoutSeconds.ToString(CultureInfo.InvariantCulture) }, cancellationToken);
            return ZaloBotUpdateReader.TryRead(result.RootElement, out var update) ? update : null;
        }
        catch (ZaloBotApiException error) when (error.ErrorCode == NothingToPoll)
        {
            return null;
        }
    }

    public async Task SetWebhookAsync(string url, string secretToken, CancellationToken cancellationToken)
    {
        using var _ = await CallAsync("setWebhook", new JsonObject { ["url"] = url, ["secret_token"] = secretToken }, cancellationToken);
    }

    public async Task DeleteWebhookAsync(CancellationToken cancellationToken)
    {
        using var _ = await CallAsync("deleteWebhook", new JsonObject(), cancellationToken);
    }

    public async Task<ZaloBotSendResult> SendMessageAsync(string chatId, string text, CancellationToken cancellationToken)
    {
        using var result = await CallAsync("sendMessage", new JsonObject { ["chat_id"] = chatId, ["text"] = text }, cancellationToken);
        var root = result.RootElement;
        DateTimeOffset? date = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("date", out var d) && d.TryGetInt64(out var ms) && ms > 0
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;
        return new ZaloBotSendResult(String(root, "message_id"), date);
    }

    public async Task SendChatActionAsync(string chatId, string action, CancellationToken cancellationToken)
    {
        using var _ = await CallAsync("sendChatAction", new JsonObject { ["chat_id"] = chatId, ["action"] = action }, cancellationToken);
    }

    /// <summary>One call; the <c>result</c> of an ok envelope, else a <see cref="ZaloBotApiException"/>.</summary>
    private async Task<JsonDocument> CallAsync(string method, JsonObject body, CancellationToken cancellationToken)
    {
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(baseAddress + method, content, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var status = (int)response.StatusCode;

        using var document = Parse(text)
            ?? throw new ZaloBotApiException(response.IsSuccessStatusCode ? (int)HttpStatusCode.BadGateway : status, Reason(response, "unreadable answer"));
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.True)
        {
            return JsonDocument.Parse(root.TryGetProperty("result", out var result) ? result.GetRawText() : "null");
        }

        // Errors come as {"ok":false,"error_code":429,…}, sometimes with HTTP 200, sometimes with the same HTTP status.
        var code = int.TryParse(String(root, "error_code"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var c)
            ? c
            : response.IsSuccessStatusCode ? (int)HttpStatusCode.BadGateway : status;
        throw new ZaloBotApiException(code, String(root, "description") ?? Reason(response, "no description"));
    }

    /// <summary>
    /// Null for a proxy's HTML error page or a cut-off answer: then the HTTP status is all there is, and a 2xx that is
    /// not JSON counts as the platform misbehaving (502), which callers retry like a 5xx.
    /// </summary>
    private static JsonDocument? Parse(string text)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Reason(HttpResponseMessage response, string fallback) =>
        $"HTTP {(int)response.StatusCode} {response.ReasonPhrase ?? fallback}";

    private static string? String(JsonElement owner, string name) =>
        owner.ValueKind == JsonValueKind.Object && owner.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;
}
