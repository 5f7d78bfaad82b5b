namespace PcgdBot.Zalo.Tests.StandIn;

/// <summary>A message the OA stand-in accepted on message/cs (error 0).</summary>
/// <param name="AccessToken">The access token the request carried.</param>
/// <param name="MessageId">The 20-hex message_id answered (what <c>user_seen_message</c> refers to).</param>
public sealed record ZaloSentMessage(string UserId, string Text, string AccessToken, string MessageId, DateTimeOffset At);

/// <summary>One answered OA/OAuth request.</summary>
/// <param name="HttpStatus">HTTP status answered; 0 when the connection was aborted on purpose.</param>
/// <param name="Error">Zalo's <c>error</c> (0 on success or when the answer was not Zalo JSON).</param>
/// <param name="UserId">recipient.user_id of a send, when readable.</param>
public sealed record ZaloOaCall(string Path, int HttpStatus, int Error, string? Message, string? UserId, DateTimeOffset At);

/// <summary>A message the Bot Platform stand-in accepted (sendMessage, or sendPhoto with the caption as Text).</summary>
public sealed record ZaloBotSentMessage(string Method, string ChatId, string? Text, string? Photo, string MessageId, DateTimeOffset At);

/// <summary>One answered Bot API call; <paramref name="ErrorCode"/> 0 on success, -1 for an aborted connection.</summary>
public sealed record ZaloBotCall(string Method, string ParametersJson, int ErrorCode, string? Description, DateTimeOffset At);

/// <summary>The webhook set by setWebhook.</summary>
public sealed record ZaloBotWebhook(string Url, string SecretToken, DateTimeOffset SetAt);

/// <summary>The recorded payloads under Data/ (copied to the output folder), read exactly as stored.</summary>
public static class ZaloTestData
{
    public static string Read(string relativePath) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", relativePath), new System.Text.UTF8Encoding(false));

    /// <summary>Data/oa/<paramref name="name"/> (".json" added when missing).</summary>
    public static string Oa(string name) => Read(Path.Combine("oa", WithJson(name)));

    /// <summary>Data/bot/<paramref name="name"/> (".json" added when missing).</summary>
    public static string Bot(string name) => Read(Path.Combine("bot", WithJson(name)));

    private static string WithJson(string name) => name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? name : name + ".json";
}
