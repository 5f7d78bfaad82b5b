using PcgdBot.Conversations.Tests.Support;
using PcgdBot.Storage.Reporting;

namespace PcgdBot.Conversations.Tests;

/// <summary>Dialogs that bend: other intents at a step, choices and yes/no said many ways, small talk, who asks.</summary>
public sealed class DialogBendingTests(ContentFixture fixture) : IClassFixture<ContentFixture>
{
    private async Task<BotHarness> FocalOfMuongSo()
    {
        var bot = new BotHarness(fixture.Content);
        await bot.Register("lan", "UBND các xã", PersonRole.Focal, "Mường So");
        return bot;
    }

    [Theory]
    [InlineData("thôi hủy đi")]
    [InlineData("thôi không báo nữa")]
    [InlineData("dạ thôi em không báo cáo nữa ạ")]
    public async Task Natural_cancels_end_the_dialog_at_a_choice_step(string cancel)
    {
        using var bot = await FocalOfMuongSo();
        await bot.Say("lan", "cập nhật");
        var reply = await bot.Say("lan", cancel);
        Assert.Contains("Đã hủy", reply, StringComparison.Ordinal);
        Assert.Contains("Hiện không có việc gì", await bot.Say("lan", "hủy"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_question_mid_dialog_is_answered_and_the_step_asked_again()
    {
        using var bot = await FocalOfMuongSo();
        await bot.Say("lan", "cập nhật");
        await bot.Say("lan", "1");
        var reply = await bot.Say("lan", "mà hạn nộp báo cáo là ngày nào vậy anh");
        Assert.Contains("10/12", reply, StringComparison.Ordinal);
        Assert.Contains("Tình hình thực hiện", reply, StringComparison.Ordinal);
        Assert.Contains("số liệu", await bot.Say("lan", "đang thực hiện"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nhiệm vụ 1")]
    [InlineData("số 1")]
    [InlineData("cái thứ nhất")]
    public async Task Choices_are_understood_by_their_number_said_in_words(string choice)
    {
        using var bot = await FocalOfMuongSo();
        await bot.Say("lan", "cập nhật");
        Assert.Contains("Tình hình thực hiện", await bot.Say("lan", choice), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nearly_done_is_in_progress_and_ok_saves_and_my_reports_resume_the_dialog()
    {
        using var bot = await FocalOfMuongSo();
        await bot.Say("lan", "cập nhật");
        await bot.Say("lan", "1");
        await bot.Say("lan", "gần xong");
        var mine = await bot.Say("lan", "báo cáo của tôi");
        Assert.Contains("số liệu", mine, StringComparison.Ordinal);
        await bot.Say("lan", "3 lớp");
        var summary = await bot.Say("lan", "bỏ qua");
        Assert.Contains("Tình hình: Đang thực hiện", summary, StringComparison.Ordinal);
        Assert.Matches(@"BC-\d{4}", await bot.Say("lan", "lưu đi"));
    }

    [Fact]
    public async Task Starting_again_asks_the_first_question_and_repeated_misses_offer_the_ways_out()
    {
        using var bot = await FocalOfMuongSo();
        await bot.Say("lan", "cập nhật");
        await bot.Say("lan", "1");
        Assert.Contains("Báo cáo nhiệm vụ nào", await bot.Say("lan", "làm lại"), StringComparison.Ordinal);
        await bot.Say("lan", "1");
        await bot.Say("lan", "abc xyz");
        var second = await bot.Say("lan", "qwe rty");
        Assert.Contains("\"hủy\" để dừng", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Polite_report_request_starts_the_update_and_polite_registration_registers()
    {
        using var bot = new BotHarness(fixture.Content);
        var invite = bot.Engine.CreateInvite("UBND các xã", "Mường So", PersonRole.Leader, "test");
        var welcome = await bot.Say("an", "dạ em xin phép đăng ký " + invite.Code);
        Assert.Contains("lãnh đạo xã", welcome, StringComparison.Ordinal);
        Assert.DoesNotContain("Gõ \"cập nhật\"", welcome, StringComparison.Ordinal);

        using var other = await FocalOfMuongSo();
        Assert.Contains("Báo cáo nhiệm vụ nào", await other.Say("lan", "dạ em muốn báo cáo tiến độ ạ"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ok cảm ơn bot nhé", "không có gì")]
    [InlineData("bạn là ai", "PcgdBot")]
    [InlineData("dạ vâng", "Dạ vâng")]
    public async Task Small_talk_gets_a_short_reply_not_the_menu(string text, string expected)
    {
        using var bot = new BotHarness(fixture.Content);
        var reply = await bot.Say("khach", text);
        Assert.Contains(expected, reply, StringComparison.Ordinal);
        Assert.DoesNotContain("nằm ngoài", reply, StringComparison.Ordinal);
        Assert.True(reply.Split('\n').Length <= 3, reply);
    }

    [Fact]
    public async Task Out_of_scope_gets_a_short_refusal_with_a_few_suggestions()
    {
        using var bot = new BotHarness(fixture.Content);
        var reply = await bot.Say("khach", "giá phân bón hôm nay bao nhiêu");
        Assert.Contains("nằm ngoài nội dung", reply, StringComparison.Ordinal);
        Assert.InRange(reply.Split('\n').Count(l => l.StartsWith('•')), 2, 3);
    }

    [Fact]
    public async Task Follow_ups_resolve_against_the_last_subject()
    {
        using var bot = new BotHarness(fixture.Content);
        Assert.Contains("Tài nguyên", await bot.Say("khach", "cho em hỏi đơn vị nào lo việc giao đất, cấp đất xây trường học ạ"), StringComparison.Ordinal);
        Assert.Contains("Tài nguyên", await bot.Say("khach", "đơn vị đó còn làm gì nữa"), StringComparison.Ordinal);
        Assert.Contains("Kinh tế", await bot.Say("khach2", "TC-KH phải làm gì") + await bot.Say("khach2", "thế còn phối hợp thì sao"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task My_unit_means_the_askers_unit_and_a_section_is_quoted()
    {
        using var bot = await FocalOfMuongSo();
        var duties = await bot.Say("lan", "xã em phải làm gì");
        Assert.Contains("IV.13", duties, StringComparison.Ordinal);
        Assert.Contains("IV.9", await bot.Say("lan", "mục IV.9 nói gì"), StringComparison.Ordinal);
    }
}
