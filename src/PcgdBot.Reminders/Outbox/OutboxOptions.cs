namespace PcgdBot.Reminders.Outbox;

/// <summary>
/// A platform's sending limits for one bot/app; 0 means no limit of that kind.
/// </summary>
/// <param name="PerSecond">Messages per second for the whole bot (Telegram: about 30).</param>
/// <param name="PerChatPerSecond">Messages per second to one chat (Telegram: 1).</param>
/// <param name="PerMinute">Messages per minute for the whole app (Zalo OA: 4,000 requests).</param>
public sealed record ChannelLimit(int PerSecond = 0, int PerChatPerSecond = 0, int PerMinute = 0)
{
    public static ChannelLimit None { get; } = new();

    public bool IsLimited => PerSecond > 0 || PerMinute > 0;
}

/// <summary>How the outbox sender paces, retries and batches.</summary>
public sealed class OutboxOptions
{
    /// <summary>
    /// Limits by channel id. A channel not listed is sent to without pacing (a warning is logged once). The interactive
    /// replies of the bot count against the same platform limits: lower these if the bot chats heavily during broadcasts.
    /// </summary>
    public Dictionary<string, ChannelLimit> Channels { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["telegram"] = new(PerSecond: 30, PerChatPerSecond: 1),
        ["zalo"] = new(PerMinute: 4000),
        ["zalo-bot"] = new(PerSecond: 30),
        ["webchat"] = new(PerSecond: 200),
    };

    /// <summary>Platform calls per record before a record that keeps failing transiently is set to Failed.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Records claimed (marked Sending) at a time per channel.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// Platform calls in flight at once per channel. It must exceed the channel's rate times the platform's answer
    /// time, or the pace is not reached (Zalo OA: 67/s × 0.3 s ≈ 20). Also the bound on the messages a crash can make
    /// the bot send twice, per channel: see <see cref="OutboxStore.RecoverInFlight"/>.
    /// </summary>
    public int MaxConcurrentSends { get; set; } = 32;

    /// <summary>How often the background sender looks for due records when nobody calls <see cref="OutboxSender.Wake"/>.</summary>
    public TimeSpan IdlePoll { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Wait after the first transient failure; doubled after each further one.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest back-off (a platform's own retry-after is honoured even when longer).</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    public ChannelLimit LimitOf(string channel) =>
        Channels.TryGetValue(channel, out var limit) && limit is not null ? limit : ChannelLimit.None;

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Channels);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAttempts, 1, nameof(MaxAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, nameof(BatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrentSends, 1, nameof(MaxConcurrentSends));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(IdlePoll, TimeSpan.Zero, nameof(IdlePoll));
        ArgumentOutOfRangeException.ThrowIfLessThan(FirstRetryDelay, TimeSpan.Zero, nameof(FirstRetryDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRetryDelay, FirstRetryDelay, nameof(MaxRetryDelay));
        foreach (var (channel, limit) in Channels)
        {
            if (limit is null || limit.PerSecond < 0 || limit.PerChatPerSecond < 0 || limit.PerMinute < 0)
            {
                throw new ArgumentException($"Outbox limits of channel '{channel}' must be 0 (no limit) or more.", nameof(Channels));
            }
        }
    }
}
