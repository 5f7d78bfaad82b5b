using System.Text;
using System.Text.RegularExpressions;

namespace PcgdBot.Answers.Tests;

public sealed partial class AnswerContentTests(AnswerServiceFixture fixture) : IClassFixture<AnswerServiceFixture>
{
    private AnswerService Service => fixture.Service;

    public static TheoryData<string> SampleQuestions =>
    [
        "xin chào",
        "/help",
        "ai phu trach tuyen dung giao vien",
        "Đơn vị nào lo cấp đất xây trường?",
        "Ai cùng phòng GD&ĐT xây dựng kế hoạch tuyên truyền?",
        "UBND xã cần làm gì?",
        "nhiem vu cua phong giao duc",
        "phòng nội vụ",
        "han nop bao cao la khi nao",
        "các mục tiêu đến năm 2030 là gì",
        "ke hoach nay can cu van ban nao",
        "giá lúa hôm nay",
        "cách nấu phở bò",
        "   ",
        "?",
    ];

    [Theory]
    [InlineData("ai phu trach tuyen dung giao vien", "IV.4", "Phòng Nội vụ")]
    [InlineData("Ai chủ trì tuyển dụng giáo viên?", "IV.4", "Phòng Nội vụ")]
    [InlineData("Đơn vị nào lo cấp đất xây trường?", "IV.6", "Phòng Tài nguyên và Môi trường")]
    public void A_who_answer_quotes_the_section_and_names_the_owner_first(string question, string section, string owner)
    {
        var answer = Service.Ask(question);

        Assert.Equal(QuestionKind.WhoIsResponsible, answer.Kind);
        Assert.Contains($"Theo mục {section}", answer.Text, StringComparison.Ordinal);
        Assert.Equal(section, answer.Source);
        Assert.NotEmpty(answer.Units);
        Assert.Equal(owner, answer.Units[0].Name);
    }

    [Fact]
    public void A_question_about_who_works_with_a_unit_does_not_name_that_unit_first()
    {
        var answer = Service.Ask("Ai cùng phòng GD&ĐT xây dựng kế hoạch tuyên truyền?");

        Assert.NotEmpty(answer.Units);
        Assert.NotEqual("Phòng Giáo dục và Đào tạo", answer.Units[0].Name);
    }

    [Fact]
    public void The_duties_of_the_communes_are_listed_as_numbered_items_from_section_IV_13()
    {
        var answer = Service.Ask("UBND xã cần làm gì?");

        Assert.Equal(QuestionKind.UnitDuties, answer.Kind);
        Assert.Equal("IV.13", answer.Source);
        Assert.Contains("IV.13", answer.Text, StringComparison.Ordinal);
        var lines = answer.Text.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("1. ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("2. ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("3. ", StringComparison.Ordinal));
    }

