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
    protected async Task RunTurnShowingTypingAsync(Activity activity, BotCallbackHandler callback, TimeSpan typingDelay, Func<Task> showTyping, CancellationToken cancellationToken)
    {
        using var answered = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var typing = activity.Type == ActivityTypes.Message ? ShowTypingAfterAsync(typingDelay, showTyping, answered.Token) : Task.CompletedTask;
        try
        {
            using var context = new TurnContext(this, activity);
            await RunPipelineAsync(context, callback, cancellationToken);
        }
        finally
        {
            await answered.CancelAsync();
            await typing;
        }
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
