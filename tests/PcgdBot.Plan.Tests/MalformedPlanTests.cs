namespace PcgdBot.Plan.Tests;

/// <summary>Text that is not a plan of the expected shape fails with the file, the line and a Vietnamese reason.</summary>
public class MalformedPlanTests
{
    private const string Source = "ke-hoach-loi.md";

    private const string Head = """
        ## KẾ HOẠCH

        **Thực hiện công tác phổ cập giáo dục trên địa bàn huyện Sìn Hồ**

        I. MỤC ĐÍCH, YÊU CẦU

        - Nâng cao nhận thức về công tác phổ cập giáo dục.

        II. MỤC TIÊU

        1. Mục tiêu cụ thể đến năm 2030

        Huy động 98% trẻ 5 tuổi ra lớp.

        """;

    private static PlanFormatException AssertFormatError(string text, int line)
    {
        var error = Assert.Throws<PlanFormatException>(() => PlanParser.Parse(text, Source, TestContent.Lexicon));

        Assert.Equal(Source, error.FileName);
        Assert.Equal(line, error.Line);
        Assert.False(string.IsNullOrWhiteSpace(error.Reason));
        Assert.True(TestContent.LooksVietnamese(error.Reason), $"the reason is not in Vietnamese: {error.Reason}");
        Assert.Contains($"{Source}:{line}:", error.Message, StringComparison.Ordinal);
        return error;
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n\t\n")]
    [InlineData("**  **\n")]
    public void An_empty_text_fails_at_line_1(string text)
    {
        AssertFormatError(text, 1);
    }

    [Fact]
    public void A_text_without_parts_numbered_in_Roman_numerals_fails_at_line_1()
    {
        const string text = """
            ## KẾ HOẠCH

            Phòng Giáo dục và Đào tạo chủ trì thực hiện công tác phổ cập giáo dục.

            - Phòng Nội vụ phối hợp thực hiện.
            """;

        AssertFormatError(text, 1);
    }

    [Fact]
    public void A_plan_without_the_TO_CHUC_THUC_HIEN_part_fails_at_its_last_line()
    {
        var text = Head + """
            III. NHIỆM VỤ VÀ GIẢI PHÁP

            1. Tăng cường công tác tuyên truyền

            - Tuyên truyền sâu rộng trong Nhân dân.
            """;

        var error = AssertFormatError(text, TestContent.LineOf(text, "Tuyên truyền sâu rộng"));
        Assert.Contains("TỔ CHỨC THỰC HIỆN", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_TO_CHUC_THUC_HIEN_part_without_numbered_sections_fails_at_the_part_heading()
    {
        var text = Head + """
            IV. TỔ CHỨC THỰC HIỆN

            Các phòng, ban, ngành tổ chức thực hiện Kế hoạch này.
            """;

        AssertFormatError(text, TestContent.LineOf(text, "IV. TỔ CHỨC THỰC HIỆN"));
    }

    [Fact]
    public void A_bullet_in_part_IV_before_the_first_numbered_section_fails_at_the_bullet()
    {
        var text = Head + """
            IV. TỔ CHỨC THỰC HIỆN

            - Các phòng, ban, ngành tổ chức thực hiện Kế hoạch này.

            1. Phòng Giáo dục và Đào tạo

            - Chủ trì tham mưu triển khai Kế hoạch.
            """;

        AssertFormatError(text, TestContent.LineOf(text, "- Các phòng, ban, ngành"));
    }

    [Fact]
    public void Sections_numbered_1_then_3_fail_at_the_section_3()
    {
        var text = Head + """
            IV. TỔ CHỨC THỰC HIỆN

            1. Phòng Giáo dục và Đào tạo

            - Chủ trì tham mưu triển khai Kế hoạch.

            3. Phòng Nội vụ

            - Chủ trì, phối hợp với Phòng Giáo dục và Đào tạo tuyển dụng giáo viên.
            """;

        var error = AssertFormatError(text, TestContent.LineOf(text, "3. Phòng Nội vụ"));
        Assert.Contains("IV.3", error.Reason, StringComparison.Ordinal);
        Assert.Contains("IV.2", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("### Phòng Nội vụ")]
    [InlineData("### **Phòng Nội vụ**")]
    [InlineData("**Phòng Nội vụ**")]
    public void An_unnumbered_heading_inside_part_IV_fails_at_the_heading(string heading)
    {
        var text = Head + $"""
            IV. TỔ CHỨC THỰC HIỆN

            1. Phòng Giáo dục và Đào tạo

            - Chủ trì tham mưu triển khai Kế hoạch.

            {heading}

            - Chủ trì, phối hợp với Phòng Giáo dục và Đào tạo tuyển dụng giáo viên.
            """;

        var error = AssertFormatError(text, TestContent.LineOf(text, heading));
        Assert.Contains("Phòng Nội vụ", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_unit_section_with_no_content_fails_at_its_heading()
    {
        var text = Head + """
            IV. TỔ CHỨC THỰC HIỆN

            1. Phòng Giáo dục và Đào tạo

            2. Phòng Nội vụ

            - Chủ trì, phối hợp với Phòng Giáo dục và Đào tạo tuyển dụng giáo viên.
            """;

        var error = AssertFormatError(text, TestContent.LineOf(text, "1. Phòng Giáo dục và Đào tạo"));
        Assert.Contains("IV.1", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_last_unit_section_with_no_content_fails_at_its_heading()
    {
        var text = Head + """
            IV. TỔ CHỨC THỰC HIỆN

            1. Phòng Giáo dục và Đào tạo

            - Chủ trì tham mưu triển khai Kế hoạch.

            2. Phòng Nội vụ

            Trên đây là Kế hoạch thực hiện công tác phổ cập giáo dục.
            """;

        AssertFormatError(text, TestContent.LineOf(text, "2. Phòng Nội vụ"));
    }

    [Fact]
    public void A_missing_plan_file_fails_naming_the_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"khong-co-{Guid.NewGuid():N}.md");

        var error = Assert.Throws<PlanFormatException>(() => PlanParser.Load(path, TestContent.Lexicon));

        Assert.Equal(Path.GetFileName(path), error.FileName);
        Assert.True(TestContent.LooksVietnamese(error.Reason));
    }

    [Theory]
    [InlineData(Lexicon.AbbreviationsFile, "# Viết tắt\nGD&ĐT\tgiáo dục và đào tạo\n\nUBND\n", 4)]
    [InlineData(Lexicon.AbbreviationsFile, "UBND\tủy ban nhân dân\nHĐND\t\n", 2)]
    [InlineData(Lexicon.UnitAliasesFile, "# Tên gọi khác\nphụ nữ\n", 2)]
    public void A_lexicon_row_without_its_second_column_fails_naming_the_file_and_line(string fileName, string content, int line)
    {
        var directory = Directory.CreateTempSubdirectory("pcgd-lexicon-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, fileName), content);

            var error = Assert.Throws<PlanFormatException>(() => Lexicon.Load(directory.FullName));

            Assert.Equal(fileName, error.FileName);
            Assert.Equal(line, error.Line);
            Assert.True(TestContent.LooksVietnamese(error.Reason), $"the reason is not in Vietnamese: {error.Reason}");
            Assert.Contains($"{fileName}:{line}:", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_content_folder_without_lexicon_files_gives_an_empty_lexicon()
    {
        var directory = Directory.CreateTempSubdirectory("pcgd-lexicon-");
        try
        {
            var lexicon = Lexicon.Load(directory.FullName);

            Assert.Equal("phong gd&dt", lexicon.Canonical("Phòng GD&ĐT"));
            Assert.Empty(lexicon.UnitAliases);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
