namespace PcgdBot.Answers.Tests;

public sealed class QuestionKindTests(AnswerServiceFixture fixture) : IClassFixture<AnswerServiceFixture>
{
    [Theory]
    // Greetings
    [InlineData("xin chào", QuestionKind.Greeting)]
    [InlineData("chao ban", QuestionKind.Greeting)]
    [InlineData("/start", QuestionKind.Greeting)]
    // Help
    [InlineData("trợ giúp", QuestionKind.Help)]
    [InlineData("/help", QuestionKind.Help)]
    [InlineData("ban lam duoc gi", QuestionKind.Help)]
    // A unit's duties: with and without diacritics, abbreviations, a bare unit name
    [InlineData("nhiem vu cua phong giao duc", QuestionKind.UnitDuties)]
    [InlineData("UBND xã cần làm gì?", QuestionKind.UnitDuties)]
    [InlineData("phòng nội vụ", QuestionKind.UnitDuties)]
    // Who is responsible
    [InlineData("ai phu trach tuyen dung giao vien", QuestionKind.WhoIsResponsible)]
    [InlineData("Đơn vị nào lo cấp đất xây trường?", QuestionKind.WhoIsResponsible)]
    // Deadline, target, base documents
    [InlineData("han nop bao cao la khi nao", QuestionKind.Deadline)]
    [InlineData("mục tiêu xóa mù chữ đến 2030?", QuestionKind.Target)]
    [InlineData("ke hoach nay can cu van ban nao", QuestionKind.BaseDocuments)]
    // Out of scope
    [InlineData("giá lúa hôm nay", QuestionKind.OutOfScope)]
    [InlineData("ai vô địch world cup 2022", QuestionKind.OutOfScope)]
    [InlineData("cách nấu phở bò", QuestionKind.OutOfScope)]
    public void The_bot_recognises_the_kind_of_question(string utterance, QuestionKind expected)
    {
        var answer = fixture.Service.Ask(utterance);

        Assert.Equal(expected, answer.Kind);
    }

    [Theory]
    [InlineData("giá lúa hôm nay")]
    [InlineData("ai vô địch world cup 2022")]
    [InlineData("cách nấu phở bò")]
    public void An_out_of_scope_answer_names_no_unit(string utterance)
    {
        var answer = fixture.Service.Ask(utterance);

        Assert.Equal(QuestionKind.OutOfScope, answer.Kind);
        Assert.Empty(answer.Units);
    }
}
