using PcgdBot.Plan;

namespace PcgdBot.Reports.Tests;

/// <summary>Another district's plan (Sìn Hồ) produces its own header, sections and recipient: nothing of Phong Thổ is in the code.</summary>
public sealed class OtherDistrictTests
{
    private const string SinHoPlan = """
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

    /// <summary>A fake port: the builder is pure logic over the plan and the data.</summary>
    private sealed class FixedSource(ReportData data) : IReportSource
    {
        public (string? Oldest, string? Newest) PeriodRange() => ("2025", "2025");

        public ReportData Read(string period) => data;
    }

    [Fact]
    public void The_Sin_Ho_plan_gives_its_own_header_sections_and_recipient()
    {
        var plan = PlanParser.Parse(SinHoPlan, "sin-ho.md", Support.ReportScenario.Content.Lexicon);
        var units = plan.ResponsibleUnits.Select((u, i) => new ReportUnit(u.Id, u.Name, u.Id, null, false, true, i)).ToList();
        var ccb = units[1];
        var data = new ReportData(units, [new ReportUpdate(1, "BC-0001", ccb.Id, "Chị Mai", "IV.2.1", "x", ReportStatus.Done, "120 hội viên", null, "zalo", new DateTime(2025, 11, 10, 2, 0, 0, DateTimeKind.Utc), new DateTime(2025, 11, 10, 2, 0, 0, DateTimeKind.Utc), 1)]);
        var request = new ReportRequest("2025", new DateOnly(2025, 11, 15), new DateOnly(2025, 11, 20), TimeZoneInfo.Utc);
        var report = AnnualReportBuilder.Build(plan, new FixedSource(data).Read("2025"), new ReportSettings(), request);

        Assert.Equal(new ReportHeader("UBND HUYỆN SÌN HỒ", "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "Số: …/BC-PGDĐT", "Sìn Hồ, ngày 20 tháng 11 năm 2025",
            "Kết quả thực hiện Kế hoạch thực hiện công tác phổ cập giáo dục, xóa mù chữ trên địa bàn huyện Sìn Hồ năm 2025", "Phòng Giáo dục và Đào tạo"), report.Header);
        Assert.Equal(["IV.1 Phòng Giáo dục và Đào tạo", "IV.2 Hội Cựu chiến binh huyện"], report.Sections.Select(s => $"{s.Section} {s.UnitName}"));
        Assert.Equal(["Ủy ban nhân dân huyện Sìn Hồ (b/c);", "Lưu: VT."], report.Recipients);
        Assert.Equal([ReportWording.Status(ReportStatus.Done)], report.Sections[1].Duties[0].Updates.Select(u => ReportWording.Status(u.Update.Status)));
        Assert.Equal(["Phòng Giáo dục và Đào tạo"], report.Missing.Select(m => m.Unit.Name));
        Assert.Empty(report.Communes.Rows);

        using var stream = new MemoryStream(DocxReportWriter.Write(report));
        using var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(stream, false);
        var text = document.MainDocumentPart!.Document.Body!.InnerText;
        Assert.Contains("UBND HUYỆN SÌN HỒ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Phong Thổ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("TỔNG HỢP THEO XÃ", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Phòng Giáo dục và Đào tạo", "PGDĐT")]
    [InlineData("Phòng Lao động - Thương binh và Xã hội", "PLĐTBXH")]
    [InlineData("Phòng Nội vụ", "PNV")]
    public void The_number_line_abbreviates_the_office_by_its_initials(string office, string initials) =>
        Assert.Equal(initials, AnnualReportBuilder.Initials(office));
}
