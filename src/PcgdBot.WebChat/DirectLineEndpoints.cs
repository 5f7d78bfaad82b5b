using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PcgdBot.Channels;

namespace PcgdBot.WebChat;

/// <summary>
/// The Direct Line 3.0 subset Web Chat uses, under <c>/v3/directline</c>. Every call authenticates its token first (403),
/// then bounds the body (413), then parses (400). The polling GET never answers 5xx: one 5xx stops Web Chat for good.
/// </summary>
public static partial class DirectLineEndpoints
{
    public static IEndpointRouteBuilder MapDirectLine(this IEndpointRouteBuilder endpoints)
    {
        var directLine = endpoints.MapGroup(WebChatOptions.DirectLinePath);
        directLine.MapPost("/tokens/generate", GenerateAsync).RequireRateLimiting(WebChatRateLimits.StartPolicy);
        directLine.MapPost("/tokens/refresh", Refresh);
        directLine.MapPost("/conversations", StartAsync).RequireRateLimiting(WebChatRateLimits.StartPolicy);
        directLine.MapGet("/conversations/{conversationId}", Reconnect);
        directLine.MapPost("/conversations/{conversationId}/activities", PostActivityAsync).RequireRateLimiting(WebChatRateLimits.PostPolicy);
        directLine.MapGet("/conversations/{conversationId}/activities", GetActivities);
        directLine.MapGet("/conversations/{conversationId}/stream", DirectLineStream.AcceptAsync);
        return endpoints;
    }

    /// <summary>
    /// The page's first call: the browser's identity (a valid identity token in the Authorization header keeps it; none or
    /// an invalid one makes a new one) and a token for its one conversation.
    /// </summary>
    private static async Task<IResult> GenerateAsync(HttpContext http, WebChatTokens tokens)
    {
        // Nothing in the body is read: drained within the bound only so keep-alive connections stay usable.
        if (await ReadBoundedAsync(http) is null)
        {
            return TooLarge(http);
        }

        var userId = tokens.ReadIdentityToken(Bearer(http)) ?? WebChatTokens.NewUserId();
        var conversationId = tokens.ConversationIdOf(userId);
        NoStore(http);
        return Results.Json(
            new WebChatSession(conversationId, tokens.IssueConversationToken(userId, conversationId), tokens.TokenLifetimeSeconds, userId, tokens.IssueIdentityToken(userId)),
            DirectLineJson.Relaxed.WebChatSession);
    }

    private static IResult Refresh(HttpContext http, WebChatTokens tokens)
    {
        if (tokens.ReadConversationToken(Bearer(http)) is not { } grant)
        {
            return Forbidden("TokenInvalid", "Token không hợp lệ hoặc đã hết hạn.");
        }

        NoStore(http);
        return Results.Json(Info(tokens, grant, streamUrl: null), DirectLineJson.Relaxed.DirectLineConversationInfo);
    }

    /// <summary>Starts the token's conversation (201); a new one in this process is greeted by the bot.</summary>
    private static async Task<IResult> StartAsync(HttpContext http, WebChatTokens tokens, WebChatAdapter adapter, IBot bot)
    {
        if (tokens.ReadConversationToken(Bearer(http)) is not { } grant)
        {
            return Forbidden("TokenInvalid", "Cần token của trang trò chuyện (POST /v3/directline/tokens/generate).");
        }

        if (await ReadBoundedAsync(http) is null)
        {
            return TooLarge(http);
        }

        var conversation = adapter.Conversations.GetOrAdd(grant.ConversationId, grant.UserId, out var created);
        if (created && conversation.IsEmpty)
        {
            await adapter.StartAsync(conversation, bot.OnTurnAsync, CancellationToken.None);
        }

        NoStore(http);
        return Results.Json(Info(tokens, grant, StreamUrl(http, grant.ConversationId, tokens, grant, watermark: null)), DirectLineJson.Relaxed.DirectLineConversationInfo, statusCode: StatusCodes.Status201Created);
    }

    /// <summary>Reconnect: a new stream address for the same conversation, from the watermark the page has.</summary>
    private static IResult Reconnect(HttpContext http, string conversationId, string? watermark, WebChatTokens tokens, WebChatAdapter adapter)
    {
        if (Authorize(http, tokens, conversationId) is not { } grant)
        {
            return Forbidden("TokenInvalid", "Token không dùng được cho cuộc trò chuyện này.");
        }

        adapter.Conversations.GetOrAdd(grant.ConversationId, grant.UserId, out _);
        NoStore(http);
        return Results.Json(Info(tokens, grant, StreamUrl(http, conversationId, tokens, grant, watermark)), DirectLineJson.Relaxed.DirectLineConversationInfo);
    }

