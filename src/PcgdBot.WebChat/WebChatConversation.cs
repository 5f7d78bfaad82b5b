using System.Globalization;
using System.Threading.Channels;

namespace PcgdBot.WebChat;

/// <summary>
/// One web conversation: its transcript (the last <see cref="WebChatOptions.HistoryLimit"/> activities, numbered; the
/// watermark is the last number), the open WebSockets it is pushed to, and when a page last polled it.
/// </summary>
public sealed class WebChatConversation(string id, string userId, int historyLimit, DateTimeOffset now)
{
    private readonly Lock gate = new();
    private readonly LinkedList<(long Sequence, DirectLineActivity Activity)> history = new();
    private readonly List<Channel<DirectLineActivitySet>> listeners = [];
    private long lastSequence;
    private long lastPolledTicks;
    private long lastActiveTicks = now.UtcTicks;

    public string Id { get; } = id;

    public string UserId { get; } = userId;

    /// <summary>Turns of this conversation run one at a time, so replies follow their question.</summary>
    public SemaphoreSlim Turns { get; } = new(1, 1);

    public bool IsEmpty
    {
        get
        {
            lock (gate)
            {
                return lastSequence == 0;
            }
        }
    }

    public DateTimeOffset LastActive => new(Interlocked.Read(ref lastActiveTicks), TimeSpan.Zero);

    /// <summary>The page is open: a WebSocket is connected or a poll came within <paramref name="window"/>.</summary>
    public bool IsOpen(DateTimeOffset now, TimeSpan window)
    {
        lock (gate)
        {
            if (listeners.Count > 0)
            {
                return true;
            }
        }

        return now.UtcTicks - Interlocked.Read(ref lastPolledTicks) <= window.Ticks;
    }

    public void Polled(DateTimeOffset now)
    {
        Interlocked.Exchange(ref lastPolledTicks, now.UtcTicks);
        Interlocked.Exchange(ref lastActiveTicks, now.UtcTicks);
    }

    /// <summary>Numbers the activity (its id is <c>{conversation}|{number}</c>), keeps it and pushes it to open sockets.</summary>
    public DirectLineActivity Append(DirectLineActivity activity, DateTimeOffset now)
    {
        lock (gate)
        {
            var sequence = ++lastSequence;
            var stored = activity with
            {
                Id = Id + "|" + sequence.ToString("D7", CultureInfo.InvariantCulture),
                Timestamp = now,
                ChannelId = WebChatActivityMapper.ChannelId,
                Conversation = new DirectLineConversation(Id),
            };
            history.AddLast((sequence, stored));
            while (history.Count > historyLimit)
            {
                history.RemoveFirst();
            }

            var set = new DirectLineActivitySet([stored], Watermark(sequence));
            foreach (var listener in listeners)
            {
                listener.Writer.TryWrite(set);
            }

            Interlocked.Exchange(ref lastActiveTicks, now.UtcTicks);
            return stored;
        }
    }

    /// <summary>The activities after <paramref name="watermark"/> (all kept ones for an empty or unreadable watermark).</summary>
    public DirectLineActivitySet Since(string? watermark)
    {
        lock (gate)
        {
            return SinceLocked(watermark);
        }
    }

    private DirectLineActivitySet SinceLocked(string? watermark)
    {
        // A watermark past the end (the page outlived a restart of the host) starts again from the beginning.
        var after = long.TryParse(watermark, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : 0;
        var activities = history.Where(entry => entry.Sequence > after).Select(entry => entry.Activity).ToList();
        return new DirectLineActivitySet(activities, Watermark(activities.Count > 0 ? lastSequence : Math.Min(after, lastSequence)));
    }

    /// <summary>
    /// A WebSocket's feed: what came after <paramref name="watermark"/> first, then every new activity. Registered under
    /// the lock, so nothing appended in between is lost or sent twice.
    /// </summary>
    public Channel<DirectLineActivitySet> Listen(string? watermark)
    {
        var channel = Channel.CreateBounded<DirectLineActivitySet>(new BoundedChannelOptions(historyLimit) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (gate)
        {
            var backlog = SinceLocked(watermark);
            if (backlog.Activities.Count > 0)
            {
                channel.Writer.TryWrite(backlog);
            }

            listeners.Add(channel);
        }

        return channel;
    }

    public void StopListening(Channel<DirectLineActivitySet> channel)
    {
        lock (gate)
        {
            listeners.Remove(channel);
        }

        channel.Writer.TryComplete();
    }

    private static string Watermark(long sequence) => sequence.ToString(CultureInfo.InvariantCulture);
}
