namespace PcgdBot.Plan.Tests;

/// <summary>The rest of the real Phong Thổ plan: district, general tasks, targets, deadlines, base documents, sections.</summary>
public class PhongThoPlanContentsTests
{
    private static PlanDocument Plan => TestContent.PhongTho;

    [Fact]
    public void The_plan_is_for_the_district_Phong_Tho()
    {
        Assert.Equal("Phong Thổ", Plan.District);
        Assert.StartsWith("Triển khai thực hiện Kế hoạch số 406-KH/BCSD", Plan.Title, StringComparison.Ordinal);
        Assert.DoesNotContain("*", Plan.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void The_general_tasks_are_the_four_sections_of_part_III_with_their_bullets()
    {
        Assert.Equal(["III.1", "III.2", "III.3", "III.4"], Plan.GeneralTasks.Select(t => t.Section));
        Assert.Equal([3, 10, 4, 4], Plan.GeneralTasks.Select(t => t.Points.Count));
        Assert.Equal([35, 43, 65, 75], Plan.GeneralTasks.Select(t => t.Line));
        Assert.StartsWith("Nâng cao vai trò, trách nhiệm quản lý nhà nước", Plan.GeneralTasks[2].Title, StringComparison.Ordinal);
        Assert.All(Plan.GeneralTasks, t => Assert.DoesNotContain("*", t.Title, StringComparison.Ordinal));
    }

    [Fact]
    public void General_task_III_2_includes_the_plus_sub_bullets()
    {
        var task = Assert.Single(Plan.GeneralTasks, t => t.Section == "III.2");

        Assert.Contains("Tăng cường mở lớp giáo dục thường xuyên cấp trung học phổ thông gắn với dạy nghề.", task.Points);
        Assert.Contains("Làm tốt công tác điều tra, thống kê cập nhật số liệu hàng năm.", task.Points);
        Assert.StartsWith("Đẩy mạnh ứng dụng khoa học, công nghệ", task.Points[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void General_task_text_rejoins_a_sentence_that_a_page_break_split()
    {
        var task = Assert.Single(Plan.GeneralTasks, t => t.Section == "III.4");

        Assert.Contains(task.Points, p => p.Contains("phong cách làm việc chuyên nghiệp đáp ứng yêu cầu đổi mới căn bản", StringComparison.Ordinal));
    }

    [Fact]
    public void The_targets_are_the_four_percentages_of_II_2_due_in_2030()
    {
        Assert.Equal(["98%", "17,6%", "70%", "40%"], Plan.Targets.Where(t => t.Value is not null).Select(t => t.Value));
        Assert.All(Plan.Targets, t =>
        {
            Assert.Equal("II.2", t.Section);
            Assert.Equal(2030, t.Year);
            Assert.Equal(31, t.Line);
        });
    }

    [Fact]
    public void A_target_keeps_the_clause_that_states_it()
    {
        var target = Assert.Single(Plan.Targets, t => t.Value == "17,6%");

        Assert.Contains("17,6% số xã, thị trấn đạt chuẩn phổ cập giáo dục trung học cơ sở mức độ 3", target.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(";", target.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_units_and_communes_report_to_Phong_GDDT_before_10_12()
    {
        var deadline = Assert.Single(Plan.Deadlines, d => d.DayMonth == "10/12");

        Assert.Equal("IV.19", deadline.Section);
        Assert.Equal("Phòng Giáo dục và Đào tạo", deadline.Recipient);
        Assert.Contains(Plan.UnitNamed("Ủy ban nhân dân các xã, thị trấn").Id, deadline.Reporters);
        Assert.Contains(Plan.UnitNamed("Các phòng, ban, ngành, đoàn thể, các tổ chức có liên quan").Id, deadline.Reporters);
        Assert.DoesNotContain(Plan.UnitNamed("Phòng Giáo dục và Đào tạo").Id, deadline.Reporters);
        Assert.Equal(213, deadline.Line);
    }

    [Fact]
    public void Phong_GDDT_reports_to_the_Ban_Thuong_vu_Huyen_uy_before_20_12()
    {
        var deadline = Assert.Single(Plan.Deadlines, d => d.DayMonth == "20/12");

        Assert.Equal((20, 12), (deadline.Day, deadline.Month));
        Assert.Equal([Plan.UnitNamed("Phòng Giáo dục và Đào tạo").Id], deadline.Reporters);
        Assert.Equal("Ban Thường vụ Huyện ủy", deadline.Recipient);
    }

    [Fact]
    public void The_plan_has_exactly_two_deadlines()
    {
        Assert.Equal(["10/12", "20/12"], Plan.Deadlines.Select(d => d.DayMonth));
    }

    [Fact]
    public void The_base_documents_are_the_four_the_preamble_cites()
    {
        Assert.Equal(
            ["29-CT/TW", "406-KH/BCSD", "434-KH/HU", "49-CTr/TU"],
            Plan.BaseDocuments.Select(d => d.Number).Order(StringComparer.Ordinal));

        var directive = Assert.Single(Plan.BaseDocuments, d => d.Number == "29-CT/TW");
        Assert.Equal(new BaseDocument("Chỉ thị", "29-CT/TW", "05/01/2024", "Bộ Chính trị"), directive);
    }

    [Fact]
    public void The_number_343_KH_HU_in_the_title_is_reported_as_a_probable_typo_for_434_KH_HU()
    {
        var warning = Assert.Single(Plan.Warnings);

        Assert.Contains("343-KH/HU", warning, StringComparison.Ordinal);
        Assert.Contains("434-KH/HU", warning, StringComparison.Ordinal);
        Assert.DoesNotContain(Plan.BaseDocuments, d => d.Number == "343-KH/HU");
    }

    [Fact]
    public void Every_part_and_numbered_section_is_kept_for_quoting()
    {
        var ids = Plan.Sections.Select(s => s.Id).ToList();
        string[] expected =
        [
            "I", "II", "II.1", "II.2", "III", "III.1", "III.2", "III.3", "III.4", "IV",
            .. Enumerable.Range(1, 19).Select(n => $"IV.{n}"),
        ];

        Assert.Equal(expected, ids);
        Assert.Equal(211, Assert.Single(Plan.Sections, s => s.Id == "IV.19").Line);
        Assert.Equal("Chế độ thông tin, báo cáo", Assert.Single(Plan.Sections, s => s.Id == "IV.19").Title);
    }

    [Fact]
    public void The_closing_and_the_recipients_list_are_not_part_of_the_plan()
    {
        Assert.DoesNotContain(Plan.Sections, s => s.Text.Contains("Nơi nhận", StringComparison.Ordinal));
        Assert.DoesNotContain(Plan.Sections, s => s.Text.Contains("Trên đây là", StringComparison.Ordinal));
    }
}
