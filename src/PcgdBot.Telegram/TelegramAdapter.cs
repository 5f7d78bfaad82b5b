using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging;
using PcgdBot.Channels;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace PcgdBot.Telegram;

/// <summary>
/// The Telegram channel for the Bot Framework bot, shaped like botbuilder's TwilioAdapter: the webhook is
/// authenticated first (403, never an exception), the update is mapped to an Activity, then the bot's pipeline runs.
/// Replies go out through the Bot API: HTML-escaped, split at 4,096 characters, choices as an inline keyboard.
/// </summary>
public sealed partial class TelegramAdapter : PlatformAdapter, IBotFrameworkHttpAdapter
{
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";
    private const int CallbackDataBytes = 64;
    private const int MaxBody = 1 << 20;

    private readonly ITelegramClient client;
    private readonly TelegramAdapterOptions options;
    private readonly IProcessedUpdates processed;
    private readonly IChannelReachability reachability;
    private readonly ILogger<TelegramAdapter> logger;
    private readonly ConcurrentDictionary<long, byte> inFlight = new();
    private readonly SemaphoreSlim botUserGate = new(1, 1);
    private User? botUser;

    public TelegramAdapter(ITelegramClient client, TelegramAdapterOptions options, IProcessedUpdates processed, IChannelReachability reachability, ILogger<TelegramAdapter> logger)
    {
        this.client = client;
        this.options = options;
        this.processed = processed;
        this.reachability = reachability;
        this.logger = logger;
    }

    protected override string PlatformName => "Telegram";

    /// <summary>Milliseconds to wait, for tests that make time pass faster; the default really waits.</summary>
    public Func<TimeSpan, CancellationToken, Task> Delay { get; init; } = Task.Delay;

    /// <summary>Counts failed tries per update; the last try that fails too gives the person the note.</summary>
    public TurnAttempts Attempts { get; init; } = new(TelegramAdapterOptions.DefaultMaxTurnAttempts);

    /// <summary>Opened by a storage failure: webhooks answer 503 at once for a moment instead of waiting on the disk.</summary>
    public StorageCircuit Circuit { get; init; } = new(TimeProvider.System, TimeSpan.FromSeconds(5));

