using System.Security.Claims;
using System.Text;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.IdentityModel.Tokens;
using Newtonsoft.Json;
using PcgdBot.Channels;
using PcgdBot.Storage;

namespace PcgdBot.Host.Web;

/// <summary>
/// The Bot Framework endpoint with its checks in front of CloudAdapter, in this order: who may call (loopback in Emulator
/// mode, a bearer token with credentials), the body's size (counted as it arrives), JSON, required fields and their
/// lengths, where replies may go (serviceUrl), then the turn.
/// </summary>
/// <remarks>
/// Emulator mode (no MicrosoftAppId) is a developer's tool on this machine: every activity is treated as channel
/// <c>emulator</c> whatever it claims, so a person known on Telegram or Zalo (identities are keyed by channel + user id)
/// can never be reached through it, and replies go only to a loopback serviceUrl (no requests to other hosts).
/// With credentials, Bot Framework authenticates as usual and the serviceUrl must be the one the channel's token names;
/// the channel ids of PcgdBot's own adapters are prefixed, because those people are reached through their adapters.
/// </remarks>
public sealed partial class GuardedCloudAdapter : CloudAdapter, IBotFrameworkHttpAdapter
{
    public const string EmulatorChannelId = "emulator";

    /// <summary>Channels PcgdBot serves with its own adapters; the same ids over Bot Framework become "botframework-…".</summary>
    public static readonly IReadOnlySet<string> NativeChannels = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "telegram", "zalo", "zalo-bot", "cli" };

    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings(HttpHelper.BotMessageSerializerSettings) { MaxDepth = 32 });

    private readonly BotFrameworkAuthentication authentication;
    private readonly PcgdBotDatabase? database;
    private readonly ILogger logger;

    public GuardedCloudAdapter(BotFrameworkAuthentication authentication, bool hasCredentials, PcgdBotDatabase? database, ILogger<CloudAdapter> logger)
        : base(authentication, logger)
    {
        this.authentication = authentication;
        HasCredentials = hasCredentials;
        this.database = database;
        this.logger = logger;
    }

    /// <summary>MicrosoftAppId is set: Bot Framework authentication, else local Emulator mode.</summary>
    public bool HasCredentials { get; }

    /// <summary>A file goes to Bot Framework channels as its download link (name, type, contentUrl), never as inline bytes.</summary>
    public override Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, Activity[] activities, CancellationToken cancellationToken)
    {
        foreach (var activity in activities)
        {
            if (PcgdBot.Channels.ChannelFile.From(activity) is { } file)
            {
                activity.Attachments = [new Attachment(file.MediaType, file.Link, name: file.Name)];
            }
        }

        return base.SendActivitiesAsync(turnContext, activities, cancellationToken);
    }

    // Re-implements the interface: CloudAdapter's ProcessAsync cannot be overridden, and the endpoint calls through the interface.
    public new async Task ProcessAsync(HttpRequest httpRequest, HttpResponse httpResponse, IBot bot, CancellationToken cancellationToken = default)
    {
        var http = httpRequest.HttpContext;
        if (!HttpMethods.IsPost(httpRequest.Method))
        {
            await RefuseAsync(httpResponse, StatusCodes.Status405MethodNotAllowed, "POST an activity");
            return;
        }

        var authHeader = httpRequest.Headers.Authorization.ToString();
        if (!HasCredentials && (!LoopbackAddresses.IsLoopback(http.Connection.RemoteIpAddress) || LoopbackAddresses.IsForwarded(httpRequest.Headers)))
        {
            LogNotLoopback(http.Connection.RemoteIpAddress?.ToString());
            await RefuseAsync(httpResponse, StatusCodes.Status403Forbidden, "without Bot Framework credentials /api/messages answers this machine only");
            return;
        }

        if (HasCredentials && !authHeader.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            await RefuseAsync(httpResponse, StatusCodes.Status401Unauthorized, "a Bot Framework bearer token is required");
            return;
        }

        var body = await PcgdBot.Channels.WebhookBody.ReadAsync(httpRequest, ActivityLimits.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            await RefuseAsync(httpResponse, StatusCodes.Status413PayloadTooLarge, $"an activity is at most {ActivityLimits.MaxBodyBytes / 1024} KB");
            return;
        }

        Activity? activity;
        try
        {
            using var reader = new JsonTextReader(new StreamReader(new MemoryStream(body), new UTF8Encoding(false, throwOnInvalidBytes: false)));
            activity = Serializer.Deserialize<Activity>(reader);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidCastException or OverflowException or ArgumentException)
        {
            await RefuseAsync(httpResponse, StatusCodes.Status400BadRequest, "the body is not a JSON activity");
            return;
        }

        if (ActivityLimits.Problem(activity) is { } problem)
        {
            await RefuseAsync(httpResponse, StatusCodes.Status400BadRequest, problem);
            return;
        }

        if (string.Equals(activity!.Type, ActivityTypes.Invoke, StringComparison.OrdinalIgnoreCase))
        {
            // No cards, no sign-in, no skills: the bot answers none (the SDK would say 501 for each).
            await RefuseAsync(httpResponse, StatusCodes.Status400BadRequest, "invoke activities are not supported");
            return;
        }

        AuthenticateRequestResult authenticated;
        if (HasCredentials)
        {
            try
            {
                authenticated = await authentication.AuthenticateRequestAsync(activity!, authHeader, cancellationToken);
            }
            catch (HttpRequestException e)
            {
                // The signing keys could not be fetched: the token cannot be checked now (the channel retries later).
                LogKeysUnavailable(e.Message);
                await RefuseAsync(httpResponse, StatusCodes.Status503ServiceUnavailable, "the Bot Framework token cannot be checked now");
                return;
            }
            catch (Exception e) when (e is UnauthorizedAccessException or ArgumentException or FormatException or SecurityTokenException or InvalidOperationException)
            {
                // A token that is malformed (not a JWT), expired, for another bot or badly signed.
                LogTokenRefused(e.GetType().Name);
                await RefuseAsync(httpResponse, StatusCodes.Status401Unauthorized, "the Bot Framework token was refused");
                return;
            }

            if (!ServiceUrlMatchesToken(authenticated.ClaimsIdentity, activity!.ServiceUrl))
            {
                LogServiceUrlMismatch(activity.ServiceUrl);
                await RefuseAsync(httpResponse, StatusCodes.Status401Unauthorized, "serviceUrl is not the one the token was issued for");
                return;
            }

            if (NativeChannels.Contains(activity.ChannelId))
            {
                activity.ChannelId = "botframework-" + activity.ChannelId.ToLowerInvariant();
            }
        }
        else
        {
            if (!LoopbackAddresses.IsLoopbackUrl(activity!.ServiceUrl))
            {
                await RefuseAsync(httpResponse, StatusCodes.Status400BadRequest, "without Bot Framework credentials replies go to a loopback serviceUrl only");
                return;
            }

            activity.ChannelId = EmulatorChannelId;
            authenticated = await authentication.AuthenticateRequestAsync(activity, authHeader, cancellationToken);
        }

        if (database?.CheckHealth() is { Writable: false } health)
        {
            // Nothing could be saved: say so at once (and the caller may retry) instead of failing inside the turn.
            LogNotWritable(health.Problem);
            httpResponse.Headers.RetryAfter = "30";
            await RefuseAsync(httpResponse, StatusCodes.Status503ServiceUnavailable, health.DiskFull ? "no space left on device" : "storage unavailable");
            return;
        }

        var invokeResponse = await ProcessActivityAsync(authenticated, activity, bot.OnTurnAsync, cancellationToken);
        await HttpHelper.WriteResponseAsync(httpResponse, invokeResponse);
    }

    /// <summary>
    /// A channel's token names the serviceUrl it was issued for (claim <c>serviceurl</c>): replies may go there only.
    /// A token without that claim (the Emulator's own, with credentials) may only name this machine.
    /// </summary>
    public static bool ServiceUrlMatchesToken(ClaimsIdentity? identity, string serviceUrl)
    {
        var claim = identity?.Claims.FirstOrDefault(c => string.Equals(c.Type, AuthenticationConstants.ServiceUrlClaim, StringComparison.OrdinalIgnoreCase))?.Value;
        if (claim is null)
        {
            return LoopbackAddresses.IsLoopbackUrl(serviceUrl);
        }

        return string.Equals(claim.TrimEnd('/'), serviceUrl.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
    }

    private static async Task RefuseAsync(HttpResponse response, int status, string reason)
    {
        response.StatusCode = status;
        await response.WriteAsJsonAsync(new { error = reason });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused /api/messages from {RemoteAddress}: without Bot Framework credentials only loopback may call")]
    private partial void LogNotLoopback(string? remoteAddress);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a Bot Framework token ({Reason})")]
    private partial void LogTokenRefused(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot check Bot Framework tokens now: {Problem}")]
    private partial void LogKeysUnavailable(string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused an activity whose serviceUrl {ServiceUrl} is not the token's")]
    private partial void LogServiceUrlMismatch(string serviceUrl);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused an activity while the data file cannot be written: {Problem}")]
    private partial void LogNotWritable(string? problem);
}
