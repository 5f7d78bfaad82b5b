using Microsoft.Extensions.Time.Testing;
using PcgdBot.Conversations.Tests.Support;
using PcgdBot.Storage.Reporting;

namespace PcgdBot.Conversations.Tests;

/// <summary>Many conversations at once, and messages of one conversation arriving together: no lost step, no duplicated update.</summary>
public sealed class ConcurrencyTests(ContentFixture fixture) : IClassFixture<ContentFixture>
{
    private static readonly string[] Script = ["cập nhật nhiệm vụ 1: đang thực hiện, đã họp triển khai", "bỏ qua", "có"];

    [Fact]
    public async Task Fifty_people_reporting_at_the_same_time_each_get_one_update_with_a_distinct_receipt()
    {
        using var bot = new BotHarness(fixture.Content);
        var people = Enumerable.Range(0, 50).Select(i => "u" + i).ToList();
        foreach (var person in people)
        {
            await bot.Register(person, "Phòng Nội vụ", PersonRole.Focal);
        }

        var finals = await Task.WhenAll(people.Select(async person =>
        {
            var reply = string.Empty;
            foreach (var message in Script)
            {
                await Task.Yield();
                reply = await bot.Say(person, message);
            }

            return reply;
        }));

        Assert.All(finals, reply => Assert.Contains("Đã lưu báo cáo số BC-", reply, StringComparison.Ordinal));
        var updates = bot.Store.UpdatesIn("2026");
        Assert.Equal(50, updates.Count);
        Assert.Equal(50, updates.Select(u => u.Receipt).Distinct().Count());
        Assert.Equal(50, updates.Select(u => u.PersonId).Distinct().Count());
    }

    [Fact]
    public async Task Two_confirmations_arriving_together_save_the_update_once()
    {
        using var bot = new BotHarness(fixture.Content);
        await bot.Register("u1", "Phòng Nội vụ", PersonRole.Focal);
        for (var round = 0; round < 10; round++)
        {
            await bot.Say("u1", Script[0]);
            await bot.Say("u1", Script[1]);

            var replies = await Task.WhenAll(bot.Say("u1", "có"), bot.Say("u1", "có"));

            Assert.Single(replies, r => r.Contains("Đã lưu báo cáo số", StringComparison.Ordinal));
        }

        Assert.Equal(10, bot.Store.CountUpdates());
    }

    [Fact]
    public async Task Two_engines_on_one_file_racing_in_one_conversation_keep_one_consistent_dialog()
    {
        // Two engines do not share their per-conversation gates, so only the ETag check keeps the state consistent.
        using var bot = new BotHarness(fixture.Content);
        await bot.Register("u1", "Phòng Nội vụ", PersonRole.Focal);
        var other = new ChatEngine(fixture.Content, bot.Database, new FakeTimeProvider(bot.Time.GetUtcNow()));
        var message = (string text) => new ChatMessage("cli", "cli-u1", new ChatUser("u1"), text);
        for (var round = 0; round < 10; round++)
        {
            await bot.Say("u1", Script[0]);
            await bot.Say("u1", Script[1]);

            await Task.WhenAll(
                Task.Run(async () => await bot.Engine.HandleAsync(message("có"), CancellationToken.None)),
                Task.Run(async () => await other.HandleAsync(message("có"), CancellationToken.None)));
        }

        var updates = bot.Store.UpdatesIn("2026");
        Assert.Equal(10, updates.Count);
        Assert.Equal(10, updates.Select(u => u.SourceKey).Distinct().Count());
        // The stored state is whole: no dialog is left half-way, so a new update starts from its first question.
        Assert.Contains("Có số liệu chính", await bot.Say("u1", Script[0]), StringComparison.Ordinal);
    }
}
