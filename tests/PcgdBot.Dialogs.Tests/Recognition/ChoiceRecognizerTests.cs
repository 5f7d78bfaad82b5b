using PcgdBot.Dialogs.Recognition;

namespace PcgdBot.Dialogs.Tests.Recognition;

public sealed class ChoiceRecognizerTests
{
    private static readonly ChoiceOption[] Statuses =
    [
        new("Chưa thực hiện"),
        new("Đang thực hiện", ["đang làm"]),
        new("Hoàn thành", ["xong"]),
    ];

    [Theory]
    [InlineData("1", 0)]
    [InlineData("2", 1)]
    [InlineData("3", 2)]
    [InlineData("số 2", 1)]
    [InlineData("so 2", 1)]
    [InlineData("2.", 1)]
    [InlineData("2)", 1)]
    [InlineData("#2", 1)]
    [InlineData(" 2 ", 1)]
    [InlineData("hai", 1)]
    [InlineData("ba", 2)]
    [InlineData("một", 0)]
    [InlineData("chọn 3 nhé", 2)]
    [InlineData("phương án 1", 0)]
    public void A_number_selects_an_option_by_its_position(string text, int index)
    {
        Assert.Equal(new ChoiceMatch(index, Exact: true), ChoiceRecognizer.Recognize(text, Statuses));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("4")]
    [InlineData("số 10")]
    [InlineData("bốn")]
    public void A_number_out_of_range_gives_null(string text)
    {
        Assert.Null(ChoiceRecognizer.Recognize(text, Statuses));
    }

    [Theory]
    [InlineData("Đang thực hiện", 1)]
    [InlineData("đang thực hiện", 1)]
    [InlineData("dang thuc hien", 1)]
    [InlineData("DANG THUC HIEN", 1)]
    [InlineData("đang thực hiện ạ", 1)]
    [InlineData("chua thuc hien", 0)]
    [InlineData("hoàn thành", 2)]
    [InlineData("xong", 2)]
    [InlineData("dang lam", 1)]
    public void A_label_or_synonym_selects_its_option_exactly(string text, int index)
    {
        Assert.Equal(new ChoiceMatch(index, Exact: true), ChoiceRecognizer.Recognize(text, Statuses));
    }

    [Theory]
    [InlineData("hoan thanh roi", 2)]
    [InlineData("đã hoàn thành", 2)]
    [InlineData("xong rồi", 2)]
    [InlineData("vẫn đang thực hiện", 1)]
    [InlineData("2. Đang thực hiện", 1)]
    [InlineData("thành", 2)]
    public void Part_of_a_label_or_a_label_inside_the_answer_selects_a_unique_option(string text, int index)
    {
        Assert.Equal(new ChoiceMatch(index, Exact: false), ChoiceRecognizer.Recognize(text, Statuses));
    }

    [Theory]
    [InlineData("")]
    [InlineData("thực hiện")]
    [InlineData("thuc hien")]
    [InlineData("chưa xong")]
    [InlineData("không biết")]
    [InlineData("1 hoặc 2")]
    [InlineData("2.1")]
    public void An_ambiguous_or_unknown_answer_gives_null(string text)
    {
        Assert.Null(ChoiceRecognizer.Recognize(text, Statuses));
    }

    [Fact]
    public void The_longest_named_option_wins_over_one_it_contains()
    {
        ChoiceOption[] options = [new("Hoàn thành"), new("Hoàn thành một phần")];

        Assert.Equal(new ChoiceMatch(1, Exact: false), ChoiceRecognizer.Recognize("đã hoàn thành một phần rồi", options));
        Assert.Equal(new ChoiceMatch(0, Exact: true), ChoiceRecognizer.Recognize("hoàn thành", options));
    }

    [Fact]
    public void Options_are_found_inside_a_one_shot_message_at_their_original_position()
    {
        const string Text = "cập nhật nhiệm vụ 2: đang thực hiện 80%, đã mở 3 lớp XMC";

        var found = ChoiceRecognizer.FindIn(Text, Statuses);

        var (index, start, length) = Assert.Single(found);
        Assert.Equal(1, index);
        Assert.Equal("đang thực hiện", Text.Substring(start, length));
    }

