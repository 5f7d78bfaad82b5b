namespace PcgdBot.Plan.Tests;

/// <summary>A plan of the same shape for another district (Sìn Hồ) loads with its own units, roles, deadline and district.</summary>
public class OtherDistrictPlanTests
{
    internal const string SinHoPlan = """
        ỦY BAN NHÂN DÂN HUYỆN SÌN HỒ

        ## KẾ HOẠCH

        **Thực hiện công tác phổ cập giáo dục, xóa mù chữ trên địa bàn huyện Sìn Hồ năm 2025**

        Thực hiện Chỉ thị số 29-CT/TW ngày 05/01/2024 của Bộ Chính trị về công tác phổ cập giáo dục, Ủy ban nhân dân huyện ban hành Kế hoạch như sau:

        I. MỤC ĐÍCH, YÊU CẦU

        - Nâng cao nhận thức của các cấp, các ngành về công tác phổ cập giáo dục.

        II. MỤC TIÊU

        1. Mục tiêu chung

        Duy trì kết quả phổ cập giáo dục, xóa mù chữ.

        2. Mục tiêu cụ thể đến năm 2027

        Huy động 99% trẻ 5 tuổi ra lớp; 85% xã đạt chuẩn xóa mù chữ mức độ 2.

        III. NHIỆM VỤ VÀ GIẢI PHÁP

        1. Tăng cường công tác tuyên truyền

        - Tuyên truyền sâu rộng trong Nhân dân.

        IV. TỔ CHỨC THỰC HIỆN

        1. Phòng Giáo dục và Đào tạo

        - Chủ trì tham mưu Ủy ban nhân dân huyện triển khai Kế hoạch.

        2. Đề nghị Hội Cựu chiến binh huyện

        - Chủ trì, phối hợp với Phòng Y tế vận động hội viên đưa con em đến trường.

        - Phối hợp với Phòng Giáo dục và Đào tạo tuyên truyền về công tác xóa mù chữ.

        3. Chế độ thông tin, báo cáo

        Hội Cựu chiến binh huyện báo cáo kết quả thực hiện về Phòng Giáo dục và Đào tạo trước ngày 15/11 hằng năm.

        Trên đây là Kế hoạch thực hiện công tác phổ cập giáo dục trên địa bàn huyện Sìn Hồ.
        """;

    private static readonly Lazy<PlanDocument> LazyPlan = new(() => PlanParser.Parse(SinHoPlan, "sin-ho.md", TestContent.Lexicon));

    private static PlanDocument Plan => LazyPlan.Value;

    [Fact]
    public void The_district_is_taken_from_the_title()
    {
        Assert.Equal("Sìn Hồ", Plan.District);
        Assert.Equal("Thực hiện công tác phổ cập giáo dục, xóa mù chữ trên địa bàn huyện Sìn Hồ năm 2025", Plan.Title);
    }

    [Fact]
    public void The_units_are_the_two_sections_and_the_partner_named_in_a_duty()
    {
        Assert.Equal(
            ["IV.1 Phòng Giáo dục và Đào tạo", "IV.2 Hội Cựu chiến binh huyện", "- Phòng Y tế"],
            Plan.Units.Select(u => $"{u.Section ?? "-"} {u.Name}"));
    }

    [Fact]
    public void Hoi_Cuu_chien_binh_leads_its_first_duty_with_Phong_Y_te_supporting()
    {
        var duty = Plan.Duty("IV.2.1");

        Assert.Equal(
            [new DutyRole(Plan.UnitNamed("Hội Cựu chiến binh huyện").Id, UnitRole.Lead), new DutyRole(Plan.UnitNamed("Phòng Y tế").Id, UnitRole.Support)],
            duty.Roles);
        Assert.Equal(TestContent.LineOf(SinHoPlan, "Chủ trì, phối hợp với Phòng Y tế"), duty.Line);
    }

    [Fact]
    public void Hoi_Cuu_chien_binh_supports_Phong_GDDT_in_its_second_duty()
    {
        var duty = Plan.Duty("IV.2.2");

        Assert.Equal(
            [new DutyRole(Plan.UnitNamed("Hội Cựu chiến binh huyện").Id, UnitRole.Support), new DutyRole(Plan.UnitNamed("Phòng Giáo dục và Đào tạo").Id, UnitRole.Lead)],
            duty.Roles);
    }

    [Fact]
    public void Hoi_Cuu_chien_binh_reports_to_Phong_GDDT_before_15_11()
    {
        var deadline = Assert.Single(Plan.Deadlines);

        Assert.Equal("15/11", deadline.DayMonth);
        Assert.Equal("IV.3", deadline.Section);
        Assert.Equal([Plan.UnitNamed("Hội Cựu chiến binh huyện").Id], deadline.Reporters);
        Assert.Equal("Phòng Giáo dục và Đào tạo", deadline.Recipient);
        Assert.Equal(TestContent.LineOf(SinHoPlan, "trước ngày 15/11"), deadline.Line);
    }

    [Fact]
    public void The_targets_and_their_year_come_from_II_2()
    {
        Assert.Equal(["99%", "85%"], Plan.Targets.Where(t => t.Value is not null).Select(t => t.Value));
        Assert.All(Plan.Targets, t => Assert.Equal("II.2", t.Section));
        Assert.All(Plan.Targets, t => Assert.Equal(2027, t.Year));
    }

    [Fact]
    public void Nothing_of_the_Phong_Tho_plan_leaks_into_another_district()
    {
        Assert.Single(Plan.GeneralTasks);
        Assert.Equal(["29-CT/TW"], Plan.BaseDocuments.Select(d => d.Number));
        Assert.Empty(Plan.Warnings);
    }

    [Fact]
    public void Two_partners_joined_by_va_are_read_as_two_units()
    {
        var text = SinHoPlan.Replace(
            "phối hợp với Phòng Y tế vận động",
            "phối hợp với Phòng Y tế và Phòng Giáo dục và Đào tạo vận động",
            StringComparison.Ordinal);

        var plan = PlanParser.Parse(text, "sin-ho.md", TestContent.Lexicon);

        Assert.Equal(
            ["IV.1 Phòng Giáo dục và Đào tạo", "IV.2 Hội Cựu chiến binh huyện", "- Phòng Y tế"],
            plan.Units.Select(u => $"{u.Section ?? "-"} {u.Name}"));
        Assert.Equal(
            [
                new DutyRole(plan.UnitNamed("Hội Cựu chiến binh huyện").Id, UnitRole.Lead),
                new DutyRole(plan.UnitNamed("Phòng Y tế").Id, UnitRole.Support),
                new DutyRole(plan.UnitNamed("Phòng Giáo dục và Đào tạo").Id, UnitRole.Support),
            ],
            plan.Duty("IV.2.1").Roles);
    }

    [Fact]
    public void A_plan_with_Windows_line_endings_reads_the_same()
    {
        var plan = PlanParser.Parse(SinHoPlan.Replace("\n", "\r\n", StringComparison.Ordinal), "sin-ho.md", TestContent.Lexicon);

        Assert.Equal(Plan.Units.Select(u => u.Id), plan.Units.Select(u => u.Id));
        Assert.Equal(
            Plan.Duties.Select(d => (d.Id, d.Text, d.Line, string.Join(", ", d.Roles))),
            plan.Duties.Select(d => (d.Id, d.Text, d.Line, string.Join(", ", d.Roles))));
        Assert.Equal(Plan.Deadlines.Select(d => (d.DayMonth, d.Recipient)), plan.Deadlines.Select(d => (d.DayMonth, d.Recipient)));
    }
}
