using System.Text.Json;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;
using PcgdBot.Conversations;
using PcgdBot.Host.Tests.Support;
using PcgdBot.Storage.Reporting;

namespace PcgdBot.Host.Tests.Web;

/// <summary>A status update filed through the Bot Framework endpoint, pressing the buttons the bot offers, ending in the LiteDB file.</summary>
public sealed class EmulatorReportingTests
{
    [Fact]
    public async Task A_focal_point_registers_and_files_an_update_by_pressing_buttons_over_the_emulator_endpoint()
    {
        await using var bot = new PcgdBotFactory();
        var client = bot.CreateClient();
        var engine = bot.Services.GetRequiredService<ChatEngine>();
        var code = engine.CreateInvite("UBND các xã", "Mường So", PersonRole.Focal, "test").Code!;
        await using var emulator = await EmulatorChannel.StartAsync();
        var conversationId = EmulatorActivities.NewConversationId();

        async Task<SentActivity> Say(string text)
        {
            using var response = await client.PostAsync("/api/messages", EmulatorActivities.Message(emulator.ServiceUrl, conversationId, text));
            Assert.True(response.IsSuccessStatusCode, $"/api/messages answered {(int)response.StatusCode}");
            var reply = await emulator.NextAsync();
            // Some turns send two messages (a summary, then the question): the last one carries the buttons.
            while (await emulator.SendsMoreWithinAsync(TimeSpan.FromMilliseconds(200)))
            {
                reply = await emulator.NextAsync();
            }

            return reply;
        }

        static string Button(SentActivity reply, int index) => reply.SuggestedActions[index].GetProperty("value").GetString()!;

        Assert.Contains("đã được đăng ký", (await Say("đăng ký " + code)).Text);
        var duties = await Say("cập nhật");
        Assert.Contains("Báo cáo nhiệm vụ nào của Xã Mường So?", duties.Text);
        var statuses = await Say(Button(duties, 1));
        Assert.Contains("Tình hình thực hiện", statuses.Text);
        Assert.Contains("Có số liệu", (await Say(Button(statuses, 2))).Text);
        Assert.Contains("Ghi chú", (await Say("95%")).Text);
        var confirm = await Say("Đã hoàn thành điều tra <số liệu> & cập nhật_phần mềm");
        Assert.Contains("Lưu báo cáo này?", confirm.Text);
        Assert.Contains("Đã lưu báo cáo số BC-0001", (await Say(Button(confirm, 0))).Text);

        var update = Assert.Single(engine.Store.UpdatesIn(engine.Calendar.PeriodOf(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)))));
        Assert.Equal("IV.13.2", update.DutyId);
        Assert.Equal(ProgressStatus.Done, update.Status);
        Assert.Equal("95%", update.FigureText);
        Assert.Equal("Đã hoàn thành điều tra <số liệu> & cập nhật_phần mềm", update.Note);

        // Bot Framework's user state in the same file remembers where to reach this user later.
        var storage = bot.Services.GetRequiredService<IStorage>();
        var state = await storage.ReadAsync([$"emulator/users/{EmulatorActivities.UserId}"]);
        var saved = JsonSerializer.Serialize(Assert.Single(state).Value);
        Assert.Contains(conversationId.Split('|')[0], saved);
    }
}
