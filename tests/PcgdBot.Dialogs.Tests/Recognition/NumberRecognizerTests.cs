using System.Globalization;
using PcgdBot.Dialogs.Recognition;

namespace PcgdBot.Dialogs.Tests.Recognition;

public sealed class NumberRecognizerTests
{
    [Theory]
    [InlineData("2", "2")]
    [InlineData("số 2", "2")]
    [InlineData("so 2", "2")]
    [InlineData("#2", "2")]
    [InlineData("2.", "2")]
    [InlineData("hai", "2")]
    [InlineData("năm", "5")]
    [InlineData("nam", "5")]
    [InlineData("mười hai", "12")]
    [InlineData("muoi hai", "12")]
    [InlineData("hai mươi mốt", "21")]
    [InlineData("1.200", "1200")]
    [InlineData("98,5", "98.5")]
    [InlineData("0,5", "0.5")]
    [InlineData("2.5", "2.5")]
    [InlineData("80%", "80")]
    [InlineData("1,5 triệu", "1500000")]
    [InlineData("khoảng 45 học viên", "45")]
    [InlineData("nhiệm vụ 2", "2")]
    public void A_single_number_is_read_in_digits_or_words(string text, string expected)
    {
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), NumberRecognizer.Recognize(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("không biết")]
    [InlineData("10/12")]
    [InlineData("IV.13")]
    [InlineData("8:30")]
    [InlineData("2 hoặc 3")]
    [InlineData("tuần sau")]
    [InlineData("thứ tư")]
    [InlineData("XMC2")]
    public void No_number_or_more_than_one_gives_null(string text)
    {
        Assert.Null(NumberRecognizer.Recognize(text));
    }
}
