using PcgdBot.Reminders.Outbox;

namespace PcgdBot.Reminders.Tests.Outbox;

[Collection(nameof(RealTimePacing))]
public sealed class OutboxThroughputTests : IDisposable
{
    private readonly OutboxDatabase _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task With_limits_off_every_recipient_gets_one_message_as_fast_as_the_file_allows()
    {
        var platform = new FakeTransport(TimeProvider.System);

        var result = await OutboxThroughput.RunAsync(_file.Database, platform, 1000, 0, CancellationToken.None);

        Assert.Equal((1000, 1000, 1000), (result.Recipients, result.Sent, result.Calls));
        Assert.Equal(1000, platform.Calls.Count);
        Assert.Empty(platform.Duplicates());
        Assert.Null(result.PercentOfLimit);
        Assert.True(result.RecordsPerSecond > 100, $"{result.RecordsPerSecond:F0} records/s");
    }

    [Fact]
    public async Task At_a_limit_the_run_reaches_it_within_five_percent()
    {
        var platform = new FakeTransport(TimeProvider.System);

        var result = await OutboxThroughput.RunAsync(_file.Database, platform, 200, 100, CancellationToken.None);

        Assert.Equal(200, result.Sent);
        Assert.Empty(platform.Duplicates());
        Assert.InRange(result.PercentOfLimit!.Value, 95, 100.1);
    }

    [Fact]
    public async Task The_run_sends_only_its_own_broadcast()
    {
        var store = new OutboxStore(_file.Database, TimeProvider.System);
        store.Enqueue(Broadcasts.Make("real", 5, channel: "telegram"));
        var platform = new FakeTransport(TimeProvider.System);

        await OutboxThroughput.RunAsync(_file.Database, platform, 10, 0, CancellationToken.None);

        Assert.All(platform.Calls, c => Assert.Equal(OutboxThroughput.Channel, c.Message.Channel));
        Assert.Equal(5, store.Stats("real").Pending);
    }
}
