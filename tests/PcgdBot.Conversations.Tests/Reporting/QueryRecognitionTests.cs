using PcgdBot.Storage.Reporting;

namespace PcgdBot.Conversations.Tests.Queries;

/// <summary>
/// Which texts are questions about reported data: questions about the plan (who leads, deadlines, targets) are left
/// to the plan answers, and people who are not registered are told how to register only when they ask for data.
/// </summary>
public sealed class QueryRecognitionTests : IDisposable
{
    private readonly QueryWorld world = new();

    public void Dispose() => world.Dispose();

    [Theory]
    [InlineData("ai chủ trì báo cáo?")]
    [InlineData("hạn báo cáo là khi nào?")]
    [InlineData("han bao cao la khi nao")]
    [InlineData("báo cáo gửi ai?")]
    [InlineData("bao cao gui ai")]
    [InlineData("Ai tổng hợp báo cáo gửi Ban Thường vụ Huyện ủy?")]
    [InlineData("Phòng GD&ĐT phải tổng hợp báo cáo Ban Thường vụ Huyện ủy trước ngày nào?")]
    [InlineData("Hạn nộp báo cáo hằng năm về phòng Giáo dục là khi nào?")]
    [InlineData("Ai điều tra, tổng hợp số liệu phổ cập giáo dục hằng năm?")]
    [InlineData("Đơn vị nào định kỳ báo cáo tiến độ, kết quả thực hiện kế hoạch lên Sở GD&ĐT?")]
    [InlineData("xa nop bao cao pcgd ve phong giao duc truoc ngay nao")]
    [InlineData("Các phòng, ban, ngành gửi báo cáo hằng năm về đâu, hạn khi nào?")]
    [InlineData("Khó khăn, bất cập khi thực hiện ở cơ sở thì ai báo cáo với Ban Chỉ đạo xây dựng xã hội học tập?")]
    [InlineData("Đến 2030 phấn đấu bao nhiêu % số xã, thị trấn đạt chuẩn PCGD THCS mức độ 3?")]
    [InlineData("Tỷ lệ xã đạt chuẩn xóa mù chữ mức độ 2 cần đạt là bao nhiêu?")]
    [InlineData("Huyện có bao nhiêu xã đặc biệt khó khăn?")]
    [InlineData("UBND xã cần làm gì?")]
    [InlineData("UBND xã phải báo cáo gì?")]
    [InlineData("Phòng Nội vụ báo cáo cho ai?")]
    [InlineData("nhiệm vụ IV.13.2 là gì?")]
    [InlineData("Ai phụ trách tuyển dụng giáo viên?")]
    [InlineData("Giá phân bón hôm nay bao nhiêu?")]
    [InlineData("xin chào")]
    [InlineData("báo cáo")]
    [InlineData("cập nhật")]
    [InlineData("")]
    public void Questions_about_the_plan_are_left_to_the_plan_answers(string question)
    {
        var coordinator = world.Coordinator();

        Assert.Null(world.Ask(question, coordinator));
        Assert.Null(world.Ask(question, null));
    }

    [Theory]
    [InlineData("đơn vị nào chưa báo cáo?")]
    [InlineData("xa muong so bao cao gi")]
    [InlineData("tiến độ nhiệm vụ IV.13?")]
    [InlineData("có mấy xã hoàn thành điều tra phổ cập")]
    [InlineData("tong hop bao cao nam nay")]
    public void Someone_not_registered_who_asks_for_data_is_told_to_register_with_an_invite_code(string question)
    {
        var reply = world.Ask(question, null);

        Assert.NotNull(reply);
        Assert.Contains("đăng ký", reply, StringComparison.Ordinal);
        Assert.Contains("mã mời do Phòng GD&ĐT cấp", reply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("báo cáo của tôi")]
    [InlineData("bao cao cua toi")]
    public void A_persons_own_reports_are_left_to_the_status_update_replies(string question)
    {
        var focal = world.Register("Xã Mường So", PersonRole.Focal);

        Assert.Null(world.Ask(question, focal));
    }

    [Theory]
    [InlineData("cập nhật tiến độ IV.13.2")]
    [InlineData("cập nhật nhiệm vụ 1 hoàn thành, đã tuyển đủ giáo viên")]
    [InlineData("báo cáo IV.13.3 đã hoàn thành 45 học viên")]
    [InlineData("cap nhat tien do xa Muong So")]
    [InlineData("báo cáo tiến độ xã Mường So đã xong")]
    [InlineData("/baocao")]
    [InlineData("/capnhat IV.13.2")]
    public void Commands_that_start_a_status_update_are_not_taken_for_questions(string command)
    {
        var coordinator = world.Coordinator();

        Assert.Null(world.Ask(command, coordinator));
    }

    [Theory]
    [InlineData("báo cáo tiến độ IV.13.2 thế nào?", "Chưa có đơn vị nào báo cáo về nhiệm vụ IV.13.2")]
    [InlineData("báo cáo tổng hợp", "Kỳ báo cáo 2026 chưa có báo cáo nào")]
    [InlineData("báo cáo của xã Mường So", "Xã Mường So chưa có báo cáo nào")]
    public void The_same_words_asked_as_a_question_are_answered_from_the_data(string question, string expected)
    {
        var coordinator = world.Coordinator();

        Assert.StartsWith(expected, world.Ask(question, coordinator), StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_database_tells_a_registered_person_that_there_are_no_units_yet()
    {
        using var empty = new QueryWorld(withUnits: false);
        var person = empty.RegisterFor("phong-giao-duc-va-dao-tao", PersonRole.Coordinator);

        var reply = empty.Ask("đơn vị nào chưa báo cáo?", person);

        Assert.Equal("Chưa có danh sách đơn vị báo cáo nên tôi chưa tổng hợp được. Xin liên hệ Phòng GD&ĐT.", reply);
        Assert.Null(empty.Ask("ai chủ trì báo cáo?", person));
    }

    [Fact]
    public void An_empty_database_still_asks_someone_not_registered_to_register()
    {
        using var empty = new QueryWorld(withUnits: false);

        Assert.Contains("đăng ký", empty.Ask("tổng hợp", null)!, StringComparison.Ordinal);
    }

    [Fact]
    public void With_units_but_no_updates_every_unit_is_listed_as_missing()
    {
        var coordinator = world.Coordinator();

        var reply = world.Ask("ai chưa báo cáo", coordinator)!;

        Assert.StartsWith($"Kỳ báo cáo 2026: 0/{world.ReportingUnitCount} đơn vị đã báo cáo. Hạn nộp: 10/12/2026.", reply, StringComparison.Ordinal);
    }

    [Fact]
    public void A_question_asked_after_the_deadline_belongs_to_the_next_period()
    {
        var coordinator = world.Coordinator();

        var reply = world.Queries.TryAnswer("tổng hợp", coordinator, new DateOnly(2026, 12, 11))!;

        Assert.Equal("Kỳ báo cáo 2027 chưa có báo cáo nào. Hạn nộp: 10/12/2027.", reply);
    }
}
