using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace PcgdBot.Channels;

/// <summary>
/// What the chat-platform adapters (Telegram, Zalo OA, Zalo Bot) share: messages the bot starts, the platforms' lack of
/// editing, "typing…" for slow answers, the webhook secret check and the back-off between network retries.
/// </summary>
public abstract class PlatformAdapter : BotAdapter
{
    /// <summary>The platform's name for error messages ("Telegram").</summary>
    protected abstract string PlatformName { get; }

    /// <summary>
    /// A message the bot starts (a reminder). The callback runs without the turn pipeline's error handler, so a delivery
    /// failure (<see cref="ChannelDeliveryException"/>) reaches the caller, who decides about retries and fallbacks.
    /// </summary>
    public override async Task ContinueConversationAsync(string botId, ConversationReference reference, BotCallbackHandler callback, CancellationToken cancellationToken)
    {
        using var context = new TurnContext(this, reference.GetContinuationActivity());
        await callback(context, cancellationToken);
    }

    public override Task ContinueConversationAsync(ClaimsIdentity claimsIdentity, ConversationReference reference, BotCallbackHandler callback, CancellationToken cancellationToken) =>
        ContinueConversationAsync(string.Empty, reference, callback, cancellationToken);

    public override Task ContinueConversationAsync(ClaimsIdentity claimsIdentity, ConversationReference reference, string audience, BotCallbackHandler callback, CancellationToken cancellationToken) =>
        ContinueConversationAsync(string.Empty, reference, callback, cancellationToken);

    public override Task<ResourceResponse> UpdateActivityAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"The {PlatformName} adapter does not edit sent messages.");

    public override Task DeleteActivityAsync(ITurnContext turnContext, ConversationReference reference, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"The {PlatformName} adapter does not delete sent messages.");

    /// <summary>
    /// Runs the bot's turn; "typing…" is shown only when the answer takes longer than <paramref name="typingDelay"/>:
    /// most turns answer sooner, and the extra call would cost the platform's quota and a round trip for nothing.
    /// </summary>
    /// <remarks>
    /// A turn that fails for an internal reason is not answered with an apology and not taken as handled: it throws
    /// <see cref="TurnFailedException"/> so the platform re-delivers the message (or the inbox tries it again). Only on
    /// the <paramref name="lastAttempt"/> does the person get <see cref="TurnFailedNote"/> and the message count as handled.
    /// A reply the platform refused (<see cref="ChannelDeliveryException"/>) is not a failure of the turn: the adapter
    /// has logged it and marked the person when they cannot be reached.
    /// </remarks>
    protected async Task RunTurnShowingTypingAsync(Activity activity, BotCallbackHandler callback, TimeSpan typingDelay, Func<Task> showTyping, bool lastAttempt, CancellationToken cancellationToken)
    {
        using var answered = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var typing = activity.Type == ActivityTypes.Message ? ShowTypingAfterAsync(typingDelay, showTyping, answered.Token) : Task.CompletedTask;
        try
        {
            using var context = new TurnContext(this, activity);
            await RunTurnAsync(context, callback, lastAttempt, cancellationToken);
        }
        finally
        {
            await answered.CancelAsync();
            await typing;
        }
    }

    /// <summary>The sentence a person gets when their message failed on every try (from <c>dialogs/</c>, set by the host).</summary>
    public string TurnFailedNote { get; set; } = DefaultTurnFailedNote;

    public const string DefaultTurnFailedNote = "Xin lỗi, hệ thống gặp sự cố nên chưa xử lý được tin nhắn vừa rồi của anh/chị. Anh/chị vui lòng gửi lại sau ít phút.";

    /// <summary>The bot's pipeline (middleware, then the bot) without the apology of OnTurnError; see <see cref="RunTurnShowingTypingAsync"/>.</summary>
    protected async Task RunTurnAsync(TurnContext context, BotCallbackHandler callback, bool lastAttempt, CancellationToken cancellationToken)
    {
        try
        {
            await MiddlewareSet.ReceiveActivityWithStatusAsync(context, callback, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (ChannelDeliveryException)
        {
            // Logged by the adapter where the platform refused; retrying the turn would not reach the person either.
        }
        catch (Exception error)
        {
            var storage = ChannelFaults.IsStorageUnavailable(error);
            if (!lastAttempt || storage)
            {
                throw new TurnFailedException(error, storage);
            }

            OnTurnGivenUp(error, context.Activity);
            try
            {
                await context.SendActivityAsync(MessageFactory.Text(TurnFailedNote), cancellationToken);
            }
            catch (Exception noteError) when (noteError is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The channel itself may be what fails; the turn's error is logged above.
            }
        }
    }

    /// <summary>Logs a message given up after its last try (the adapters log with their platform's name).</summary>
    protected virtual void OnTurnGivenUp(Exception error, IActivity activity)
    {
    }

    /// <summary>A webhook's shared secret, compared in constant time; without a configured secret nothing matches.</summary>
    protected static bool SecretMatches(string presented, string? configured) =>
        !string.IsNullOrEmpty(configured)
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(configured));

    /// <summary>Waits between tries after a network failure: 0.5 s, 1 s, 2 s…</summary>
    protected static TimeSpan NetworkBackoff(int attempt) => TimeSpan.FromMilliseconds(500 * (1 << Math.Min(attempt - 1, 20)));

    private static async Task ShowTypingAfterAsync(TimeSpan delay, Func<Task> showTyping, CancellationToken answered)
    {
        try
        {
            await Task.Delay(delay, answered);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        await showTyping();
    }
}
