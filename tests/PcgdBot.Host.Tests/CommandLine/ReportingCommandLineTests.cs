using System.Text.RegularExpressions;
using PcgdBot.Host.Tests.Support;
using PcgdBot.Storage;
using PcgdBot.Storage.Reporting;

namespace PcgdBot.Host.Tests.CommandLine;

/// <summary>
/// Registration and reporting as they will be tried: <c>invite</c> prints a code, a scripted <c>chat</c> registers and
/// reports against a real database file, and a second <c>chat</c> process sees the same person and updates.
/// </summary>
public sealed partial class ReportingCommandLineTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "pcgdbot-cli-" + Guid.NewGuid().ToString("N"));

    public ReportingCommandLineTests() => Directory.CreateDirectory(folder);

    private string DatabasePath => Path.Combine(folder, "data", "bot.db");

    public void Dispose()
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }

    [Fact]
    public async Task An_invite_then_a_scripted_chat_registers_and_reports_and_a_second_process_sees_it()
    {
        var invite = await HostProcess.RunAsync("", "invite", "--unit", "UBND các xã", "--member", "Mường So", "--role", "focal", "--db", DatabasePath);
        Assert.True(invite.ExitCode == 0, invite.Error);
        var code = invite.Output.Trim().Split('\n')[^1].Trim();
        Assert.Matches("^[A-Z2-9]{8}$", code);

        var first = await HostProcess.RunAsync(
            $"dang ky {code}\ncập nhật\n2\nđang thực hiện\n80%\nĐã mở 3 lớp XMC\ncó\n",
            "chat", "--user", "lan", "--db", DatabasePath);
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains("cán bộ đầu mối của Xã Mường So", first.Output);
        Assert.Contains("Đã lưu báo cáo số BC-0001", first.Output);

        var second = await HostProcess.RunAsync("báo cáo của tôi\nxã Mường So đã báo cáo gì?\n", "chat", "--user", "lan", "--db", DatabasePath);
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Contains("BC-0001", second.Output);
        Assert.Contains("Đã mở 3 lớp XMC", second.Output);
    }

    [Fact]
    public async Task Ask_as_a_registered_coordinator_answers_questions_about_reported_data()
    {
        var invite = await CommandLineRun.RunAsync("", "invite", "--unit", "Phòng GD&ĐT", "--role", "coordinator", "--db", DatabasePath);
        var code = invite.Output.Trim().Split('\n')[^1].Trim();
        await CommandLineRun.RunAsync($"đăng ký {code}\n", "chat", "--user", "boss", "--db", DatabasePath);

        var result = await CommandLineRun.RunAsync("", "ask", "don vi nao chua bao cao", "--user", "boss", "--db", DatabasePath);
        var anonymous = await CommandLineRun.RunAsync("", "ask", "ai chủ trì tuyển dụng giáo viên?");

        Assert.True(result.ExitCode == 0, result.Error);
        // 32 reporting units: the plan's units and communes, less Phòng GD&ĐT, which receives the reports.
        Assert.Contains("0/32 đơn vị đã báo cáo", result.Output);
        Assert.DoesNotContain("Phòng Giáo dục và Đào tạo", result.Output.Split("chưa báo cáo", 2)[^1], StringComparison.Ordinal);
        Assert.Contains("Phòng Nội vụ", anonymous.Output);
    }

    [Fact]
    public async Task An_invite_for_a_unit_the_plan_does_not_have_is_refused_in_vietnamese()
    {
        var result = await CommandLineRun.RunAsync("", "invite", "--unit", "Phòng Y tế", "--role", "focal", "--db", DatabasePath);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Không tìm thấy đơn vị \"Phòng Y tế\"", result.Error);
        Assert.Equal(string.Empty, result.Output);
    }

    [Fact]
    public async Task A_leader_invite_for_a_commune_not_in_the_list_names_the_communes_there_are()
    {
        var result = await CommandLineRun.RunAsync("", "invite", "--unit", "UBND các xã", "--member", "Xã Không Có", "--role", "leader", "--db", DatabasePath);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("không có đơn vị thành viên \"Xã Không Có\"", result.Error);
        Assert.Contains("Xã Mường So", result.Error);
    }

    [Fact]
    public async Task A_school_named_in_an_invite_becomes_a_reporting_member_of_the_schools()
    {
        var result = await CommandLineRun.RunAsync("", "invite", "--unit", "các trường THCS", "--member", "Trường THCS Mường So", "--role", "focal", "--db", DatabasePath);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("Trường THCS Mường So", result.Output);
        using var database = PcgdBotDatabase.Open(DatabasePath);
        Assert.Contains(new ReportingStore(database).AllUnits(), u => u.Name == "Trường THCS Mường So" && u.ParentId is not null);
    }

    [Fact]
    public async Task Killed_at_random_moments_while_reporting_every_confirmed_update_survives_once()
    {
        var invite = await CommandLineRun.RunAsync("", "invite", "--unit", "Phòng Nội vụ", "--role", "focal", "--db", DatabasePath);
        var code = invite.Output.Trim().Split('\n')[^1].Trim();
        var confirmed = new Dictionary<string, string>();
        var random = new Random(20261130);
        var number = 0;
        for (var round = 0; round < 8; round++)
        {
            await using var chat = HostProcess.Start("chat", "--user", "crash", "--db", DatabasePath);
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            var killAfter = random.Next(2, 14);
            var turns = 0;
            if (round == 0)
            {
                await chat.SendAsync("đăng ký " + code);
                await chat.ReadTurnAsync(timeout.Token);
            }

            // A dialog interrupted by the previous kill is still open: start clean.
            await chat.SendAsync("hủy");
            await chat.ReadTurnAsync(timeout.Token);
            while (turns < killAfter)
            {
                var note = "ghi chú " + Letters(++number);
                foreach (var message in new[] { $"cập nhật nhiệm vụ 1: đang thực hiện, {note}", "bỏ qua", "có" })
                {
                    await chat.SendAsync(message);
                    if (++turns >= killAfter)
                    {
                        // Killed while this message may be half-handled: an unconfirmed update may or may not be saved.
                        chat.KillHard();
                        break;
                    }

                    var reply = await chat.ReadTurnAsync(timeout.Token);
                    if (reply is not null && Receipt().Match(reply) is { Success: true } receipt)
                    {
                        confirmed[receipt.Value] = note;
                    }
                }
            }
        }

        using var database = PcgdBotDatabase.Open(DatabasePath);
        var store = new ReportingStore(database);
        var person = Assert.Single(store.AllPeople());
        var updates = store.UpdatesOfPerson(person.Id, "2026").Concat(store.UpdatesOfPerson(person.Id, "2027")).ToList();
        Assert.NotEmpty(confirmed);
        foreach (var (receipt, note) in confirmed)
        {
            var update = Assert.Single(updates, u => u.Receipt == receipt);
            Assert.Equal(note, update.Note);
        }

        // Nothing half-written: every stored update is whole and was saved once.
        Assert.All(updates, u => Assert.False(string.IsNullOrEmpty(u.Note) || string.IsNullOrEmpty(u.SourceKey) || u.DutyId != "IV.4.1"));
        Assert.Equal(updates.Count, updates.Select(u => u.SourceKey).Distinct().Count());
        Assert.Equal(updates.Count, updates.Select(u => u.Note).Distinct().Count());
    }

    /// <summary>1 → "a", 27 → "ba": a unique note without digits, so no part of it reads as a key figure.</summary>
    private static string Letters(int number)
    {
        var letters = string.Empty;
        do
        {
            letters = (char)('a' + (number % 26)) + letters;
            number /= 26;
        }
        while (number > 0);
        return letters;
    }

    [GeneratedRegex(@"BC-\d{4}")]
    private static partial Regex Receipt();
}
