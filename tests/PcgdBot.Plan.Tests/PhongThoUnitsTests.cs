namespace PcgdBot.Plan.Tests;

/// <summary>The units of the real Phong Thổ plan: those with a section of their own in part IV, and those named only inside duties.</summary>
public class PhongThoUnitsTests
{
    private static PlanDocument Plan => TestContent.PhongTho;

    [Fact]
    public void Eighteen_units_have_a_section_of_their_own_named_as_the_plan_writes_them_without_De_nghi()
    {
        string[] expected =
        [
            "IV.1 Phòng Giáo dục và Đào tạo",
            "IV.2 Phòng Lao động - Thương binh và Xã hội",
            "IV.3 Phòng Tài chính - Kế hoạch",
            "IV.4 Phòng Nội vụ",
            "IV.5 Phòng Nông nghiệp và Phát triển nông thôn",
            "IV.6 Phòng Tài nguyên và Môi trường",
            "IV.7 Phòng Văn hóa - Thông tin huyện",
            "IV.8 Các Đồn Biên phòng đóng trên địa bàn huyện",
            "IV.9 Đoàn Kinh tế - Quốc phòng 356",
            "IV.10 Các trường mầm non, tiểu học, trung học cơ sở",
            "IV.11 Các trường trung học phổ thông",
            "IV.12 Trung tâm Giáo dục nghề nghiệp và Giáo dục thường xuyên",
            "IV.13 Ủy ban nhân dân các xã, thị trấn",
            "IV.14 Các phòng, ban, ngành, đoàn thể, các tổ chức có liên quan",
            "IV.15 Liên đoàn Lao động huyện",
            "IV.16 Hội Liên hiệp Phụ nữ huyện",
            "IV.17 Hội Khuyến học huyện",
            "IV.18 Đoàn Thanh niên cộng sản Hồ Chí Minh huyện",
        ];

        Assert.Equal(expected, Plan.ResponsibleUnits.Select(u => $"{u.Section} {u.Name}"));
    }

    [Fact]
    public void No_unit_name_keeps_the_words_De_nghi()
    {
        Assert.DoesNotContain(Plan.Units, u => VietnameseText.Fold(u.Name).Contains("de nghi", StringComparison.Ordinal));
    }

    [Fact]
    public void The_reporting_section_IV_19_is_not_a_unit()
    {
        Assert.DoesNotContain(Plan.Units, u => u.Section == "IV.19");
        Assert.DoesNotContain(Plan.Units, u => VietnameseText.Fold(u.Name).Contains("bao cao", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Phòng Kinh tế - Hạ tầng")]
    [InlineData("Hội Nông dân")]
    public void A_unit_named_only_inside_a_duty_is_found_without_a_section_of_its_own(string name)
    {
        var unit = Plan.UnitNamed(name);

        Assert.Null(unit.Section);
        Assert.NotEmpty(Plan.DutiesOf(unit.Id));
    }

    [Fact]
    public void The_plan_names_exactly_twenty_units()
    {
        Assert.Equal(20, Plan.Units.Count);
        Assert.Equal(Plan.Units.Count, Plan.Units.Select(u => u.Id).Distinct().Count());
    }

    [Theory]
    [InlineData("Phòng GD&ĐT", "Phòng Giáo dục và Đào tạo")]
    [InlineData("phòng giáo dục", "Phòng Giáo dục và Đào tạo")]
    [InlineData("Phòng LĐ-TB&XH", "Phòng Lao động - Thương binh và Xã hội")]
    [InlineData("P.NN&PTNT", "Phòng Nông nghiệp và Phát triển nông thôn")]
    [InlineData("UBND xã", "Ủy ban nhân dân các xã, thị trấn")]
    [InlineData("LĐLĐ", "Liên đoàn Lao động huyện")]
    [InlineData("hội phụ nữ", "Hội Liên hiệp Phụ nữ huyện")]
    [InlineData("TT GDNN-GDTX", "Trung tâm Giáo dục nghề nghiệp và Giáo dục thường xuyên")]
    [InlineData("Đoàn TNCS HCM", "Đoàn Thanh niên cộng sản Hồ Chí Minh huyện")]
    [InlineData("bộ đội biên phòng", "Các Đồn Biên phòng đóng trên địa bàn huyện")]
    public void A_unit_has_the_alias_people_use_for_it(string alias, string unitName)
    {
        var unit = Plan.UnitNamed(unitName);

        Assert.Contains(VietnameseText.Fold(alias), unit.Aliases.Select(VietnameseText.Fold));
    }

    [Theory]
    [InlineData("Phòng GD&ĐT", "Phòng Giáo dục và Đào tạo")]
    [InlineData("phong giao duc", "Phòng Giáo dục và Đào tạo")]
    [InlineData("phong LDTBXH", "Phòng Lao động - Thương binh và Xã hội")]
    [InlineData("P.NN&PTNT", "Phòng Nông nghiệp và Phát triển nông thôn")]
    [InlineData("ubnd xa", "Ủy ban nhân dân các xã, thị trấn")]
    [InlineData("LĐLĐ huyện", "Liên đoàn Lao động huyện")]
    [InlineData("hoi phu nu", "Hội Liên hiệp Phụ nữ huyện")]
    [InlineData("TT GDNN-GDTX", "Trung tâm Giáo dục nghề nghiệp và Giáo dục thường xuyên")]
    [InlineData("Đoàn TNCS HCM", "Đoàn Thanh niên cộng sản Hồ Chí Minh huyện")]
    [InlineData("bo doi bien phong", "Các Đồn Biên phòng đóng trên địa bàn huyện")]
    [InlineData("Phòng KT-HT", "Phòng Kinh tế - Hạ tầng")]
    public void An_alias_written_in_a_text_is_recognised_as_its_unit(string alias, string unitName)
    {
        var finder = new UnitMentionFinder(Plan.Units, TestContent.Lexicon);

        var mention = Assert.Single(finder.Find(alias));

        Assert.Equal(Plan.UnitNamed(unitName).Id, mention.UnitId);
    }
}
