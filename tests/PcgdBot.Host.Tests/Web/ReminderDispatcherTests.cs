using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PcgdBot.Conversations;
using PcgdBot.Host.Channels;
using PcgdBot.Reminders.Schedule;
using PcgdBot.Storage;
using PcgdBot.Storage.Reporting;

namespace PcgdBot.Host.Tests.Web;

/// <summary>A scheduled reminder becomes a broadcast to the people it is meant for, with the buttons it offers.</summary>
public sealed class ReminderDispatcherTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "pcgdbot-reminder-" + Guid.NewGuid().ToString("N"));
    private readonly PcgdBotContent content = PcgdBotContent.Load(PcgdBotContent.DefaultDirectory);
    private readonly PcgdBotDatabase database;
    private readonly ChatEngine engine;

    public ReminderDispatcherTests()
    {
        database = PcgdBotDatabase.Open(Path.Combine(folder, "bot.db"));
        engine = new ChatEngine(content, database, new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 1, 0, 0, TimeSpan.Zero)));
    }

    public void Dispose()
    {
        database.Dispose();
        content.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    private async Task Register(string user, string unit, PersonRole role, string? member = null)
    {
        var code = engine.CreateInvite(unit, member, role, "test").Code!;
        await engine.HandleAsync(new ChatMessage("telegram", user, new ChatUser(user, "Người " + user), "đăng ký " + code), CancellationToken.None);
    }

    private ReminderOccurrence Occurrence(string reminderId, int offset) =>
        ReminderSchedule.Load(content.Directory).Occurrences(new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 31))
            .Single(o => o.ReminderId == reminderId && o.Offset == offset);

    [Fact]
    public async Task A_deadline_reminder_goes_to_the_units_that_have_not_reported_with_an_update_button()
    {
        await Register("101", "UBND các xã", PersonRole.Focal, "Mường So");
        await Register("102", "UBND các xã", PersonRole.Focal, "Bản Lang");
        await Register("103", "Phòng GD&ĐT", PersonRole.Coordinator);
        foreach (var text in new[] { "cập nhật nhiệm vụ 1: hoàn thành, đã họp", "bỏ qua", "có" })
        {
            await engine.HandleAsync(new ChatMessage("telegram", "101", new ChatUser("101"), text), CancellationToken.None);
        }

        Assert.Equal(1, engine.Store.CountUpdates());

        await new ReminderDispatcher(engine, NullLogger<ReminderDispatcher>.Instance).DispatchAsync(Occurrence("deadline-10-12", -7), late: false, CancellationToken.None);

        var record = Assert.Single(engine.Outbox.ForBroadcast("TB-0001"));
        Assert.Equal("102", record.UserId);
        Assert.Contains("10/12/2026", record.Text, StringComparison.Ordinal);
        Assert.Equal(["Cập nhật ngay", "Đã nhận"], record.Buttons);
    }

    [Fact]
    public async Task The_day_after_notice_lists_the_late_units_to_the_coordinator_and_a_late_one_says_so()
    {
        await Register("102", "UBND các xã", PersonRole.Focal, "Bản Lang");
        await Register("103", "Phòng GD&ĐT", PersonRole.Coordinator);

        await new ReminderDispatcher(engine, NullLogger<ReminderDispatcher>.Instance).DispatchAsync(Occurrence("late-10-12", 1), late: true, CancellationToken.None);

        var record = Assert.Single(engine.Outbox.ForBroadcast("TB-0001"));
        Assert.Equal("103", record.UserId);
        Assert.StartsWith(ReminderDispatcher.LatePrefix, record.Text, StringComparison.Ordinal);
        Assert.Contains("Xã Bản Lang", record.Text, StringComparison.Ordinal);
    }
}
