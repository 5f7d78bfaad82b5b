using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging;
using PcgdBot.Channels;
using PcgdBot.Storage;

namespace PcgdBot.Zalo.Bot;

/// <summary>
/// The Zalo Bot Platform channel for the Bot Framework bot, shaped like the Telegram adapter: the webhook is
/// authenticated first (403, never an exception), the update is de-duplicated on its message_id and mapped to an
/// Activity, then the bot's pipeline runs. Replies go out through sendMessage as plain text split at 2,000 characters;
/// Zalo has no buttons here, and the dialogs' replies already list choices as numbered lines.
/// </summary>
public sealed partial class ZaloBotAdapter : PlatformAdapter, IBotFrameworkHttpAdapter
{
    public const string SecretHeader = "X-Bot-Api-Secret-Token";

    /// <summary>sendMessage takes 1–2,000 characters.</summary>
    public const int MaxTextLength = 2000;

    /// <summary>The source name in <see cref="ProcessedEvents"/>.</summary>
    public const string ProcessedSource = ZaloBotUpdateMapper.ChannelId;

    private const int MaxBody = 1 << 20;

    private readonly IZaloBotClient client;
    private readonly ZaloBotOptions options;
    private readonly ProcessedEvents processed;
    private readonly IChannelReachability reachability;
    private readonly ILogger<ZaloBotAdapter> logger;
    private readonly ConcurrentDictionary<string, byte> inFlight = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim botAccountGate = new(1, 1);
    private ChannelAccount? botAccount;

    public ZaloBotAdapter(IZaloBotClient client, ZaloBotOptions options, ProcessedEvents processed, IChannelReachability reachability, ILogger<ZaloBotAdapter> logger)
    {
        this.client = client;
        this.options = options;
        this.processed = processed;
        this.reachability = reachability;
        this.logger = logger;
    }

    /// <summary>Waits between retries, replaceable by tests that make time pass faster; the default really waits.</summary>
    public Func<TimeSpan, CancellationToken, Task> Delay { get; init; } = Task.Delay;

    protected override string PlatformName => "Zalo Bot";

    /// <summary>Counts failed tries per message; the last try that fails too gives the person the note.</summary>
    public TurnAttempts Attempts { get; init; } = new(ZaloBotOptions.DefaultMaxTurnAttempts);

    /// <summary>Opened by a storage failure: webhooks answer 503 at once for a moment instead of waiting on the disk.</summary>
    public StorageCircuit Circuit { get; init; } = new(TimeProvider.System, TimeSpan.FromSeconds(5));

