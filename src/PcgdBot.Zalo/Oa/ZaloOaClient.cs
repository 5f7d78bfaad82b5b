using System.Text.Json;
using System.Text.Json.Nodes;

namespace PcgdBot.Zalo.Oa;

/// <summary>An answer of the OA API: Zalo reports errors in the body (<c>error</c> &lt; 0), usually with HTTP 200.</summary>
/// <param name="FileToken">The token of an uploaded file (<c>data.token</c> of upload/file), to attach it to a message.</param>
public sealed record ZaloApiResult(int Error, string Message, string? MessageId, string? FileToken = null)
{
    public bool Ok => Error == 0;
}

/// <summary>A token refresh Zalo refused (bad App Secret, used or unknown refresh token).</summary>
public sealed class ZaloTokenRefreshException(string message) : Exception(message);

/// <summary>The OA API calls the adapter makes; fakeable.</summary>
public interface IZaloOaClient
{
    /// <summary>Sends a consultation text message. Network failures and 5xx throw HttpRequestException.</summary>
    Task<ZaloApiResult> SendTextAsync(string accessToken, string userId, string text, CancellationToken cancellationToken);

    /// <summary>Uploads a PDF/DOC/DOCX (up to 5 MB) as multipart <c>upload/file</c>; the result's FileToken names it.</summary>
    Task<ZaloApiResult> UploadFileAsync(string accessToken, string fileName, string mediaType, byte[] content, CancellationToken cancellationToken);

    /// <summary>Sends a consultation message whose attachment is an uploaded file.</summary>
    Task<ZaloApiResult> SendFileAsync(string accessToken, string userId, string fileToken, CancellationToken cancellationToken);

    /// <summary>Trades a refresh token for a new pair.</summary>
    Task<(string AccessToken, string RefreshToken, TimeSpan ExpiresIn)> RefreshAsync(string refreshToken, CancellationToken cancellationToken);
}

/// <summary>The real OA Open API (v3.0 message/cs) and OAuth (v4 access_token) over HTTP.</summary>
public sealed class ZaloOaApiClient(ZaloOaOptions options, HttpClient http) : IZaloOaClient
{
    public Task<ZaloApiResult> SendTextAsync(string accessToken, string userId, string text, CancellationToken cancellationToken) =>
        SendMessageAsync(accessToken, JsonSerializer.Serialize(new { recipient = new { user_id = userId }, message = new { text } }), cancellationToken);

    public Task<ZaloApiResult> SendFileAsync(string accessToken, string userId, string fileToken, CancellationToken cancellationToken) =>
        SendMessageAsync(
            accessToken,
            JsonSerializer.Serialize(new { recipient = new { user_id = userId }, message = new { attachment = new { type = "file", payload = new { token = fileToken } } } }),
            cancellationToken);

    public async Task<ZaloApiResult> UploadFileAsync(string accessToken, string fileName, string mediaType, byte[] content, CancellationToken cancellationToken)
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
        using var form = new MultipartFormDataContent { { file, "file", fileName } };
        using var request = new HttpRequestMessage(HttpMethod.Post, options.ApiBaseUrl.TrimEnd('/') + "/v2.0/oa/upload/file") { Content = form };
        request.Headers.Add("access_token", accessToken);
        return await SendAsync(request, cancellationToken);
    }

    private async Task<ZaloApiResult> SendMessageAsync(string accessToken, string json, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, options.ApiBaseUrl.TrimEnd('/') + "/v3.0/oa/message/cs")
        {
            // Serialised up front so the body goes out with a Content-Length (some gateways refuse chunked bodies with 411).
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("access_token", accessToken);
        return await SendAsync(request, cancellationToken);
    }

    private async Task<ZaloApiResult> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(request, cancellationToken);
        if ((int)response.StatusCode >= 500)
        {
            throw new HttpRequestException($"Zalo answered {(int)response.StatusCode}", null, response.StatusCode);
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return Read(body, (int)response.StatusCode);
    }

    public async Task<(string AccessToken, string RefreshToken, TimeSpan ExpiresIn)> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, options.OAuthBaseUrl.TrimEnd('/') + "/v4/oa/access_token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["refresh_token"] = refreshToken,
                ["app_id"] = options.AppId ?? string.Empty,
                ["grant_type"] = "refresh_token",
            }),
        };
        request.Headers.Add("secret_key", options.AppSecret ?? string.Empty);
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        JsonNode? json;
        try
        {
            json = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            throw new ZaloTokenRefreshException($"OAuth answered {(int)response.StatusCode} with a body that is not JSON");
        }

        var access = json?["access_token"]?.ToString();
        var refresh = json?["refresh_token"]?.ToString();
        if (string.IsNullOrEmpty(access) || string.IsNullOrEmpty(refresh))
        {
            throw new ZaloTokenRefreshException($"OAuth refused the refresh: {json?["error"]} {json?["error_name"]} {json?["error_reason"] ?? json?["message"]}".Trim());
        }

        var seconds = double.TryParse(json?["expires_in"]?.ToString(), System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : 90000;
        return (access, refresh, TimeSpan.FromSeconds(seconds));
    }

    private static ZaloApiResult Read(string body, int status)
    {
        try
        {
            var json = JsonNode.Parse(body);
            var error = json?["error"]?.GetValue<int>() ?? (status == 200 ? 0 : -1);
            return new ZaloApiResult(error, json?["message"]?.ToString() ?? string.Empty, json?["data"]?["message_id"]?.ToString(), json?["data"]?["token"]?.ToString());
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException or FormatException)
        {
            return new ZaloApiResult(-1, $"HTTP {status}: the answer is not Zalo JSON", null);
        }
    }
}
