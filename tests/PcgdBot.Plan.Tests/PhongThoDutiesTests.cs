namespace PcgdBot.Plan.Tests;

/// <summary>The duties (bullets of part IV) of the real Phong Thổ plan and who leads or supports each.</summary>
public class PhongThoDutiesTests
{
    private const string Gddt = "Phòng Giáo dục và Đào tạo";

    private static PlanDocument Plan => TestContent.PhongTho;

    private static DutyRole Lead(string unitName) => new(Plan.UnitNamed(unitName).Id, UnitRole.Lead);

    private static DutyRole Support(string unitName) => new(Plan.UnitNamed(unitName).Id, UnitRole.Support);

    [Fact]
    public void Phong_Lao_dong_Thuong_binh_va_Xa_hoi_has_two_duties_in_IV_2()
    {
        var duties = Plan.Duties.Where(d => d.Section == "IV.2").ToList();

        Assert.Equal(["IV.2.1", "IV.2.2"], duties.Select(d => d.Id));
        Assert.All(duties, d => Assert.Equal(Plan.UnitNamed("Phòng Lao động - Thương binh và Xã hội").Id, d.OwnerUnitId));
    }

    [Fact]
    public void Phong_Tai_chinh_Ke_hoach_leads_IV_3_1_with_Phong_GDDT_and_Phong_Kinh_te_Ha_tang_supporting()
    {
        var duty = Plan.Duty("IV.3.1");

        Assert.Equal(
            [Lead("Phòng Tài chính - Kế hoạch"), Support(Gddt), Support("Phòng Kinh tế - Hạ tầng")],
            duty.Roles);
    }

    [Fact]
    public void Phong_Van_hoa_Thong_tin_owns_IV_7_1_but_supports_it_while_Phong_GDDT_leads()
    {
        var duty = Plan.Duty("IV.7.1");

        Assert.Equal([Support("Phòng Văn hóa - Thông tin huyện"), Lead(Gddt)], duty.Roles);
        Assert.Equal(Plan.UnitNamed("Phòng Văn hóa - Thông tin huyện").Id, duty.OwnerUnitId);
    }

    [Fact]
    public void Hoi_Nong_dan_supports_Phong_Nong_nghiep_in_IV_5_2()
    {
        var duty = Plan.Duty("IV.5.2");

        Assert.Equal([Lead("Phòng Nông nghiệp và Phát triển nông thôn"), Support("Hội Nông dân")], duty.Roles);
    }

    [Fact]
    public void Phong_Noi_vu_leads_the_recruitment_duty_with_Phong_GDDT_supporting()
    {
        var duty = Plan.Duty("IV.4.1");

        Assert.Contains("tuyển dụng", duty.Text, StringComparison.Ordinal);
        Assert.Equal([Lead("Phòng Nội vụ"), Support(Gddt)], duty.Roles);
    }

    [Fact]
    public void The_reporting_section_gives_the_reporting_units_a_duty_to_report_to_Phong_GDDT()
    {
        var duty = Plan.Duty("IV.19.1");

        Assert.Contains("trước ngày 10/12", duty.Text, StringComparison.Ordinal);
        Assert.Contains(Lead("Ủy ban nhân dân các xã, thị trấn"), duty.Roles);
        Assert.Contains(Lead("Các phòng, ban, ngành, đoàn thể, các tổ chức có liên quan"), duty.Roles);
        Assert.Contains(Support(Gddt), duty.Roles);
    }

    [Fact]
    public void The_reporting_section_gives_Phong_GDDT_the_duty_to_report_to_the_district_party_committee()
    {
        var duty = Plan.Duty("IV.19.2");

        Assert.Contains("trước ngày 20/12", duty.Text, StringComparison.Ordinal);
        Assert.Equal([Lead(Gddt)], duty.Roles);
    }

    [Fact]
    public void The_reporting_section_yields_only_the_clauses_that_name_a_unit()
    {
        Assert.Equal(["IV.19.1", "IV.19.2"], Plan.Duties.Where(d => d.Section == "IV.19").Select(d => d.Id));
    }

    [Theory]
    [InlineData("IV.2.1", "dạy nghề gắn với sản xuất ở nông thôn, vùng sâu")]
    [InlineData("IV.6.2", "thực hiện quy hoạch, kế hoạch sử dụng đất để xây dựng trường")]
    public void Duty_text_rejoins_a_sentence_that_a_page_break_split(string dutyId, string joined)
    {
        Assert.Contains(joined, Plan.Duty(dutyId).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void No_duty_text_keeps_Markdown_asterisks()
    {
        Assert.All(Plan.Duties, d => Assert.DoesNotContain("*", d.Text, StringComparison.Ordinal));
        Assert.Contains("“Công dân học tập”", Plan.Duty("IV.17.3").Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("IV.1.1", 91)]
    [InlineData("IV.2.1", 105)]
    [InlineData("IV.6.2", 137)]
    [InlineData("IV.7.1", 143)]
    [InlineData("IV.19.2", 213)]
    public void A_duty_points_at_the_line_of_the_file_it_starts_on(string dutyId, int line)
    {
        var duty = Plan.Duty(dutyId);

        Assert.Equal(line, duty.Line);
        Assert.Contains(duty.Text[..40], TestContent.PlanLines[line - 1], StringComparison.Ordinal);
    }

    [Fact]
    public void Every_duty_of_a_unit_section_starts_on_its_own_bullet_line()
    {
        var lines = TestContent.PlanLines;
        Assert.All(
            Plan.Duties.Where(d => d.Section != "IV.19"),
            d => Assert.StartsWith(d.Text[..Math.Min(30, d.Text.Length)], lines[d.Line - 1].TrimStart('-', ' '), StringComparison.Ordinal));
    }

    [Fact]
    public void The_unit_of_a_section_comes_first_in_each_of_its_duties()
    {
        Assert.All(
            Plan.Duties.Where(d => d.Section != "IV.19"),
            d => Assert.Equal(Plan.ResponsibleUnits.Single(u => u.Section == d.Section).Id, d.OwnerUnitId));
    }

    [Fact]
    public void Every_role_names_a_unit_of_the_plan()
    {
        Assert.All(Plan.Duties.SelectMany(d => d.Roles), r => Assert.NotNull(Plan.FindUnit(r.UnitId)));
    }

    [Fact]
    public void Duties_are_numbered_within_their_section()
    {
        Assert.All(Plan.Duties, d => Assert.StartsWith(d.Section + ".", d.Id, StringComparison.Ordinal));
        Assert.Equal(Plan.Duties.Count, Plan.Duties.Select(d => d.Id).Distinct().Count());
        Assert.Equal(6, Plan.Duties.Count(d => d.Section == "IV.1"));
    }
}