    /// <summary>
    /// <c>POST /api/zalo/bot</c>: the secret is checked before the body is read (403), the body is read up to 1 MB
    /// however it is sent (413), an unreadable update or one with ids too long to record is 400; a handled update is
    /// 200, one that failed for an internal reason 503 so the platform delivers it again. Never 500.
    /// </summary>
    public async Task ProcessAsync(HttpRequest httpRequest, HttpResponse httpResponse, IBot bot, CancellationToken cancellationToken = default)
    {
        try
        {
            if (!SecretMatches(httpRequest.Headers[SecretHeader].ToString()))
            {
                LogForgedWebhook(httpRequest.HttpContext.Connection.RemoteIpAddress?.ToString());
                httpResponse.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }

            var body = await WebhookBody.ReadAsync(httpRequest, MaxBody, cancellationToken);
            if (body is null)
            {
                httpResponse.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return;
            }

            var text = Encoding.UTF8.GetString(body);
            if (!ZaloBotUpdateReader.TryRead(text, out var update) || update is null)
            {
                LogUnreadableUpdate(text.Length);
                httpResponse.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            if (ZaloBotUpdateReader.Problem(update) is { } problem)
            {
                LogMalformedUpdate(problem);
                httpResponse.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            var outcome = await ProcessUpdateAsync(update, bot.OnTurnAsync, cancellationToken);
            if (outcome == UpdateOutcome.StorageUnavailable)
            {
                httpResponse.Headers.RetryAfter = Circuit.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            httpResponse.StatusCode = outcome.StatusCode();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The platform hung up; nobody reads the answer, and an unrecorded update comes again and is handled then.
            LogWebhookAborted();
        }
        catch (Exception error)
        {
            // A body that broke off mid-read and the like: the platform may deliver again; the host must not see a crash.
            LogWebhookFailed(error);
            if (!httpResponse.HasStarted)
            {
                httpResponse.StatusCode = error is IOException or BadHttpRequestException ? StatusCodes.Status400BadRequest : StatusCodes.Status503ServiceUnavailable;
            }
        }
    }

    /// <summary>
    /// Handles one update from the webhook or from polling: duplicates (by message_id) are skipped, the update is mapped
    /// and the bot runs, or a message that is not text gets the polite "text only" answer. A turn that fails for an
    /// internal reason is not recorded (<see cref="UpdateOutcome.RetryLater"/>), up to the message's tries; an update
    /// whose message_id could not be recorded is never answered (<see cref="UpdateOutcome.Malformed"/>), so a
    /// re-delivery is not answered again. Only cancellation leaves this method as an exception.
    /// </summary>
    public async Task<UpdateOutcome> ProcessUpdateAsync(ZaloBotUpdate update, BotCallbackHandler callback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (ZaloBotUpdateReader.Problem(update) is { } problem)
        {
            LogMalformedUpdate(problem);
            return UpdateOutcome.Malformed;
        }

        if (Circuit.IsOpen)
        {
            return UpdateOutcome.StorageUnavailable;
        }

        var messageId = update.Message?.MessageId;

        // Without a message_id there is nothing to recognise a re-delivery by: handled every time.
        if (messageId is not null && !inFlight.TryAdd(messageId, 0))
        {
            LogDuplicate(messageId);
            return UpdateOutcome.Duplicate;
        }

        var attemptKey = messageId ?? string.Empty;
        try
        {
            if (messageId is not null && processed.Contains(ProcessedSource, messageId))
            {
                LogDuplicate(messageId);
                return UpdateOutcome.Duplicate;
            }

            var mapped = ZaloBotUpdateMapper.Map(update, await BotAccountAsync(cancellationToken));
            switch (mapped.Meaning)
            {
                case ZaloBotUpdateMeaning.Message:
                    await RunTurnAsync(mapped.Activity!, callback, messageId is null || Attempts.IsLastAttempt(attemptKey), cancellationToken);
                    break;

                case ZaloBotUpdateMeaning.NotText:
                    LogNotText(update.EventName, mapped.Activity!.Conversation.Id);
                    using (var context = new TurnContext(this, mapped.Activity!))
                    {
                        try
                        {
                            await context.SendActivityAsync(MessageFactory.Text(ZaloBotUpdateMapper.NotTextReply), cancellationToken);
                        }
                        catch (ChannelDeliveryException error)
                        {
                            LogGaveUp(mapped.Activity!.Conversation.Id, 0, error.Message);
                        }
                    }

                    break;

                default:
                    LogIgnored(messageId ?? "-", mapped.Why ?? update.EventName);
                    break;
            }

            // Recorded once handled: a crash before this line means the update is handled again if it comes again (at least once).
            Record(messageId);
            Attempts.Forget(attemptKey);
            return UpdateOutcome.Handled;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception error) when (error is TurnFailedException { StorageUnavailable: true } || ChannelFaults.IsStorageUnavailable(error))
        {
            Circuit.Trip();
            LogStorageUnavailable(messageId ?? "-", (error.InnerException ?? error).Message);
            return UpdateOutcome.StorageUnavailable;
        }
        catch (Exception error)
        {
            var failures = Attempts.Failed(attemptKey);
            LogUpdateFailed(error is TurnFailedException ? error.InnerException! : error, messageId ?? "-", update.EventName, failures, Attempts.MaxAttempts);
            return UpdateOutcome.RetryLater;
        }
        finally
        {
            if (messageId is not null)
            {
                inFlight.TryRemove(messageId, out _);
            }
        }
    }

    protected override void OnTurnGivenUp(Exception error, IActivity activity) =>
        LogGivenUp(error, activity.Id ?? "-", Attempts.MaxAttempts);

    /// <summary>
    /// Marks the message handled. A failure here is the disk's (ids are bounded, so the key always fits): it is thrown,
    /// the webhook answers 503 and the platform re-delivers; the answer may then go out twice, at most once per failure.
    /// </summary>
    private void Record(string? messageId)
    {
        if (messageId is not null)
        {
            processed.Add(ProcessedSource, messageId);
        }
    }

    private Task RunTurnAsync(Activity activity, BotCallbackHandler callback, bool lastAttempt, CancellationToken cancellationToken) =>
        RunTurnShowingTypingAsync(activity, callback, options.TypingDelay, () => Quietly(() => client.SendChatActionAsync(activity.Conversation.Id, "typing", CancellationToken.None), "sendChatAction"), lastAttempt, cancellationToken);

    public override async Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, Activity[] activities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activities);
        var responses = new List<ResourceResponse>();
        foreach (var activity in activities)
        {
            var chatId = activity.Conversation?.Id;
            if (activity.Type == ActivityTypes.Typing && chatId is not null)
            {
                await Quietly(() => client.SendChatActionAsync(chatId, "typing", cancellationToken), "sendChatAction");
                responses.Add(new ResourceResponse());
                continue;
            }

            // Suggested actions are not sent: Zalo's Bot API has no buttons, and the text already numbers the choices.
            if (activity.Type != ActivityTypes.Message || string.IsNullOrWhiteSpace(activity.Text))
            {
                responses.Add(new ResourceResponse());
                continue;
            }

            if (chatId is null)
            {
                throw new InvalidOperationException("A Zalo Bot reply needs the conversation id (the chat id) to go to.");
            }

            ZaloBotSendResult? last = null;
            foreach (var part in ChannelText.Split(activity.Text, MaxTextLength))
            {
                last = await SendWithRetriesAsync(chatId, part, cancellationToken);
            }

            // The Bot Platform sends no documents: the person gets the file's download link, made for them.
            if (ChannelFile.From(activity) is { } file)
            {
                foreach (var part in ChannelText.Split(file.LinkText, MaxTextLength))
                {
                    last = await SendWithRetriesAsync(chatId, part, cancellationToken);
                }
            }

            responses.Add(new ResourceResponse(last?.MessageId));
        }

        return [.. responses];
    }

    /// <summary>
    /// One message with the platform's error handling: 429 backs off 1 s, 2 s, 4 s… (the platform names no wait),
    /// network errors and 5xx back off 0.5 s, 1 s, 2 s…, 403 marks the person unreachable, other 4xx give the message up.
    /// </summary>
    private async Task<ZaloBotSendResult> SendWithRetriesAsync(string chatId, string text, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await client.SendMessageAsync(chatId, text, cancellationToken);
            }
            catch (ZaloBotApiException error) when (error.ErrorCode == 429)
            {
                var wait = TimeSpan.FromSeconds(1 << Math.Min(attempt - 1, 20));
                if (attempt >= options.MaxSendAttempts || wait > options.MaxRetryAfter)
                {
                    LogGaveUp(chatId, attempt, error.Message);
                    throw new ChannelDeliveryException(ZaloBotUpdateMapper.ChannelId, chatId, DeliveryFailure.Transient, error.Message);
                }

                LogRateLimited(chatId, wait.TotalSeconds);
                await Delay(wait, cancellationToken);
            }
            catch (ZaloBotApiException error) when (error.ErrorCode == 403)
            {
                LogUnreachable(chatId, error.Message);
                reachability.Unreachable(ZaloBotUpdateMapper.ChannelId, chatId, error.Message);
                throw new ChannelDeliveryException(ZaloBotUpdateMapper.ChannelId, chatId, DeliveryFailure.Unreachable, error.Message);
            }
            catch (ZaloBotApiException error) when (error.ErrorCode == 401)
            {
                // Our token, not the person: nobody is reachable until an operator fixes Zalo:Bot:Token, so the person is not marked.
                LogTokenRefused(error.Message);
                throw new ChannelDeliveryException(ZaloBotUpdateMapper.ChannelId, chatId, DeliveryFailure.Unreachable, error.Message);
            }
            catch (ZaloBotApiException error) when (error.ErrorCode is >= 400 and < 500 && error.ErrorCode != 408)
            {
                LogRejected(chatId, error.Message);
                throw new ChannelDeliveryException(ZaloBotUpdateMapper.ChannelId, chatId, DeliveryFailure.Rejected, error.Message);
            }
            catch (Exception error) when (error is ZaloBotApiException or HttpRequestException || (error is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // Network failures, timeouts and 5xx.
                if (attempt >= options.MaxSendAttempts)
                {
                    LogGaveUp(chatId, attempt, error.Message);
                    throw new ChannelDeliveryException(ZaloBotUpdateMapper.ChannelId, chatId, DeliveryFailure.Transient, error.Message);
                }

                await Delay(NetworkBackoff(attempt), cancellationToken);
            }
        }
    }

