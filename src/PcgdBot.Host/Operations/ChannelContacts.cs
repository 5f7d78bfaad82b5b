using System.Collections.Concurrent;

namespace PcgdBot.Host.Operations;

/// <summary>When each channel last brought the bot an activity (in memory: since the process started).</summary>
public sealed class ChannelContacts(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _last = new(StringComparer.Ordinal);

    public DateTimeOffset Started { get; } = time.GetUtcNow();

    public void Seen(string channel) => _last[channel] = time.GetUtcNow();

    public DateTimeOffset? LastContact(string channel) => _last.TryGetValue(channel, out var at) ? at : null;
}
