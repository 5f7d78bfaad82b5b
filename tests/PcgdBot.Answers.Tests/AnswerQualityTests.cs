using PcgdBot.Plan;

namespace PcgdBot.Answers.Tests;

/// <summary>
/// The kinds of fault people met in the answers: a lead read wrongly from the plan, a unit's list with a duty where it
/// partners itself, menus cut before the words that tell duties apart, one-letter slips, a unit the plan does not name,
/// and deadlines for the asker's role. Expectations come from the plan's own text.
/// </summary>
public sealed class AnswerQualityTests(AnswerServiceFixture fixture) : IClassFixture<AnswerServiceFixture>
{
    private AnswerService Service => fixture.Service;

    private PlanDocument Plan => fixture.Service.Plan;

    private string UnitId(string name) => Plan.Units.Single(u => u.Name == name).Id;

    [Theory]
    [InlineData("ai lo dạy nghề cho lao động nông thôn")]
    [InlineData("ai phu trach day nghe cho lao dong nong thon")]
    [InlineData("đơn vị nào mở rộng dạy nghề gắn với sản xuất ở nông thôn")]
    public void Vocational_training_for_rural_workers_is_led_by_the_labour_office(string question)
    {
        var answer = Service.Ask(question);

        Assert.Equal("IV.2", answer.Source);
        Assert.Equal("Phòng Lao động - Thương binh và Xã hội", answer.Units[0].Name);
    }

    [Theory]
    [InlineData("ai chủ trì khen thưởng")]
    [InlineData("việc thi đua khen thưởng do ai phụ trách")]
    [InlineData("ai lo thi dua khen thuong")]
    public void Awards_are_led_by_the_education_office_with_home_affairs_supporting(string question)
    {
        var answer = Service.Ask(question);

        Assert.Equal("IV.1", answer.Source);
        Assert.Equal("Phòng Giáo dục và Đào tạo", answer.Units[0].Name);
        Assert.Contains(answer.Units, u => u.Name == "Phòng Nội vụ" && u.Role == UnitRole.Support);
        Assert.Contains("Phòng Nội vụ phối hợp", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("phòng giáo dục phải làm gì")]
    [InlineData("nhiem vu cua phong gd&dt")]
    public void The_education_offices_duty_list_has_no_duty_where_it_is_its_own_partner(string question)
    {
        var answer = Service.Ask(question);
        var numbered = answer.Text.Split('\n').Where(l => l.Length > 2 && char.IsDigit(l[0])).ToList();

        Assert.NotEmpty(numbered);
        Assert.DoesNotContain(numbered, l => VietnameseText.Fold(l).Contains("phoi hop voi phong giao duc va dao tao", StringComparison.Ordinal));
        // The duties of other sections it leads are still named, with the unit that partners it.
        Assert.Contains("IV.7.1 (Phòng Văn hóa", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Duty_labels_leave_out_the_opening_partner_list_and_keep_the_words_that_tell_duties_apart()
    {
        var recruiting = Plan.Duties.Single(d => d.Id == "IV.4.1");
        var vocational = Plan.Duties.Single(d => d.Id == "IV.2.1");
        var alone = Plan.Duties.Single(d => d.Id == "IV.1.2");

        Assert.StartsWith("Chủ trì: tham mưu Ủy ban nhân dân huyện trong việc tuyển dụng", recruiting.Label, StringComparison.Ordinal);
        Assert.StartsWith("Chủ trì: xây dựng, thực hiện kế hoạch phát triển các cơ sở dạy nghề", vocational.Label, StringComparison.Ordinal);
        Assert.Equal(alone.Text, alone.Label);
        var firstWords = Plan.Duties.Where(d => d.Section == "IV.3").Select(d => string.Join(' ', d.Label.Split(' ').Take(6))).ToList();
        Assert.Equal(firstWords.Count, firstWords.Distinct().Count());
    }

    [Theory]
    [InlineData("nhiem vu cua phong noi vuu", "Phòng Nội vụ")]
    [InlineData("ai chu tri tuyen dung giao vein", "Phòng Nội vụ")]
    [InlineData("ai chu tri quy hoach mang luoi truog lop", "Phòng Giáo dục và Đào tạo")]
    public void A_one_letter_slip_still_finds_the_answer(string question, string unit)
    {
        var answer = Service.Ask(question);

        Assert.NotEqual(QuestionKind.OutOfScope, answer.Kind);
        Assert.Equal(unit, answer.Units[0].Name);
    }

    [Theory]
    [InlineData("hôm nay giá phân bón bao nhiêu")]
    [InlineData("thoi tiet hom nay the nao")]
    public void Real_words_the_plan_lacks_are_not_turned_into_plan_words(string question)
    {
        Assert.Equal(QuestionKind.OutOfScope, Service.Ask(question).Kind);
    }

    [Theory]
    [InlineData("phòng y tế cần làm gì", "Phòng y tế")]
    [InlineData("cho em hoi phong y te co nhiem vu gi", "phong y te")]
    [InlineData("sở xây dựng phải làm gì", "Sở xây dựng")]
    public void A_unit_the_plan_does_not_name_is_told_so_with_the_nearest_units(string question, string typed)
    {
        var answer = Service.Ask(question);

        Assert.Equal(QuestionKind.UnknownUnit, answer.Kind);
        Assert.Contains($"«{VietnameseText.Capitalize(typed)}»", answer.Text, StringComparison.Ordinal);
        Assert.Empty(answer.Units);
        var nearest = answer.Text.Split('\n')[1];
        Assert.InRange(Plan.ResponsibleUnits.Count(u => nearest.Contains(u.Name, StringComparison.Ordinal)), 1, 3);
    }

    [Theory]
    [InlineData("Phòng Nội vụ")]
    [InlineData("Ủy ban nhân dân các xã, thị trấn")]
    public void A_unit_asking_for_the_deadline_is_told_its_own_from_the_plan(string unit)
    {
        var expected = Plan.Deadlines.First(d => d.Recipient.Contains("Giáo dục", StringComparison.OrdinalIgnoreCase));

        var answer = Service.Ask("hạn nộp báo cáo là khi nào", QuestionKind.Deadline, UnitId(unit));

        Assert.Contains(unit, answer.Text, StringComparison.Ordinal);
        Assert.Contains($"trước ngày {expected.DayMonth}", answer.Text, StringComparison.Ordinal);
        Assert.Contains(expected.Recipient, answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Huyện ủy", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_coordinator_asking_for_the_deadline_is_told_the_district_report_and_when_units_report_in()
    {
        var office = UnitId("Phòng Giáo dục và Đào tạo");
        var own = Plan.Deadlines.Single(d => d.Reporters.Contains(office));
        var incoming = Plan.Deadlines.Single(d => d != own);

        var answer = Service.Ask("hạn báo cáo khi nào", QuestionKind.Deadline, office);

        Assert.StartsWith($"Theo mục {own.Section} của Kế hoạch, Phòng Giáo dục và Đào tạo gửi báo cáo về {own.Recipient} trước ngày {own.DayMonth}", answer.Text, StringComparison.Ordinal);
        Assert.Contains($"trước ngày {incoming.DayMonth}", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deadline_asked_about_another_unit_is_not_answered_for_the_asker()
    {
        var answer = Service.Ask("phòng giáo dục báo cáo huyện ủy hạn khi nào", QuestionKind.Deadline, UnitId("Phòng Nội vụ"));

        Assert.DoesNotContain("Phòng Nội vụ gửi", answer.Text, StringComparison.Ordinal);
        Assert.Contains("20/12", answer.Text, StringComparison.Ordinal);
    }
}
