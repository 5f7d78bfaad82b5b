using PcgdBot.Dialogs.Recognition;
using PcgdBot.Plan;

namespace PcgdBot.Dialogs.Tests.Recognition;

public sealed class FoldedTextTests
{
    [Theory]
    [InlineData("Phòng GD&ĐT")]
    [InlineData("ĐÃ MỞ 3 LỚP XMC")]
    [InlineData("Tỷ lệ 98,5%")]
    [InlineData("thứ bảy")]
    public void Folding_agrees_with_the_plans_fold(string text)
    {
        Assert.Equal(VietnameseText.Fold(text), new FoldedText(text).Folded);
        Assert.Equal(VietnameseText.Fold(text), new FoldedText(text.Normalize(System.Text.NormalizationForm.FormD)).Folded);
    }

    [Fact]
    public void Tokens_keep_what_was_typed_and_where()
    {
        var text = new FoldedText("Đã mở  3lớp, 98,5%");

        Assert.Equal(["da", "mo", "3", "lop", ",", "98", ",", "5", "%"], text.Tokens.Select(t => t.Folded));
        Assert.Equal("lớp", text.Tokens[3].Typed);
        Assert.False(text.Tokens[3].SpaceBefore);
        Assert.True(text.Tokens[2].SpaceBefore);
        Assert.Equal("3lớp", text.OriginalText(2, 3));
        Assert.True(text.HasDiacritics);
        Assert.False(new FoldedText("da mo 3 lop").HasDiacritics);
    }

    [Fact]
    public void An_emoji_does_not_break_folding()
    {
        var text = new FoldedText("ok 👍 3 lớp");

        Assert.Equal(["ok", "👍", "3", "lop"], text.Tokens.Select(t => t.Folded));
        Assert.Equal("3 lớp", text.OriginalText(2, 3));
    }
}
