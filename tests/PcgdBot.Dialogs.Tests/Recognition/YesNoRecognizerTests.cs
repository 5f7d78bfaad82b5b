using PcgdBot.Dialogs.Recognition;

namespace PcgdBot.Dialogs.Tests.Recognition;

public sealed class YesNoRecognizerTests
{
    [Theory]
    [InlineData("có")]
    [InlineData("co")]
    [InlineData("Có.")]
    [InlineData("có ạ")]
    [InlineData("ok")]
    [InlineData("OK")]
    [InlineData("oke")]
    [InlineData("đồng ý")]
    [InlineData("dong y")]
    [InlineData("đúng")]
    [InlineData("dung")]
    [InlineData("đúng rồi")]
    [InlineData("vâng")]
    [InlineData("vang")]
    [InlineData("vâng ạ")]
    [InlineData("ừ")]
    [InlineData("u")]
    [InlineData("uh")]
    [InlineData("yes")]
    [InlineData("y")]
    [InlineData("lưu")]
    [InlineData("luu")]
    [InlineData("lưu lại")]
    [InlineData("xác nhận")]
    [InlineData("xac nhan")]
    [InlineData("chuẩn")]
    [InlineData("được")]
    [InlineData("duoc")]
    [InlineData("được rồi")]
    [InlineData("dạ")]
    [InlineData("dạ, có")]
    [InlineData("ok, lưu đi")]
    [InlineData("👍")]
    [InlineData("không sai")]
    public void A_yes_is_read_with_or_without_diacritics(string text)
    {
        Assert.True(YesNoRecognizer.Recognize(text));
    }

    [Theory]
    [InlineData("không")]
    [InlineData("khong")]
    [InlineData("Không!")]
    [InlineData("không ạ")]
    [InlineData("ko")]
    [InlineData("k")]
    [InlineData("no")]
    [InlineData("sai")]
    [InlineData("sai rồi")]
    [InlineData("chưa")]
    [InlineData("chua")]
    [InlineData("thôi")]
    [InlineData("thoi")]
    [InlineData("không đồng ý")]
    [InlineData("khong dong y")]
    [InlineData("chưa đúng")]
    [InlineData("ko lưu")]
    [InlineData("không có")]
    [InlineData("không phải")]
    [InlineData("đừng lưu")]
    [InlineData("dạ không")]
    [InlineData("không, cảm ơn")]
    [InlineData("thôi, không cần")]
    public void A_no_is_read_with_or_without_diacritics(string text)
    {
        Assert.False(YesNoRecognizer.Recognize(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("có không")]
    [InlineData("ok không?")]
    [InlineData("để mai tính")]
    [InlineData("nhiệm vụ 2")]
    [InlineData("2")]
    [InlineData("hôm nay")]
    [InlineData("không biết nữa")]
    [InlineData("có lẽ")]
    [InlineData("đúng, nhưng sửa lại số lớp")]
    [InlineData("không có gì")]
    public void An_ambiguous_or_unrelated_answer_gives_null(string text)
    {
        Assert.Null(YesNoRecognizer.Recognize(text));
    }
}
