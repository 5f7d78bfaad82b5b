using PcgdBot.Telegram.Tests.StandIn;

namespace PcgdBot.Telegram.Tests.Support;

/// <summary>A person on Telegram, as seen through the stand-in: types, presses buttons, reads the bot's answers.</summary>
public sealed class TelegramUser(TelegramStandIn api, long userId, Func<QueuedUpdate, Task>? deliver = null, long? chatId = null, string chatType = "private")
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private int seen = api.Sent.Count;

    public long ChatId { get; } = chatId ?? userId;

    /// <summary>The bot's last message, the one a button press refers to.</summary>
    public SentMessage? Last { get; private set; }

    public Task<string> SayAsync(string text) => ExchangeAsync(api.EnqueueText(ChatId, userId, text, chatType: chatType));

    /// <summary>Presses the button at <paramref name="index"/> of the bot's last message that had buttons.</summary>
    public Task<string> PressAsync(int index)
    {
        var withButtons = api.SentTo(ChatId).Last(m => m.CallbackData.Count > 0);
        return ExchangeAsync(api.EnqueueCallback(withButtons, userId, withButtons.CallbackData[index]));
    }

    /// <summary>Delivers the update (webhook) or lets polling fetch it, then collects every message of the reply.</summary>
    private async Task<string> ExchangeAsync(QueuedUpdate update)
    {
        if (deliver is not null)
        {
            await deliver(update);
        }

        var first = await api.WaitForSentAsync(m => m.ChatId == ChatId, Wait, seen);
        var replies = new List<SentMessage> { first };
        seen = IndexAfter(first);

        // A turn may send several messages (a summary, then the question): take what follows quickly.
        while (true)
        {
            try
            {
                var next = await api.WaitForSentAsync(m => m.ChatId == ChatId, TimeSpan.FromMilliseconds(400), seen);
                replies.Add(next);
                seen = IndexAfter(next);
            }
            catch (TimeoutException)
            {
                break;
            }
        }

        Last = replies[^1];
        return string.Join("\n\n", replies.Select(r => r.PlainText));
    }

    private int IndexAfter(SentMessage message)
    {
        var all = api.Sent;
        for (var i = 0; i < all.Count; i++)
        {
            if (ReferenceEquals(all[i], message))
            {
                return i + 1;
            }
        }

        return all.Count;
    }
}
