namespace PcgdBot.Telegram;

/// <summary>Update ids already handled, kept durably: Telegram re-delivers when a webhook call fails or polling restarts.</summary>
public interface IProcessedUpdates
{
    bool Contains(long updateId);

    void Add(long updateId);
}
