using PcgdBot.Answers;
using PcgdBot.Conversations.Reporting;
using PcgdBot.Storage.Reporting;

namespace PcgdBot.Conversations.Tests.Queries;

/// <summary>Each kind of question about reported data, asked by a coordinator (who sees everything), with and without diacritics.</summary>
public sealed class QueryTests : IDisposable
{
    private readonly QueryWorld world = new();
    private readonly KnownPerson coordinator;

    public QueryTests() => coordinator = world.Coordinator();

    public void Dispose() => world.Dispose();

    private string Ask(string text)
    {
        var reply = world.Ask(text, coordinator);
        Assert.NotNull(reply);
        Assert.DoesNotContain("{", reply, StringComparison.Ordinal);
        return reply;
    }

    // ---- Which units have not reported ----

    [Theory]
    [InlineData("Đơn vị nào chưa báo cáo?")]
    [InlineData("don vi nao chua bao cao")]
    [InlineData("ai chưa báo cáo")]
    [InlineData("AI CHUA BAO CAO")]
    public void Units_that_have_not_reported_are_counted_and_named_with_the_deadline(string question)
    {
        world.Report("Xã Mường So", "IV.13.2", ProgressStatus.Done);
        world.Report("Phòng Nội vụ", "IV.4.1", ProgressStatus.InProgress);

        var reply = Ask(question);

        Assert.Contains($"2/{world.ReportingUnitCount} đơn vị đã báo cáo", reply, StringComparison.Ordinal);
        Assert.Contains("10/12/2026", reply, StringComparison.Ordinal);
        Assert.Contains("• Phòng Tài chính - Kế hoạch", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("Phòng Nội vụ", reply, StringComparison.Ordinal);
        Assert.Contains("Ủy ban nhân dân các xã, thị trấn (16/17 chưa báo cáo): Phong Thổ, Bản Lang", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("Mường So", reply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("những xã nào chưa báo cáo")]
    [InlineData("nhung xa nao chua bao cao")]
    [InlineData("bao nhiêu xã đã báo cáo?")]
    [InlineData("các xã đã báo cáo chưa")]
    public void Asking_about_communes_counts_only_the_communes(string question)
    {
        world.Report("Xã Mường So", "IV.13.2", ProgressStatus.Done);
        world.Report("Phòng Nội vụ", "IV.4.1", ProgressStatus.InProgress);

        var reply = Ask(question);

        Assert.Contains("1/17 xã, thị trấn đã báo cáo", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("Phòng Tài chính", reply, StringComparison.Ordinal);
        Assert.Contains("Dào San", reply, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_list_of_missing_units_names_every_unit_with_the_communes_grouped_on_one_line()
    {
        var reply = Ask("đơn vị nào chưa báo cáo");

        Assert.Contains($"0/{world.ReportingUnitCount} đơn vị đã báo cáo", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("đơn vị khác", reply, StringComparison.Ordinal);
        foreach (var unit in QueryContent.Units.Where(u => u.Reports && u.ParentId is null && u.Name != "Phòng Giáo dục và Đào tạo" && !QueryContent.Units.Any(m => m.ParentId == u.Id)))
        {
            Assert.Contains(unit.Name, reply, StringComparison.Ordinal);
        }

        var communes = reply.Split('\n').Single(l => l.Contains("xã, thị trấn (17/17", StringComparison.Ordinal));
        Assert.Equal(17, communes[(communes.IndexOf(':', StringComparison.Ordinal) + 1)..].Split(',').Length);
    }

    [Theory]
    [InlineData("đơn vị nào chưa báo cáo")]
    [InlineData("tổng hợp báo cáo")]
    public void The_unit_that_receives_the_reports_is_never_counted_as_missing_one(string question)
    {
        world.Report("Phòng Nội vụ", "IV.4.1", ProgressStatus.Done);

        var reply = Ask(question);

        Assert.DoesNotContain("Phòng Giáo dục và Đào tạo", reply, StringComparison.Ordinal);
        Assert.Contains($"1/{world.ReportingUnitCount}", reply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("xã nào đang gặp khó khăn")]
    [InlineData("xa nao dang gap kho khan")]
    [InlineData("những đơn vị nào đang vướng mắc?")]
    public void Which_units_are_in_difficulty_is_answered_from_the_reports_with_what_they_wrote(string question)
    {
        world.Report("Xã Bản Lang", "IV.13.3", ProgressStatus.Blocked, note: "thiếu giáo viên dạy lớp xóa mù chữ");
        world.Report("Xã Mường So", "IV.13.1", ProgressStatus.Done);

        var reply = Ask(question);

        Assert.Contains("Bản Lang", reply, StringComparison.Ordinal);
        Assert.Contains("thiếu giáo viên dạy lớp xóa mù chữ", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("Mường So", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("Kế hoạch", reply, StringComparison.Ordinal);
    }

    [Fact]
    public void When_every_commune_has_reported_the_reply_says_so()
    {
        foreach (var commune in QueryContent.Units.Where(u => u.IsCommune))
        {
            world.Report(commune.Name, "IV.13.1", ProgressStatus.InProgress);
        }

        var reply = Ask("xã nào chưa báo cáo?");

        Assert.Contains("17/17 xã, thị trấn đã báo cáo", reply, StringComparison.Ordinal);
        Assert.Contains("Tất cả xã, thị trấn đã báo cáo", reply, StringComparison.Ordinal);
    }

    // ---- What one unit reported ----

    [Theory]
    [InlineData("xã Mường So đã báo cáo gì?")]
    [InlineData("xa muong so bao cao gi")]
    [InlineData("Mường So đã báo cáo chưa")]
    [InlineData("tiến độ của xã Mường So")]
    [InlineData("UBND xã Mường So chưa báo cáo à?")]
    [InlineData("tình hình xã Mường So")]
    [InlineData("Muong So nop bao cao chua")]
    public void A_units_updates_show_receipt_duty_status_figure_note_and_date(string question)
    {
        var saved = world.Report("Xã Mường So", "IV.13.2", ProgressStatus.Done, figure: "80%", note: "Đã mở 3 lớp bồi dưỡng", at: new DateTime(2026, 5, 15, 9, 0, 0, DateTimeKind.Utc));

        var reply = Ask(question);

        Assert.StartsWith("Xã Mường So — kỳ báo cáo 2026: 1 báo cáo", reply, StringComparison.Ordinal);
        Assert.Contains(saved.Receipt, reply, StringComparison.Ordinal);
        Assert.Contains("IV.13.2 «Chỉ đạo các ban", reply, StringComparison.Ordinal);
        Assert.Contains("Hoàn thành, số liệu 80%; ghi chú: Đã mở 3 lớp bồi dưỡng", reply, StringComparison.Ordinal);
        Assert.Contains("15/05/2026", reply, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_note_and_an_other_task_are_shortened_for_the_phone()
    {
        var note = string.Join(' ', Enumerable.Repeat("khó khăn về kinh phí", 12));
        world.Report("Xã Mường So", null, ProgressStatus.Blocked, note: note, otherTask: "Điều tra phổ cập giáo dục năm 2026");

        var reply = Ask("xã Mường So đã báo cáo gì?");

        Assert.Contains("việc khác «Điều tra phổ cập giáo dục năm 2026»: Gặp khó khăn", reply, StringComparison.Ordinal);
        Assert.Contains("…", reply, StringComparison.Ordinal);
        Assert.DoesNotContain(note, reply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("phòng LĐ-TB&XH đã báo cáo những gì")]
    [InlineData("phong lao dong thuong binh va xa hoi da bao cao nhung gi")]
    public void A_unit_without_updates_is_told_apart_with_the_deadline(string question)
    {
        var reply = Ask(question);

        Assert.Equal("Phòng Lao động - Thương binh và Xã hội chưa có báo cáo nào trong kỳ 2026. Hạn nộp: 10/12/2026.", reply);
    }

    [Fact]
    public void Updates_of_another_period_are_not_shown()
    {
        world.Report("Xã Mường So", "IV.13.2", ProgressStatus.Done, period: "2025");

        var reply = Ask("xã Mường So đã báo cáo gì?");

        Assert.Contains("chưa có báo cáo nào trong kỳ 2026", reply, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_units_named_in_one_question_are_both_answered()
    {
        world.Report("Xã Mường So", "IV.13.2", ProgressStatus.Done);

        var reply = Ask("xã Mường So và xã Nậm Xe đã báo cáo gì?");

        Assert.Contains("Xã Mường So — kỳ báo cáo 2026", reply, StringComparison.Ordinal);
        Assert.Contains("Xã Nậm Xe chưa có báo cáo nào", reply, StringComparison.Ordinal);
    }

    // ---- Progress of a duty or a section ----

    [Theory]
    [InlineData("tiến độ nhiệm vụ IV.13.2?")]
    [InlineData("tien do IV.13.2")]
    [InlineData("tiến độ mục 13.2")]
    [InlineData("tình hình thực hiện iv.13.2")]
    public void The_progress_of_a_duty_counts_units_and_statuses_and_shows_each_units_latest_figure(string question)
    {
        world.Report("Xã Mường So", "IV.13.2", ProgressStatus.InProgress, figure: "40%", at: new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc));
        world.Report("Xã Mường So", "IV.13.2", ProgressStatus.Done, figure: "80%", at: new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc));
        world.Report("Xã Nậm Xe", "IV.13.2", ProgressStatus.Blocked);

        var reply = Ask(question);

        Assert.StartsWith("Tiến độ nhiệm vụ IV.13.2 «Chỉ đạo các ban", reply, StringComparison.Ordinal);
        Assert.Contains("kỳ 2026: 2/17 đơn vị đã báo cáo.", reply, StringComparison.Ordinal);
        Assert.Contains("• Hoàn thành: 1", reply, StringComparison.Ordinal);
        Assert.Contains("• Gặp khó khăn: 1", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("Đang thực hiện", reply, StringComparison.Ordinal);
        Assert.Contains("• Mường So: Hoàn thành, số liệu 80% (01/05/2026)", reply, StringComparison.Ordinal);
        Assert.Contains("• Nậm Xe: Gặp khó khăn", reply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tiến độ mục IV.13")]
    [InlineData("tien do nhiem vu iv.13")]
    public void The_progress_of_a_section_names_the_duty_of_each_line(string question)
    {
        world.Report("Xã Mường So", "IV.13.2", ProgressStatus.Done);
        world.Report("Xã Nậm Xe", "IV.13.3", ProgressStatus.InProgress);
        world.Report("Phòng Nội vụ", "IV.4.1", ProgressStatus.Done);

        var reply = Ask(question);

        Assert.StartsWith("Tiến độ mục IV.13 (Ủy ban nhân dân các xã, thị trấn)", reply, StringComparison.Ordinal);
        Assert.Contains("2/17 đơn vị đã báo cáo", reply, StringComparison.Ordinal);
        Assert.Contains("• Mường So — IV.13.2: Hoàn thành", reply, StringComparison.Ordinal);
        Assert.Contains("• Nậm Xe — IV.13.3: Đang thực hiện", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("Nội vụ", reply, StringComparison.Ordinal);
    }

    [Fact]
    public void A_section_nobody_reported_on_says_so_with_the_deadline()
    {
        var reply = Ask("tiến độ mục IV.2");

        Assert.Equal("Chưa có đơn vị nào báo cáo về mục IV.2 (Phòng Lao động - Thương binh và Xã hội) trong kỳ 2026. Hạn nộp: 10/12/2026.", reply);
    }

    [Fact]
    public void A_duty_the_plan_does_not_have_is_pointed_out()
    {
        var reply = Ask("tiến độ IV.31.7");

        Assert.StartsWith("Kế hoạch không có nhiệm vụ hay mục IV.31.7", reply, StringComparison.Ordinal);
    }

    // ---- How many communes reached a status ----

    [Theory]
    [InlineData("bao nhiêu xã đã hoàn thành bố trí ngân sách?")]
    [InlineData("bao nhieu xa da hoan thanh bo tri ngan sach")]
    [InlineData("có mấy xã hoàn thành việc bố trí ngân sách cho phổ cập")]
    [InlineData("bn xa xong IV.13.3")]
    public void Communes_whose_latest_update_on_the_matching_duty_is_done_are_counted(string question)
    {
        world.Report("Xã Mường So", "IV.13.3", ProgressStatus.Done);
        world.Report("Xã Nậm Xe", "IV.13.3", ProgressStatus.Done);
        world.Report("Xã Dào San", "IV.13.3", ProgressStatus.Done);
        world.Report("Xã Dào San", "IV.13.3", ProgressStatus.Blocked);
        world.Report("Xã Bản Lang", "IV.13.2", ProgressStatus.Done);

        var reply = Ask(question);

        Assert.StartsWith("Kỳ 2026: 2/17 xã, thị trấn báo cáo «Hoàn thành» cho nhiệm vụ IV.13.3 «Bố trí ngân sách", reply, StringComparison.Ordinal);
        Assert.Contains("Gồm: Mường So, Nậm Xe", reply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("có mấy xã hoàn thành điều tra phổ cập")]
    [InlineData("co may xa hoan thanh dieu tra pho cap")]
    public void A_task_reported_as_other_work_is_matched_by_its_words(string question)
    {
        world.Report("Xã Mường So", null, ProgressStatus.Done, otherTask: "Điều tra phổ cập giáo dục năm 2026");
        world.Report("Xã Nậm Xe", null, ProgressStatus.InProgress, otherTask: "điều tra phổ cập giáo dục năm 2026");

        var reply = Ask(question);

        Assert.StartsWith("Kỳ 2026: 1/17 xã, thị trấn báo cáo «Hoàn thành» cho việc «Điều tra phổ cập giáo dục năm 2026»", reply, StringComparison.Ordinal);
    }

    [Fact]
    public void When_no_duty_matches_the_count_covers_any_task_and_says_so()
    {
        world.Report("Xã Mường So", "IV.13.1", ProgressStatus.Done);
        world.Report("Xã Nậm Xe", "IV.13.2", ProgressStatus.InProgress);

        var reply = Ask("bao nhiêu xã hoàn thành trồng cây xanh?");

        Assert.StartsWith("Tôi không tìm thấy nhiệm vụ nào của xã, thị trấn khớp với «trồng cây xanh»", reply, StringComparison.Ordinal);
        Assert.Contains("1/17 xã, thị trấn có ít nhất một việc báo cáo «Hoàn thành» (tính mọi nhiệm vụ)", reply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mấy xã gặp khó khăn?", "Gặp khó khăn", 1)]
    [InlineData("bao nhieu xa dang thuc hien", "Đang thực hiện", 1)]
    [InlineData("bao nhiêu đơn vị đã hoàn thành", "Hoàn thành", 2)]
    public void Other_statuses_and_all_units_can_be_counted(string question, string status, int count)
    {
        world.Report("Xã Mường So", "IV.13.1", ProgressStatus.Done);
        world.Report("Xã Nậm Xe", "IV.13.2", ProgressStatus.Blocked);
        world.Report("Xã Dào San", "IV.13.2", ProgressStatus.InProgress);
        world.Report("Phòng Nội vụ", "IV.4.1", ProgressStatus.Done);

        var reply = Ask(question);

        var total = question.Contains("đơn vị", StringComparison.Ordinal) ? $"{world.ReportingUnitCount} đơn vị" : "17 xã, thị trấn";
        Assert.Contains($"{count}/{total} có ít nhất một việc báo cáo «{status}»", reply, StringComparison.Ordinal);
    }

    // ---- Summary ----

    [Theory]
    [InlineData("tổng hợp báo cáo năm nay")]
    [InlineData("tong hop")]
    [InlineData("Báo cáo tổng hợp")]
    [InlineData("tình hình báo cáo thế nào?")]
    public void The_summary_counts_units_communes_and_statuses_and_names_units_in_difficulty(string question)
    {
        world.Report("Xã Mường So", "IV.13.1", ProgressStatus.Done);
        world.Report("Xã Mường So", "IV.13.2", ProgressStatus.InProgress);
        world.Report("Xã Nậm Xe", "IV.13.2", ProgressStatus.Blocked);
        world.Report("Phòng Nội vụ", "IV.4.1", ProgressStatus.Done);

        var reply = Ask(question);

        Assert.StartsWith("Tổng hợp báo cáo kỳ 2026 (11/12/2025 – 10/12/2026), hạn nộp 10/12/2026:", reply, StringComparison.Ordinal);
        Assert.Contains($"• Đơn vị đã báo cáo: 3/{world.ReportingUnitCount}", reply, StringComparison.Ordinal);
        Assert.Contains("• Xã, thị trấn đã báo cáo: 2/17", reply, StringComparison.Ordinal);
        Assert.Contains("• Nội dung đã báo cáo: 4", reply, StringComparison.Ordinal);
        Assert.Contains("– Hoàn thành (2): Phòng Nội vụ, Mường So", reply, StringComparison.Ordinal);
        Assert.Contains("– Đang thực hiện (1): Mường So", reply, StringComparison.Ordinal);
        Assert.Contains("– Gặp khó khăn (1): Nậm Xe", reply, StringComparison.Ordinal);
        Assert.Contains("• Đơn vị gặp khó khăn: Xã Nậm Xe", reply, StringComparison.Ordinal);
    }

    [Fact]
    public void A_period_without_reports_gives_a_short_summary_with_the_deadline()
    {
        Assert.Equal("Kỳ báo cáo 2026 chưa có báo cáo nào. Hạn nộp: 10/12/2026.", Ask("tổng hợp báo cáo"));
    }

    [Theory]
    [InlineData("tổng hợp báo cáo năm 2025")]
    [InlineData("tong hop bao cao nam ngoai")]
    public void A_named_year_gives_that_periods_summary(string question)
    {
        world.Report("Xã Mường So", "IV.13.1", ProgressStatus.Done, period: "2025");

        var reply = Ask(question);

        Assert.StartsWith("Tổng hợp báo cáo kỳ 2025 (11/12/2024 – 10/12/2025)", reply, StringComparison.Ordinal);
        Assert.Contains("• Xã, thị trấn đã báo cáo: 1/17", reply, StringComparison.Ordinal);
    }

    // ---- Content ----

    [Fact]
    public void The_query_replies_file_has_every_template_the_queries_use_and_no_other()
    {
        var file = Path.Combine(AppContext.BaseDirectory, "dialogs", ReportQueries.TemplateFile);

        var templates = ReplyTemplates.Load(Path.GetDirectoryName(file)!, ReportQueries.TemplateFile, ReportQueries.RequiredTemplates);

        Assert.Equal("Hoàn thành", templates.Render("status.done"));
        Assert.StartsWith("#", File.ReadAllText(file), StringComparison.Ordinal);
    }

    [Fact]
    public void Updates_of_a_member_added_by_invite_count_and_its_parent_then_stops_reporting()
    {
        var schools = QueryContent.Units.Single(u => u.Name.StartsWith("Các trường mầm non", StringComparison.Ordinal));
        var school = world.Store.AddMemberUnit(schools, schools.Id + "/truong-th-muong-so", "Trường TH Mường So", "school", "test", QueryWorld.Now);
        world.Store.SaveUpdate(new StatusUpdateRecord
        {
            PersonId = "p",
            UnitId = school.Id,
            DutyId = "IV.10.3",
            Task = "điều tra",
            Status = ProgressStatus.Done,
            Period = "2026",
            CreatedAt = QueryWorld.Now,
            UpdatedAt = QueryWorld.Now,
            SourceKey = "school-1",
        });

        var reply = Ask("trường TH Mường So đã báo cáo gì");
        var missing = Ask("đơn vị nào chưa báo cáo");

        Assert.StartsWith("Trường TH Mường So — kỳ báo cáo 2026: 1 báo cáo", reply, StringComparison.Ordinal);
        Assert.Contains($"1/{world.ReportingUnitCount} đơn vị đã báo cáo", missing, StringComparison.Ordinal);
    }
}