    [Fact]
    public void Options_are_found_without_diacritics_and_in_the_order_they_appear()
    {
        ChoiceOption[] units = [new("Phòng GD&ĐT"), new("UBND xã"), new("Trường TH")];
        const string Text = "Truong TH va phong GD&DT da hop";

        var found = ChoiceRecognizer.FindIn(Text, units);

        Assert.Equal([(2, 0, 9), (0, 13, 11)], found);
        Assert.Equal("phong GD&DT", Text.Substring(found[1].Start, found[1].Length));
    }

    [Fact]
    public void The_longest_option_is_found_where_two_overlap()
    {
        ChoiceOption[] options = [new("Hoàn thành"), new("Hoàn thành một phần")];
        const string Text = "Nhiệm vụ 3 đã hoàn thành một phần.";

        var (index, start, length) = Assert.Single(ChoiceRecognizer.FindIn(Text, options));

        Assert.Equal(1, index);
        Assert.Equal("hoàn thành một phần", Text.Substring(start, length));
    }

    [Fact]
    public void A_negated_option_is_not_found()
    {
        Assert.Empty(ChoiceRecognizer.FindIn("nhiệm vụ 1 chưa hoàn thành", Statuses));
    }

    [Fact]
    public void Positions_are_in_the_original_text_even_when_typed_in_decomposed_unicode()
    {
        var text = "Báo cáo: hoàn thành rồi".Normalize(System.Text.NormalizationForm.FormD);

        var (index, start, length) = Assert.Single(ChoiceRecognizer.FindIn(text, Statuses));

        Assert.Equal(2, index);
        Assert.Equal("hoàn thành".Normalize(System.Text.NormalizationForm.FormD), text.Substring(start, length));
    }

    /// <summary>The statuses of dialogs/flows/cap-nhat-tien-do.yaml.</summary>
    private static readonly ChoiceOption[] ProgressStatuses =
    [
        new("Chưa triển khai", ["chưa làm", "chưa bắt đầu", "chua"]),
        new("Đang thực hiện", ["đang làm", "đang triển khai", "dang"]),
        new("Hoàn thành", ["đã hoàn thành", "xong", "đã xong", "hoàn tất"]),
        new("Gặp khó khăn", ["khó khăn", "vướng mắc", "có vướng mắc", "cần hỗ trợ"]),
    ];

    [Theory]
    [InlineData("nhiệm vụ 2: đang thực hiện 80%, đã mở 3 lớp XMC", 1, "đang thực hiện")]
    [InlineData("nv 3 da xong, 45 hoc vien", 2, "da xong")]
    [InlineData("IV.13.2 đang triển khai, có vướng mắc về kinh phí", 1, "đang triển khai")]
    [InlineData("nhiệm vụ 1 chưa hoàn thành", 0, "chưa")]
    [InlineData("vẫn đang làm, không gặp khó khăn gì", 1, "đang làm")]
    public void The_first_status_named_in_a_progress_update_is_found(string text, int index, string said)
    {
        var found = ChoiceRecognizer.FindIn(text, ProgressStatuses);

        Assert.NotEmpty(found);
        Assert.Equal(index, found[0].Index);
        Assert.Equal(said, text.Substring(found[0].Start, found[0].Length));
    }

    [Theory]
    [InlineData("không gặp khó khăn")]
    [InlineData("không có vướng mắc")]
    [InlineData("chưa xong")]
    public void A_denied_status_is_not_found(string text)
    {
        Assert.DoesNotContain(ChoiceRecognizer.FindIn(text, ProgressStatuses), f => f.Index is 2 or 3);
    }

    [Theory]
    [InlineData("4", 3, true)]
    [InlineData("chua", 0, true)]
    [InlineData("đã xong", 2, true)]
    [InlineData("xong rồi ạ", 2, false)]
    [InlineData("chưa xong", 0, false)]
    [InlineData("có vướng mắc nhỏ", 3, false)]
    public void A_progress_status_answer_is_recognized(string text, int index, bool exact)
    {
        Assert.Equal(new ChoiceMatch(index, exact), ChoiceRecognizer.Recognize(text, ProgressStatuses));
    }

    [Fact]
    public void An_option_is_not_found_inside_a_longer_word()
    {
        ChoiceOption[] options = [new("Có"), new("Không")];

        Assert.Empty(ChoiceRecognizer.FindIn("công cóc", options));
    }
}
