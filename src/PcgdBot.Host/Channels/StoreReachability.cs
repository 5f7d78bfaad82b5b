using PcgdBot.Channels;
using PcgdBot.Storage.Reporting;

namespace PcgdBot.Host.Channels;

/// <summary>Marks the person's chat account unreachable in the reporting store (reminders then use another channel).</summary>
internal sealed class StoreReachability(ReportingStore store) : IChannelReachability
{
    public void Unreachable(string channel, string userId, string reason) => store.MarkUnreachable(channel, userId);
}