    /// <summary>
    /// The bot's own account (getMe), asked once and kept. When the call fails the turn still runs with a stand-in
    /// account (only the activity's Recipient depends on it) and the next update asks again.
    /// </summary>
    private async Task<ChannelAccount> BotAccountAsync(CancellationToken cancellationToken)
    {
        if (botAccount is { } known)
        {
            return known;
        }

        await botAccountGate.WaitAsync(cancellationToken);
        try
        {
            if (botAccount is null)
            {
                var me = await client.GetMeAsync(cancellationToken);
                botAccount = new ChannelAccount(me.Id, me.DisplayName, RoleTypes.Bot);
            }

            return botAccount;
        }
        catch (Exception error) when (error is ZaloBotApiException or HttpRequestException || (error is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogSideCallFailed("getMe", error.Message);
            return new ChannelAccount(ZaloBotUpdateMapper.ChannelId, null, RoleTypes.Bot);
        }
        finally
        {
            botAccountGate.Release();
        }
    }

    /// <summary>Without webhook mode nobody may post updates: the endpoint answers only in webhook mode.</summary>
    private bool SecretMatches(string presented) =>
        options.EffectiveMode == ZaloBotMode.Webhook && SecretMatches(presented, options.WebhookSecret);

    private async Task Quietly(Func<Task> call, string method)
    {
        try
        {
            await call();
        }
        catch (Exception error) when (error is ZaloBotApiException or HttpRequestException or TaskCanceledException)
        {
            LogSideCallFailed(method, error.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Zalo Bot webhook call without the right secret token from {RemoteAddress}: refused with 403")]
    private partial void LogForgedWebhook(string? remoteAddress);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Zalo Bot webhook body ({Length} characters) is not an update: refused with 400")]
    private partial void LogUnreadableUpdate(int length);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Zalo Bot webhook call aborted by the caller")]
    private partial void LogWebhookAborted();

    [LoggerMessage(Level = LogLevel.Error, Message = "Zalo Bot webhook call failed")]
    private partial void LogWebhookFailed(Exception error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Zalo Bot message {MessageId} already handled: skipped")]
    private partial void LogDuplicate(string messageId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Zalo Bot update {MessageId} ignored: {Reason}")]
    private partial void LogIgnored(string messageId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Zalo Bot {EventName} in chat {ChatId}: answered that only text is read")]
    private partial void LogNotText(string eventName, string chatId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Zalo Bot update {MessageId} ({EventName}) failed (try {Failures} of {MaxAttempts}); not recorded, so it is delivered again")]
    private partial void LogUpdateFailed(Exception error, string messageId, string eventName, int failures, int maxAttempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Zalo Bot message {MessageId} failed on its last try ({MaxAttempts}): the person is told, the message recorded")]
    private partial void LogGivenUp(Exception error, string messageId, int maxAttempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Zalo Bot message {MessageId}: storage unavailable ({Reason}); answered 503 for the platform to deliver again")]
    private partial void LogStorageUnavailable(string messageId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Zalo Bot update refused with 400: {Problem}")]
    private partial void LogMalformedUpdate(string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Zalo Bot quota exceeded for chat {ChatId}: waiting {Seconds} s")]
    private partial void LogRateLimited(string chatId, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Zalo Bot chat {ChatId} is unreachable: {Reason}")]
    private partial void LogUnreachable(string chatId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Zalo Bot refused the token (check Zalo:Bot:Token): {Reason}")]
    private partial void LogTokenRefused(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Zalo Bot refused a message to chat {ChatId}: {Reason}")]
    private partial void LogRejected(string chatId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Zalo Bot message to chat {ChatId} given up after {Attempts} attempts: {Reason}")]
    private partial void LogGaveUp(string chatId, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Zalo Bot {Method} failed: {Reason}")]
    private partial void LogSideCallFailed(string method, string reason);
}