    /// <summary>
    /// <c>POST /api/telegram</c>: secret checked first (403), the body read up to 1 MB however it is sent (413), an
    /// unreadable or malformed update is 400; a handled (or duplicate) update is 200, one that failed for an internal
    /// reason 503 so Telegram delivers it again. Never 500.
    /// </summary>
    public async Task ProcessAsync(HttpRequest httpRequest, HttpResponse httpResponse, IBot bot, CancellationToken cancellationToken = default)
    {
        if (!SecretMatches(httpRequest.Headers[SecretHeader].ToString()))
        {
            LogForgedWebhook(httpRequest.HttpContext.Connection.RemoteIpAddress?.ToString());
            httpResponse.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        try
        {
            var body = await WebhookBody.ReadAsync(httpRequest, MaxBody, cancellationToken);
            if (body is null)
            {
                httpResponse.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return;
            }

            if (ReadUpdate(body) is not { } update)
            {
                httpResponse.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            var outcome = await ProcessUpdateAsync(update, bot.OnTurnAsync, cancellationToken);
            if (outcome == UpdateOutcome.StorageUnavailable)
            {
                httpResponse.Headers.RetryAfter = Circuit.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            }

            httpResponse.StatusCode = outcome.StatusCode();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Telegram hung up; an unrecorded update comes again.
            LogWebhookAborted();
        }
        catch (Exception error) when (error is IOException or BadHttpRequestException)
        {
            // The body broke off mid-read.
            LogUnreadableUpdate(error.Message);
            if (!httpResponse.HasStarted)
            {
                httpResponse.StatusCode = StatusCodes.Status400BadRequest;
            }
        }
    }

    /// <summary>The update in a webhook body, or null (logged) when it is not one: bad JSON, wrong types, numbers out of range, lone surrogates.</summary>
    internal Update? ReadUpdate(byte[] body)
    {
        try
        {
            var update = JsonSerializer.Deserialize<Update>(body, JsonBotAPI.Options);
            if (update is null || TelegramUpdateMapper.Problem(update) is { } problem)
            {
                LogUnreadableUpdate(update is null ? "null" : TelegramUpdateMapper.Problem(update)!);
                return null;
            }

            return update;
        }
        catch (Exception error) when (error is JsonException or ArgumentException or InvalidOperationException or FormatException or OverflowException or NotSupportedException or InvalidCastException or NullReferenceException or KeyNotFoundException or IndexOutOfRangeException)
        {
            // Telegram.Bot's converters throw more than JsonException (a date past year 9999 is ArgumentOutOfRangeException).
            LogUnreadableUpdate(error.GetType().Name + ": " + error.Message);
            return null;
        }
    }

    /// <summary>
    /// Handles one update from the webhook or from polling: duplicates are skipped, the update is mapped and the bot
    /// runs. An update whose turn failed for an internal reason is not recorded (<see cref="UpdateOutcome.RetryLater"/>):
    /// Telegram re-delivers it, or the poller asks for it again, up to <see cref="TurnAttempts.MaxAttempts"/> tries; the
    /// last failing try tells the person and records the update. Only cancellation leaves this method as an exception.
    /// </summary>
    public async Task<UpdateOutcome> ProcessUpdateAsync(Update update, BotCallbackHandler callback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (Circuit.IsOpen)
        {
            return UpdateOutcome.StorageUnavailable;
        }

        if (!inFlight.TryAdd(update.Id, 0))
        {
            LogDuplicate(update.Id);
            return UpdateOutcome.Duplicate;
        }

        var attemptKey = update.Id.ToString(CultureInfo.InvariantCulture);
        try
        {
            if (processed.Contains(update.Id))
            {
                LogDuplicate(update.Id);
                return UpdateOutcome.Duplicate;
            }

            var bot = await BotUserAsync(cancellationToken);
            var mapped = TelegramUpdateMapper.Map(update, bot);
            switch (mapped.Meaning)
            {
                case UpdateMeaning.Blocked:
                    reachability.Unreachable(TelegramUpdateMapper.ChannelId, mapped.ChatId!.Value.ToString(CultureInfo.InvariantCulture), "blocked the bot");
                    break;

                case UpdateMeaning.Message or UpdateMeaning.BotAdded:
                    await RunTurnAsync(mapped, callback, Attempts.IsLastAttempt(attemptKey), cancellationToken);
                    break;

                default:
                    LogIgnored(update.Id, mapped.Why ?? update.Type.ToString());
                    break;
            }

            // Recorded once handled: a crash before this line means Telegram delivers it again (at least once).
            processed.Add(update.Id);
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
            LogStorageUnavailable(update.Id, (error.InnerException ?? error).Message);
            return UpdateOutcome.StorageUnavailable;
        }
        catch (Exception error)
        {
            var failures = Attempts.Failed(attemptKey);
            LogUpdateFailed(error is TurnFailedException ? error.InnerException! : error, update.Id, failures, Attempts.MaxAttempts);
            return UpdateOutcome.RetryLater;
        }
        finally
        {
            inFlight.TryRemove(update.Id, out _);
        }
    }

    protected override void OnTurnGivenUp(Exception error, IActivity activity) =>
        LogGivenUp(error, activity.Id ?? "-", Attempts.MaxAttempts);

    private async Task RunTurnAsync(MappedUpdate mapped, BotCallbackHandler callback, bool lastAttempt, CancellationToken cancellationToken)
    {
        var activity = mapped.Activity!;
        var chatId = long.Parse(activity.Conversation.Id, CultureInfo.InvariantCulture);
        if (mapped.CallbackQueryId is { } callbackId)
        {
            // Stops the spinner on the pressed button; the answer itself comes as a message.
            _ = Quietly(() => client.AnswerCallbackQueryAsync(callbackId, cancellationToken), "answerCallbackQuery");
        }

        await RunTurnShowingTypingAsync(activity, callback, options.TypingDelay, () => Quietly(() => client.SendTypingAsync(chatId, CancellationToken.None), "sendChatAction"), lastAttempt, cancellationToken);
    }

    public override async Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, Activity[] activities, CancellationToken cancellationToken)
    {
        var responses = new List<ResourceResponse>();
        foreach (var activity in activities)
        {
            if (activity.Type == ActivityTypes.Typing)
            {
                await Quietly(() => client.SendTypingAsync(long.Parse(activity.Conversation.Id, CultureInfo.InvariantCulture), cancellationToken), "sendChatAction");
                responses.Add(new ResourceResponse());
                continue;
            }

            if (activity.Type != ActivityTypes.Message || string.IsNullOrEmpty(activity.Text))
            {
                responses.Add(new ResourceResponse());
                continue;
            }

            var chatId = long.Parse(activity.Conversation.Id, CultureInfo.InvariantCulture);
            var parts = TelegramText.Split(activity.Text);
            Message? last = null;
            for (var i = 0; i < parts.Count; i++)
            {
                var keyboard = i == parts.Count - 1 ? Keyboard(activity.SuggestedActions) : null;
                last = await SendWithRetriesAsync(chatId, parts[i], keyboard, activity.Recipient?.Id ?? activity.Conversation.Id, cancellationToken);
            }

            if (ChannelFile.From(activity) is { } file)
            {
                // After the words that introduce it; a document upload needs no link.
                last = await SendWithRetriesAsync(chatId, activity.Recipient?.Id ?? activity.Conversation.Id, "sendDocument", () => client.SendDocumentAsync(chatId, file.Name, file.Content, cancellationToken), cancellationToken);
            }

            responses.Add(new ResourceResponse(last?.MessageId.ToString(CultureInfo.InvariantCulture)));
        }

        return [.. responses];
    }

    /// <summary>One message with the platform's error handling: 429 waits retry_after, network errors back off, 403 marks the person unreachable.</summary>
    private Task<Message> SendWithRetriesAsync(long chatId, string text, InlineKeyboardMarkup? keyboard, string userId, CancellationToken cancellationToken)
    {
        var parseMode = ParseMode.Html;
        var body = TelegramText.EscapeHtml(text);
        return SendWithRetriesAsync(
            chatId,
            userId,
            "sendMessage",
            () => client.SendMessageAsync(chatId, body, parseMode, keyboard, cancellationToken),
            cancellationToken,
            retryAfterRejection: error =>
            {
                if (error.ErrorCode != 400 || parseMode != ParseMode.Html || !error.Message.Contains("parse entities", StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }

                // Our escaping should make this impossible; if Telegram still disagrees, the words matter more than formatting.
                LogRejected(chatId, error.Message);
                parseMode = ParseMode.None;
                body = text;
                return true;
            });
    }

    /// <summary>
    /// One Bot API call with the platform's error handling: 429 waits retry_after, 403 marks the person unreachable, other
    /// 4xx are rejections (unless <paramref name="retryAfterRejection"/> mends the call and asks for another try), network
    /// failures and 5xx back off.
    /// </summary>
    private async Task<Message> SendWithRetriesAsync(long chatId, string userId, string method, Func<Task<Message>> send, CancellationToken cancellationToken, Func<ApiRequestException, bool>? retryAfterRejection = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await send();
            }
            catch (ApiRequestException error) when (error.ErrorCode == 429)
            {
                var wait = TimeSpan.FromSeconds(error.Parameters?.RetryAfter ?? 1);
                if (attempt >= options.MaxSendAttempts || wait > options.MaxRetryAfter)
                {
                    LogGaveUp(chatId, attempt, error.Message);
                    throw new ChannelDeliveryException(TelegramUpdateMapper.ChannelId, userId, DeliveryFailure.Transient, error.Message);
                }

                LogRateLimited(chatId, wait.TotalSeconds);
                await Delay(wait, cancellationToken);
            }
            catch (ApiRequestException error) when (error.ErrorCode == 403)
            {
                throw Unreachable(chatId, userId, error);
            }
            catch (ApiRequestException error) when (error.ErrorCode is >= 400 and < 500)
            {
                if (retryAfterRejection?.Invoke(error) == true)
                {
                    // Mended (e.g. sent again without formatting): the next attempt goes at once.
                    continue;
                }

                LogRejected(chatId, method + ": " + error.Message);
                throw new ChannelDeliveryException(TelegramUpdateMapper.ChannelId, userId, DeliveryFailure.Rejected, error.Message);
            }
            catch (Exception error) when (error is RequestException or HttpRequestException or ApiRequestException || (error is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                if (attempt >= options.MaxSendAttempts)
                {
                    LogGaveUp(chatId, attempt, error.Message);
                    throw new ChannelDeliveryException(TelegramUpdateMapper.ChannelId, userId, DeliveryFailure.Transient, error.Message);
                }

                await Delay(NetworkBackoff(attempt), cancellationToken);
            }
        }
    }

    private ChannelDeliveryException Unreachable(long chatId, string userId, ApiRequestException error)
    {
        LogUnreachable(chatId, error.Message);
        reachability.Unreachable(TelegramUpdateMapper.ChannelId, userId, error.Message);
        return new ChannelDeliveryException(TelegramUpdateMapper.ChannelId, userId, DeliveryFailure.Unreachable, error.Message);
    }

    /// <summary>Choices as inline buttons; a button's data is its number, and its text comes back from the keyboard when pressed.</summary>
    internal static InlineKeyboardMarkup? Keyboard(SuggestedActions? suggested)
    {
        if (suggested?.Actions is not { Count: > 0 } actions)
        {
            return null;
        }

        var buttons = actions
            .Select((action, index) => InlineKeyboardButton.WithCallbackData(
                (action.Title ?? action.Value?.ToString() ?? string.Empty).Trim(),
                TelegramText.TruncateUtf8((index + 1).ToString(CultureInfo.InvariantCulture), CallbackDataBytes)))
            .ToList();

        // Short buttons ("Có", "Không", "IV.13.2") sit three to a row; long ones one per row so phones show them whole.
        var perRow = buttons.All(b => b.Text.Length <= 12) ? 3 : 1;
        return new InlineKeyboardMarkup(buttons.Chunk(perRow).Select(row => row.AsEnumerable()));
    }

    /// <summary>The bot's own account (id, @username), asked once: needed to tell group messages meant for it.</summary>
    private async Task<User> BotUserAsync(CancellationToken cancellationToken)
    {
        if (botUser is { } known)
        {
            return known;
        }

        await botUserGate.WaitAsync(cancellationToken);
        try
        {
            return botUser ??= await client.GetMeAsync(cancellationToken);
        }
        finally
        {
            botUserGate.Release();
        }
    }

    /// <summary>Without webhook mode nobody may post updates: the endpoint answers only in webhook mode.</summary>
    private bool SecretMatches(string presented) =>
        options.EffectiveMode == TelegramMode.Webhook && SecretMatches(presented, options.WebhookSecret);

    private async Task Quietly(Func<Task> call, string method)
    {
        try
        {
            await call();
        }
        catch (Exception error) when (error is ApiRequestException or RequestException or HttpRequestException or TaskCanceledException)
        {
            LogSideCallFailed(method, error.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram webhook call without the right secret token from {RemoteAddress}: refused with 403")]
    private partial void LogForgedWebhook(string? remoteAddress);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram webhook body is not an update: {Problem}")]
    private partial void LogUnreadableUpdate(string problem);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Telegram update {UpdateId} already handled: skipped")]
    private partial void LogDuplicate(long updateId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Telegram update {UpdateId} ignored: {Reason}")]
    private partial void LogIgnored(long updateId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Telegram update {UpdateId} failed (try {Failures} of {MaxAttempts}); not recorded, so it is delivered again")]
    private partial void LogUpdateFailed(Exception error, long updateId, int failures, int maxAttempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Telegram update {UpdateId} failed on its last try ({MaxAttempts}): the person is told, the update recorded")]
    private partial void LogGivenUp(Exception error, string updateId, int maxAttempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Telegram update {UpdateId}: storage unavailable ({Reason}); answered 503 for Telegram to deliver again")]
    private partial void LogStorageUnavailable(long updateId, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Telegram webhook call aborted by the caller")]
    private partial void LogWebhookAborted();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram rate limit for chat {ChatId}: waiting {Seconds} s")]
    private partial void LogRateLimited(long chatId, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram chat {ChatId} is unreachable: {Reason}")]
    private partial void LogUnreachable(long chatId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram refused a message to chat {ChatId}: {Reason}")]
    private partial void LogRejected(long chatId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Telegram message to chat {ChatId} given up after {Attempts} attempts: {Reason}")]
    private partial void LogGaveUp(long chatId, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Telegram {Method} failed: {Reason}")]
    private partial void LogSideCallFailed(string method, string reason);
}
