using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace PcgdBot.Zalo.Tests.StandIn;

/// <summary>A file the OA stand-in took on upload/file: the token it answered and what was uploaded.</summary>
public sealed record ZaloUploadedFile(string Token, string FileName, string? ContentType, byte[] Content, string AccessToken, DateTimeOffset At);

/// <summary>A message/cs whose attachment is an uploaded file, accepted (error 0).</summary>
public sealed record ZaloSentFile(string UserId, ZaloUploadedFile File, string MessageId, DateTimeOffset At);

/// <summary>
/// Files, as the OA API takes them: <c>POST /v2.0/oa/upload/file</c> (multipart, part "file", PDF/DOC/DOCX up to
/// 5 MB) answers <c>data.token</c>; message/cs with <c>message.attachment {type:"file", payload:{token}}</c> sends it.
/// </summary>
public sealed partial class ZaloOaStandIn
{
    public const string UploadFilePath = "/v2.0/oa/upload/file";

    /// <summary>Zalo's bound for upload/file.</summary>
    public const int MaxUploadBytes = 5 * 1024 * 1024;

    private static readonly string[] UploadableExtensions = [".pdf", ".doc", ".docx"];

    private readonly Dictionary<string, ZaloUploadedFile> _uploads = new(StringComparer.Ordinal);
    private readonly List<ZaloSentFile> _sentFiles = [];

    /// <summary>Files uploaded, oldest first.</summary>
    public IReadOnlyList<ZaloUploadedFile> Uploads => Read<IReadOnlyList<ZaloUploadedFile>>(() => [.. _uploads.Values.OrderBy(u => u.At)]);

    /// <summary>File messages accepted, oldest first.</summary>
    public IReadOnlyList<ZaloSentFile> SentFiles => Read<IReadOnlyList<ZaloSentFile>>(() => [.. _sentFiles]);

    public Task<ZaloSentFile> WaitForSentFileAsync(Func<ZaloSentFile, bool> match, TimeSpan timeout) =>
        _server.WaitUntilAsync(
            () => _sentFiles.FirstOrDefault(match),
            timeout,
            () => $"No file message within {timeout.TotalSeconds:0.###} s. Calls: "
                + string.Join("; ", _calls.Select(c => $"{c.Path} {c.HttpStatus} {c.Error} {c.Message}")));

    private async Task<JsonObject> UploadFileAsync(HttpContext ctx)
    {
        var token = ctx.Request.Headers["access_token"].ToString();
        IFormFile? file = null;
        byte[] content = [];
        if (ctx.Request.HasFormContentType)
        {
            var form = await ctx.Request.ReadFormAsync(ctx.RequestAborted);
            file = form.Files.GetFile("file");
            if (file is not null)
            {
                using var bytes = new MemoryStream();
                await file.CopyToAsync(bytes, ctx.RequestAborted);
                content = bytes.ToArray();
            }
        }

        lock (Gate)
        {
            JsonObject Fail(int error, string message)
            {
                RecordLocked(UploadFilePath, 200, error, message, null);
                return new JsonObject { ["error"] = error, ["message"] = message };
            }

            if (token.Length == 0 || token != _accessToken)
            {
                return Fail(-216, "Access token is invalid");
            }

            if (_accessExpired)
            {
                return Fail(-220, "Access token has expired");
            }

            if (file is null || content.Length == 0)
            {
                return Fail(-201, "File is missing");
            }

            if (content.Length > MaxUploadBytes || !UploadableExtensions.Contains(Path.GetExtension(file.FileName).ToLowerInvariant()))
            {
                return Fail(-210, "File type or size is not supported");
            }

            var upload = new ZaloUploadedFile(LoopbackServer.NewHexId(), file.FileName, file.ContentType, content, token, Now);
            _uploads[upload.Token] = upload;
            RecordLocked(UploadFilePath, 200, 0, "Success", null);
            return new JsonObject { ["data"] = new JsonObject { ["token"] = upload.Token }, ["error"] = 0, ["message"] = "Success" };
        }
    }

    /// <summary>The uploaded file a message/cs body attaches, or null when it attaches none.</summary>
    private static string? AttachedFileToken(JsonNode? body) =>
        body?["message"]?["attachment"] is JsonObject attachment
        && (attachment["type"] as JsonValue)?.GetValueKind() == JsonValueKind.String && attachment["type"]!.GetValue<string>() == "file"
        && (attachment["payload"]?["token"] as JsonValue)?.GetValueKind() == JsonValueKind.String
            ? attachment["payload"]!["token"]!.GetValue<string>()
            : null;

    /// <summary>A file message, checked as message/cs checks text: a known upload, made with this OA's token.</summary>
    private JsonObject SendFileLocked(string userId, string fileToken)
    {
        if (!_uploads.TryGetValue(fileToken, out var upload))
        {
            RecordLocked(SendPath, 200, -201, "Attachment token is invalid", userId);
            return new JsonObject { ["error"] = -201, ["message"] = "Attachment token is invalid" };
        }

        var sent = new ZaloSentFile(userId, upload, LoopbackServer.NewHexId(), Now);
        _sentFiles.Add(sent);
        RecordLocked(SendPath, 200, 0, "Success", userId);
        return new JsonObject
        {
            ["data"] = new JsonObject { ["message_id"] = sent.MessageId, ["user_id"] = userId },
            ["error"] = 0,
            ["message"] = "Success",
        };
    }
}