    [Fact]
    public void The_duties_of_the_communes_give_the_reporting_deadline_that_applies_to_them()
    {
        // IV.19: "các phòng, ban, ngành, đoàn thể, Ủy ban nhân dân các xã, thị trấn … báo cáo … về cơ quan thường trực
        // (phòng Giáo dục và Đào tạo) … trước ngày 10/12"; only the phòng GD&ĐT reports to the Huyện ủy by 20/12.
        var answer = Service.Ask("UBND xã cần làm gì?");

        // The reporting duty is listed with the communes' own duties (they lead it in IV.19), once.
        var reporting = answer.Text.Split('\n').Where(l => l.Contains("10/12", StringComparison.Ordinal)).ToList();
        Assert.Single(reporting);
        Assert.Contains("phòng Giáo dục và Đào tạo", reporting[0], StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("20/12", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("han nop bao cao la khi nao")]
    [InlineData("Hạn nộp báo cáo là khi nào?")]
    public void A_deadline_answer_gives_both_reporting_dates(string question)
    {
        var answer = Service.Ask(question);

        Assert.Equal(QuestionKind.Deadline, answer.Kind);
        Assert.Contains("10/12", answer.Text, StringComparison.Ordinal);
        Assert.Contains("20/12", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("98%")]
    [InlineData("17,6%")]
    [InlineData("70%")]
    [InlineData("40%")]
    public void A_generic_question_about_the_2030_targets_lists_every_target(string value)
    {
        var answer = Service.Ask("các mục tiêu đến năm 2030 là gì");

        Assert.Equal(QuestionKind.Target, answer.Kind);
        Assert.Contains(value, answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("29-CT/TW")]
    [InlineData("406-KH/BCSD")]
    [InlineData("434-KH/HU")]
    [InlineData("49-CTr/TU")]
    public void The_base_documents_answer_names_each_document(string number)
    {
        var answer = Service.Ask("ke hoach nay can cu van ban nao");

        Assert.Equal(QuestionKind.BaseDocuments, answer.Kind);
        Assert.Contains(number, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_base_documents_answer_does_not_name_the_misprinted_plan_number()
    {
        var answer = Service.Ask("ke hoach nay can cu van ban nao");

        Assert.DoesNotContain("343-KH/HU", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Ai chủ trì tuyển dụng giáo viên?")]
    [InlineData("UBND xã cần làm gì?")]
    [InlineData("Hạn nộp báo cáo là khi nào?")]
    [InlineData("Mục tiêu xóa mù chữ đến 2030?")]
    [InlineData("Đơn vị nào lo cấp đất xây trường?")]
    public void A_decomposed_NFD_question_gets_the_same_answer_as_its_NFC_form(string question)
    {
        var nfc = question.Normalize(NormalizationForm.FormC);
        var nfd = question.Normalize(NormalizationForm.FormD);
        Assert.NotEqual(nfc, nfd);

        var fromNfc = Service.Ask(nfc);
        var fromNfd = Service.Ask(nfd);

        Assert.Equal(fromNfc.Kind, fromNfd.Kind);
        Assert.Equal(fromNfc.Text, fromNfd.Text);
        Assert.Equal(fromNfc.Units, fromNfd.Units);
        Assert.Equal(fromNfc.Source, fromNfd.Source);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("   \t\n  ")]
    public void An_empty_or_blank_question_is_unclear_and_names_no_unit(string question)
    {
        var answer = Service.Ask(question);

        Assert.Equal(QuestionKind.Unclear, answer.Kind);
        Assert.Empty(answer.Units);
        Assert.False(string.IsNullOrWhiteSpace(answer.Text));
    }

    [Fact]
    public void A_null_question_is_unclear_and_does_not_throw()
    {
        var answer = Service.Ask(null!);

        Assert.Equal(QuestionKind.Unclear, answer.Kind);
        Assert.Empty(answer.Units);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("ai phụ trách tuyển dụng giáo viên ")]
    [InlineData("xóa mù chữ ")]
    public void A_five_thousand_character_question_does_not_throw(string piece)
    {
        var builder = new StringBuilder();
        while (builder.Length < 5000)
        {
            builder.Append(piece);
        }

        var question = builder.ToString(0, 5000);

        var answer = Service.Ask(question);

        Assert.NotNull(answer);
        Assert.False(string.IsNullOrWhiteSpace(answer.Text));
    }

    [Theory]
    [MemberData(nameof(SampleQuestions))]
    public void An_answer_never_contains_an_unfilled_placeholder(string question)
    {
        var answer = Service.Ask(question);

        Assert.DoesNotMatch(Placeholder(), answer.Text);
        Assert.DoesNotContain("{", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(SampleQuestions))]
    public void Confidence_is_between_zero_and_one(string question)
    {
        var answer = Service.Ask(question);

        Assert.InRange(answer.Confidence, 0.0, 1.0);
    }

    [GeneratedRegex(@"\{[a-z]+\}")]
    private static partial Regex Placeholder();
}