    private static async Task<IResult> PostActivityAsync(HttpContext http, string conversationId, WebChatTokens tokens, WebChatAdapter adapter, IBot bot, ILoggerFactory loggers)
    {
        if (Authorize(http, tokens, conversationId) is not { } grant)
        {
            return Forbidden("TokenInvalid", "Token không dùng được cho cuộc trò chuyện này.");
        }

        var body = await ReadBoundedAsync(http);
        if (body is null)
        {
            return TooLarge(http);
        }

        DirectLineActivity? posted;
        try
        {
            posted = JsonSerializer.Deserialize(body, DirectLineJson.Relaxed.DirectLineActivity);
        }
        catch (JsonException)
        {
            posted = null;
        }

        if (posted is null || string.IsNullOrEmpty(posted.Type) || (posted.Type == DirectLineActivityTypes.Message && posted.Text is null && posted.ChannelData is null))
        {
            return Results.Json(new DirectLineError(new DirectLineErrorDetail("BadArgument", "Activity JSON is missing or malformed.")), DirectLineJson.Relaxed.DirectLineError, statusCode: StatusCodes.Status400BadRequest);
        }

        var conversation = adapter.Conversations.GetOrAdd(grant.ConversationId, grant.UserId, out _);
        // Not cancelled when the page goes away mid-turn: the message was accepted and its answer waits in the transcript.
        var id = await adapter.ReceiveAsync(conversation, posted with { Text = posted.Text ?? string.Empty }, bot.OnTurnAsync, CancellationToken.None);
        return Results.Json(new DirectLineResourceResponse(id), DirectLineJson.Relaxed.DirectLineResourceResponse);
    }

    /// <summary>Polling: the activities after the watermark. 403/404 as the protocol says, and never a 5xx.</summary>
    private static IResult GetActivities(HttpContext http, string conversationId, string? watermark, WebChatTokens tokens, WebChatAdapter adapter, TimeProvider time, ILoggerFactory loggers)
    {
        try
        {
            if (Authorize(http, tokens, conversationId) is not { } grant)
            {
                return Forbidden("TokenInvalid", "Token không dùng được cho cuộc trò chuyện này.");
            }

            var conversation = adapter.Conversations.GetOrAdd(grant.ConversationId, grant.UserId, out _);
            conversation.Polled(time.GetUtcNow());
            NoStore(http);
            return Results.Json(conversation.Since(watermark), DirectLineJson.Relaxed.DirectLineActivitySet);
        }
        catch (Exception error)
        {
            LogPollFailed(loggers.CreateLogger(typeof(DirectLineEndpoints)), error, conversationId);
            return Results.Json(new DirectLineActivitySet([], watermark ?? string.Empty), DirectLineJson.Relaxed.DirectLineActivitySet);
        }
    }

    /// <summary>The token's grant when it is valid and for this conversation; else null (403: another conversation's id included).</summary>
    internal static ConversationGrant? Authorize(HttpContext http, WebChatTokens tokens, string conversationId, string? token = null) =>
        tokens.ReadConversationToken(token ?? Bearer(http)) is { } grant && string.Equals(grant.ConversationId, conversationId, StringComparison.Ordinal)
            ? grant
            : null;

    private static string? Bearer(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
    }

    private static DirectLineConversationInfo Info(WebChatTokens tokens, ConversationGrant grant, string? streamUrl) =>
        new(grant.ConversationId, tokens.IssueConversationToken(grant.UserId, grant.ConversationId), tokens.TokenLifetimeSeconds, streamUrl);

    private static string StreamUrl(HttpContext http, string conversationId, WebChatTokens tokens, ConversationGrant grant, string? watermark)
    {
        var scheme = http.Request.IsHttps ? "wss" : "ws";
        var query = QueryString.Create(new Dictionary<string, string?> { ["t"] = tokens.IssueConversationToken(grant.UserId, grant.ConversationId), ["watermark"] = watermark ?? string.Empty });
        return $"{scheme}://{http.Request.Host}{http.Request.PathBase}{WebChatOptions.DirectLinePath}/conversations/{Uri.EscapeDataString(conversationId)}/stream{query}";
    }

    /// <summary>The body, read up to the configured bound; null when it is larger (413), whatever Content-Length said.</summary>
    private static Task<byte[]?> ReadBoundedAsync(HttpContext http) =>
        WebhookBody.ReadAsync(http.Request, http.RequestServices.GetRequiredService<WebChatOptions>().MaxBodyBytes, http.RequestAborted);

    private static IResult TooLarge(HttpContext http)
    {
        // The rest of an oversized body is not read: the connection is closed after the answer.
        http.Response.Headers.Connection = "close";
        return Results.Json(new DirectLineError(new DirectLineErrorDetail("MessageSizeTooBig", "Request body is too large.")), DirectLineJson.Relaxed.DirectLineError, statusCode: StatusCodes.Status413PayloadTooLarge);
    }

    private static IResult Forbidden(string code, string message) =>
        Results.Json(new DirectLineError(new DirectLineErrorDetail(code, message)), DirectLineJson.Relaxed.DirectLineError, statusCode: StatusCodes.Status403Forbidden);

    private static void NoStore(HttpContext http) => http.Response.Headers.CacheControl = "no-store";

    [LoggerMessage(Level = LogLevel.Error, Message = "Web chat poll of conversation {ConversationId} failed; answered with no activities")]
    private static partial void LogPollFailed(ILogger logger, Exception error, string conversationId);
}
