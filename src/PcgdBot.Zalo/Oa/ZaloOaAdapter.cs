using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging;
using PcgdBot.Channels;

namespace PcgdBot.Zalo.Oa;

/// <summary>
/// The Zalo Official Account channel, shaped like botbuilder's TwilioAdapter. The webhook is checked first
/// (X-ZEvent-Signature, 401), the event is written to the durable inbox and Zalo gets its 200 at once (it allows 2 s);
/// the inbox processor then runs the bot. Replies go out as consultation messages, split at 2,000 characters, with the
/// choices as the numbered lines the text already has (OA messages have no buttons).
/// </summary>
public sealed partial class ZaloOaAdapter : PlatformAdapter, IBotFrameworkHttpAdapter
{
    public const string ChannelId = "zalo";
    public const int MaxLength = 2000;

    /// <summary>What Zalo's upload/file takes: PDF, DOC, DOCX up to 5 MB.</summary>
    public const int MaxFileBytes = 5 * 1024 * 1024;

    private static readonly HashSet<string> UploadableTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "application/pdf",
        "application/msword",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    };

    public const string TextOnlyReply = "Xin lỗi, tôi chỉ đọc được tin nhắn dạng chữ. Anh/chị vui lòng gõ câu hỏi, hoặc \"cập nhật\" để báo cáo tiến độ.";

    private readonly IZaloOaClient client;
    private readonly ZaloTokenKeeper tokens;
    private readonly ZaloOaInbox inbox;
    private readonly ZaloOaOptions options;
    private readonly IChannelReachability reachability;
    private readonly ILogger<ZaloOaAdapter> logger;
    private readonly Channel<string> arrived = Channel.CreateUnbounded<string>();

    public ZaloOaAdapter(IZaloOaClient client, ZaloTokenKeeper tokens, ZaloOaInbox inbox, ZaloOaOptions options, IChannelReachability reachability, ILogger<ZaloOaAdapter> logger)
    {
        this.client = client;
        this.tokens = tokens;
        this.inbox = inbox;
        this.options = options;
        this.reachability = reachability;
        this.logger = logger;
    }

    protected override string PlatformName => "Zalo OA";

    /// <summary>Waits between retries; tests make it instant.</summary>
    public Func<TimeSpan, CancellationToken, Task> Delay { get; init; } = Task.Delay;

    /// <summary>Keys of events stored and not yet handled, for the inbox processor.</summary>
    public ChannelReader<string> Arrived => arrived.Reader;

    /// <summary>The clock the freshness window is checked against.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Opened by a storage failure: webhooks answer 503 at once for a moment instead of waiting on the disk.</summary>
    public StorageCircuit Circuit { get; init; } = new(TimeProvider.System, TimeSpan.FromSeconds(5));

    /// <summary>
    /// <c>POST /api/zalo/oa</c>: the raw body is read up to <see cref="ZaloOaOptions.MaxBodyBytes"/> however it is sent
    /// (413), the signature is checked over those bytes before anything is decoded (401), then the event is read (400
    /// when it is not one), checked for freshness and usable ids (200, dropped and logged when not), written to the inbox
    /// (503 when the disk refuses) and acknowledged with 200; the bot runs afterwards. Never 500.
    /// </summary>
    public async Task ProcessAsync(HttpRequest httpRequest, HttpResponse httpResponse, IBot bot, CancellationToken cancellationToken = default)
    {
        try
        {
            var raw = await WebhookBody.ReadAsync(httpRequest, options.MaxBodyBytes, cancellationToken);
            if (raw is null)
            {
                httpResponse.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return;
            }

            // Only the top-level timestamp's digits are looked at before the signature holds: no string is decoded.
            var timestamp = ZaloOaSignature.TimestampOf(raw);
            if (timestamp is null || !ZaloOaSignature.Verify(httpRequest.Headers[ZaloOaSignature.Header].ToString(), options.AppId!, raw, timestamp, options.OaSecretKey!))
            {
                LogForged(httpRequest.HttpContext.Connection.RemoteIpAddress?.ToString());
                httpResponse.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }

            var status = Accept(raw);
            if (status == StatusCodes.Status503ServiceUnavailable)
            {
                httpResponse.Headers.RetryAfter = Circuit.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            }

            httpResponse.StatusCode = status;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Zalo hung up; what was not stored comes again.
        }
        catch (Exception error) when (error is IOException or BadHttpRequestException)
        {
            if (!httpResponse.HasStarted)
            {
                httpResponse.StatusCode = StatusCodes.Status400BadRequest;
            }
        }
    }

    /// <summary>An authenticated body: read, checked, stored. Returns the status code for Zalo.</summary>
    private int Accept(byte[] raw)
    {
        string body;
        try
        {
            body = StrictUtf8.GetString(raw);
        }
        catch (DecoderFallbackException)
        {
            LogUnreadable("not UTF-8");
            return StatusCodes.Status400BadRequest;
        }

        var received = ZaloOaEvent.TryRead(body);
        if (received is null)
        {
            LogUnreadable("not a Zalo OA event");
            return StatusCodes.Status400BadRequest;
        }

        if (received.AppId != options.AppId)
        {
            LogForged("app_id " + received.AppId.Length + " characters");
            return StatusCodes.Status401Unauthorized;
        }

        if (Drop(received) is { } reason)
        {
            // Signed by Zalo but not for handling: Zalo gets its 200 so it does not deliver it again.
            LogDropped(received.EventName.Length > 64 ? received.EventName[..64] : received.EventName, received.Timestamp.Length > 32 ? received.Timestamp[..32] : received.Timestamp, reason);
            return StatusCodes.Status200OK;
        }

        if (Circuit.IsOpen)
        {
            return StatusCodes.Status503ServiceUnavailable;
        }

        try
        {
            if (inbox.TryAdd(received.Key, body))
            {
                arrived.Writer.TryWrite(received.Key);
            }
            else
            {
                LogDuplicate(received.Key);
            }

            return StatusCodes.Status200OK;
        }
        catch (Exception error) when (ChannelFaults.IsStorageUnavailable(error))
        {
            Circuit.Trip();
            LogStorageUnavailable(error.Message);
            return StatusCodes.Status503ServiceUnavailable;
        }
    }

    /// <summary>Why a signed event is not stored: outside the freshness window, an unrepresentable time, ids too long to record.</summary>
    internal string? Drop(ZaloOaEvent received)
    {
        if (!ZaloOaEvent.TryTime(received.Timestamp, out var at))
        {
            return "timestamp missing or not a representable time";
        }

        var now = Time.GetUtcNow();
        if (at < now - options.MaxEventAge - options.MaxClockSkew)
        {
            return "stale: older than Zalo:Oa:MaxEventAge";
        }

        if (at > now + options.MaxClockSkew)
        {
            return "from the future: beyond Zalo:Oa:MaxClockSkew";
        }

        if (received.EventName.Length > ZaloOaEvent.MaxIdLength || received.Key.Length > ZaloOaEvent.MaxKeyLength
            || received.UserId?.Length > ZaloOaEvent.MaxIdLength || received.OaId?.Length > ZaloOaEvent.MaxIdLength)
        {
            return "an id longer than Zalo's";
        }

        return received.Text?.Length > ZaloOaEvent.MaxTextLength ? "text longer than any Zalo message" : null;
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Runs the bot for one stored event. Returns normally when the event is handled (or is nothing for the bot).</summary>
    /// <remarks>
    /// A turn that fails for an internal reason throws <see cref="TurnFailedException"/> (the inbox tries it again later);
    /// on the <paramref name="lastAttempt"/> the person gets the note instead and the call returns normally.
    /// </remarks>
    public async Task HandleAsync(string body, BotCallbackHandler callback, CancellationToken cancellationToken) =>
        await HandleAsync(body, callback, lastAttempt: true, cancellationToken);

    public async Task HandleAsync(string body, BotCallbackHandler callback, bool lastAttempt, CancellationToken cancellationToken)
    {
        var received = ZaloOaEvent.TryRead(body);
        if (received?.UserId is not { } userId || received.OaId is not { } oaId)
        {
            return;
        }

        if (received.IsEcho || received.EventName is "user_received_message" or "user_seen_message")
        {
            // The OA's own messages (our replies, or an admin typing in the OA chat tool) are not for the bot.
            if (received.FromAdmin)
            {
                LogAdminReplied(oaId, userId);
            }

            return;
        }

        if (received.EventName == "unfollow")
        {
            reachability.Unreachable(ChannelId, userId, "unfollowed the OA");
            return;
        }

        var activity = new Activity
        {
            Id = received.Key,
            ChannelId = ChannelId,
            ServiceUrl = ChannelId,
            Timestamp = ZaloOaEvent.TryTime(received.Timestamp, out var at) ? at : Time.GetUtcNow(),
            From = new ChannelAccount(userId, role: RoleTypes.User),
            Recipient = new ChannelAccount(oaId, role: RoleTypes.Bot),
            Conversation = new ConversationAccount(id: ConversationIdOf(oaId, userId)),
            Locale = "vi",
        };

        if (received.EventName == "follow")
        {
            activity.Type = ActivityTypes.ConversationUpdate;
            activity.MembersAdded = [activity.Recipient, activity.From];
        }
        else if (received.EventName == "user_send_text" && received.Text is { } text)
        {
            activity.Type = ActivityTypes.Message;
            activity.Text = ChannelText.Clean(text);
        }
        else if (received.IsUserMessage)
        {
            // Images, stickers, files… the bot reads text only; it says so instead of staying silent.
            activity.Type = ActivityTypes.Message;
            using var context = new TurnContext(this, activity);
            try
            {
                await context.SendActivityAsync(TextOnlyReply, cancellationToken: cancellationToken);
            }
            catch (ChannelDeliveryException error)
            {
                LogGaveUp(userId, 0, error.Message);
            }

            return;
        }
        else
        {
            LogIgnored(received.EventName);
            return;
        }

        using var turn = new TurnContext(this, activity);
        await RunTurnAsync(turn, callback, lastAttempt, cancellationToken);
    }

    protected override void OnTurnGivenUp(Exception error, IActivity activity) => LogGivenUp(error, activity.Id ?? "-");

    /// <summary>One person's conversation with one OA: "{oa id}:{user id}" (user ids are per OA).</summary>
    public static string ConversationIdOf(string oaId, string userId) => oaId + ":" + userId;

    public override async Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, Activity[] activities, CancellationToken cancellationToken)
    {
        var responses = new List<ResourceResponse>();
        foreach (var activity in activities)
        {
            if (activity.Type != ActivityTypes.Message || string.IsNullOrEmpty(activity.Text))
            {
                responses.Add(new ResourceResponse());
                continue;
            }

            var (oaId, userId) = Split(activity.Conversation.Id);
            string? id = null;
            foreach (var part in ChannelText.Split(activity.Text, MaxLength))
            {
                id = await SendWithRetriesAsync(oaId, userId, token => client.SendTextAsync(token, userId, part, cancellationToken), cancellationToken);
            }

            if (ChannelFile.From(activity) is { } file)
            {
                id = await SendFileAsync(oaId, userId, file, cancellationToken) ?? id;
            }

            responses.Add(new ResourceResponse(id));
        }

        return [.. responses];
    }

    /// <summary>
    /// A file Zalo takes (PDF, DOC, DOCX up to 5 MB) is uploaded, then sent as a file message; any other (an Excel file,
    /// a larger one) goes as its download link.
    /// </summary>
    private async Task<string?> SendFileAsync(string oaId, string userId, ChannelFile file, CancellationToken cancellationToken)
    {
        if (file.Content.Length > MaxFileBytes || !UploadableTypes.Contains(file.MediaType))
        {
            string? id = null;
            foreach (var part in ChannelText.Split(file.LinkText, MaxLength))
            {
                id = await SendWithRetriesAsync(oaId, userId, token => client.SendTextAsync(token, userId, part, cancellationToken), cancellationToken);
            }

            return id;
        }

        string? fileToken = null;
        await SendWithRetriesAsync(oaId, userId, async token =>
        {
            var uploaded = await client.UploadFileAsync(token, file.Name, file.MediaType, file.Content, cancellationToken);
            fileToken = uploaded.FileToken;
            return uploaded.Ok && string.IsNullOrEmpty(fileToken) ? uploaded with { Error = -201, Message = "upload answered without a file token" } : uploaded;
        }, cancellationToken);
        return await SendWithRetriesAsync(oaId, userId, token => client.SendFileAsync(token, userId, fileToken!, cancellationToken), cancellationToken);
    }

    private async Task<string?> SendWithRetriesAsync(string oaId, string userId, Func<string, Task<ZaloApiResult>> send, CancellationToken cancellationToken)
    {
        var renewed = false;
        for (var attempt = 1; ; attempt++)
        {
            var token = tokens.AccessTokenFor(oaId);
            if (token is null)
            {
                throw new ChannelDeliveryException(ChannelId, userId, DeliveryFailure.Transient, "no access token for OA " + oaId);
            }

            ZaloApiResult result;
            try
            {
                result = await send(token);
            }
            catch (Exception error) when (error is HttpRequestException || (error is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                if (attempt >= options.MaxSendAttempts)
                {
                    LogGaveUp(userId, attempt, error.Message);
                    throw new ChannelDeliveryException(ChannelId, userId, DeliveryFailure.Transient, error.Message);
                }

                await Delay(NetworkBackoff(attempt), cancellationToken);
                continue;
            }

            switch (result.Error)
            {
                case 0:
                    return result.MessageId;

                case -216 or -220 when !renewed:
                    // Invalid or expired token: renew once (or take the one another send just renewed) and send again.
                    renewed = true;
                    if (await tokens.RenewAsync(oaId, token, cancellationToken) is null)
                    {
                        throw new ChannelDeliveryException(ChannelId, userId, DeliveryFailure.Transient, $"token refused ({result.Error}) and not renewed");
                    }

                    attempt--;
                    continue;

                case -32 when attempt < options.MaxSendAttempts:
                    LogRateLimited(userId);
                    await Delay(TimeSpan.FromSeconds(1 << (attempt - 1)), cancellationToken);
                    continue;

                case -230 or -232 or -213:
                    // Outside the 7-day window (or not following): Zalo cannot reach this person now; reminders fall back.
                    LogUndeliverable(userId, result.Error, result.Message);
                    reachability.Unreachable(ChannelId, userId, result.Message);
                    throw new ChannelDeliveryException(ChannelId, userId, DeliveryFailure.Unreachable, $"{result.Error} {result.Message}");

                case -32:
                    throw new ChannelDeliveryException(ChannelId, userId, DeliveryFailure.Transient, $"{result.Error} {result.Message}");

                default:
                    LogRefused(userId, result.Error, result.Message);
                    throw new ChannelDeliveryException(ChannelId, userId, DeliveryFailure.Rejected, $"{result.Error} {result.Message}");
            }
        }
    }

    private static (string OaId, string UserId) Split(string conversationId)
    {
        var colon = conversationId.IndexOf(':');
        return colon < 0 ? (ZaloTokenStore.AnyOa, conversationId) : (conversationId[..colon], conversationId[(colon + 1)..]);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Zalo OA webhook with a wrong or missing signature from {RemoteAddress}: refused with 401")]
    private partial void LogForged(string? remoteAddress);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Zalo OA webhook body refused with 400: {Problem}")]
    private partial void LogUnreadable(string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Zalo OA event {EventName} at {Timestamp} dropped (answered 200): {Reason}")]
    private partial void LogDropped(string eventName, string timestamp, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Zalo OA webhook: storage unavailable ({Reason}); answered 503 for Zalo to deliver again")]
    private partial void LogStorageUnavailable(string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Zalo OA event {Key} failed on its last try: the person is told, the event set done")]
    private partial void LogGivenUp(Exception error, string key);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Zalo OA event {Key} already stored: re-delivery skipped")]
    private partial void LogDuplicate(string key);

    [LoggerMessage(Level = LogLevel.Information, Message = "Zalo OA {OaId}: an admin answered {UserId} from the OA chat tool")]
    private partial void LogAdminReplied(string oaId, string userId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Zalo OA event {EventName} ignored")]
    private partial void LogIgnored(string eventName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Zalo OA rate limit (-32) sending to {UserId}: backing off")]
    private partial void LogRateLimited(string userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Zalo OA cannot reach {UserId} ({Error} {Reason}): marked undeliverable on Zalo")]
    private partial void LogUndeliverable(string userId, int error, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Zalo OA refused a message to {UserId}: error {Error} {Reason}")]
    private partial void LogRefused(string userId, int error, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Zalo OA message to {UserId} given up after {Attempts} attempts: {Reason}")]
    private partial void LogGaveUp(string userId, int attempts, string reason);
}
