using System.Globalization;
using PcgdBot.Dialogs.Recognition;

namespace PcgdBot.Dialogs.Tests.Recognition;

public sealed class KeyFigureRecognizerTests
{
    private static decimal D(string value) => decimal.Parse(value, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("80%", "80", "80%")]
    [InlineData("80 %", "80", "80 %")]
    [InlineData("80 phần trăm", "80", "80 phần trăm")]
    [InlineData("80 phan tram", "80", "80 phan tram")]
    [InlineData("80 PHẦN TRĂM", "80", "80 PHẦN TRĂM")]
    [InlineData("tám mươi phần trăm", "80", "tám mươi phần trăm")]
    [InlineData("tam muoi phan tram", "80", "tam muoi phan tram")]
    [InlineData("98,5%", "98.5", "98,5%")]
    [InlineData("98.5%", "98.5", "98.5%")]
    [InlineData("đạt 100% kế hoạch", "100", "100%")]
    [InlineData("Tỷ lệ 98,5% trẻ 6 tuổi", "98.5", "98,5%")]
    [InlineData("khoảng 75％", "75", "75％")]
    public void A_percentage_is_read_with_or_without_diacritics(string text, string value, string figureText)
    {
        var figure = KeyFigureRecognizer.Recognize(text);

        Assert.NotNull(figure);
        Assert.Equal(D(value), figure.Value);
        Assert.True(figure.IsPercent);
        Assert.Null(figure.Unit);
        Assert.Equal(figureText, figure.Text);
    }

    [Theory]
    [InlineData("3 lớp", "3", "lớp", "3 lớp")]
    [InlineData("3 lop", "3", "lớp", "3 lop")]
    [InlineData("đã mở 3 lớp XMC", "3", "lớp", "3 lớp")]
    [InlineData("da mo 3 lop xmc", "3", "lớp", "3 lop")]
    [InlineData("45 học viên", "45", "học viên", "45 học viên")]
    [InlineData("45 hoc vien", "45", "học viên", "45 hoc vien")]
    [InlineData("1.200 người", "1200", "người", "1.200 người")]
    [InlineData("12 xã", "12", "xã", "12 xã")]
    [InlineData("5 thôn", "5", "thôn", "5 thôn")]
    [InlineData("7 bản", "7", "bản", "7 bản")]
    [InlineData("30 em", "30", "em", "30 em")]
    [InlineData("40 học sinh", "40", "học sinh", "40 học sinh")]
    [InlineData("6 giáo viên", "6", "giáo viên", "6 giáo viên")]
    [InlineData("2 phòng học", "2", "phòng học", "2 phòng học")]
    [InlineData("4 trường", "4", "trường", "4 trường")]
    [InlineData("3lop", "3", "lớp", "3lop")]
    [InlineData("hai lớp", "2", "lớp", "hai lớp")]
    [InlineData("hai lop", "2", "lớp", "hai lop")]
    [InlineData("mười hai học viên", "12", "học viên", "mười hai học viên")]
    [InlineData("muoi hai hoc vien", "12", "học viên", "muoi hai hoc vien")]
    [InlineData("hai mươi lăm em", "25", "em", "hai mươi lăm em")]
    [InlineData("một trăm linh năm người", "105", "người", "một trăm linh năm người")]
    [InlineData("một nghìn hai trăm người", "1200", "người", "một nghìn hai trăm người")]
    [InlineData("sáu lớp", "6", "lớp", "sáu lớp")]
    [InlineData("1,5 triệu đồng", "1500000", "đồng", "1,5 triệu đồng")]
    [InlineData("tổng số 45 học viên", "45", "học viên", "45 học viên")]
    public void A_count_is_read_with_its_unit(string text, string value, string unit, string figureText)
    {
        var figure = KeyFigureRecognizer.Recognize(text);

        Assert.NotNull(figure);
        Assert.Equal(D(value), figure.Value);
        Assert.Equal(unit, figure.Unit);
        Assert.False(figure.IsPercent);
        Assert.Equal(figureText, figure.Text);
    }

    [Theory]
    [InlineData("đã mở 3 XMC", "3", "XMC")]
    [InlineData("in 20 cuốn", "20", "cuốn")]
    public void An_unknown_word_after_a_number_is_taken_as_its_unit(string text, string value, string unit)
    {
        var figure = KeyFigureRecognizer.Recognize(text);

        Assert.NotNull(figure);
        Assert.Equal(D(value), figure.Value);
        Assert.Equal(unit, figure.Unit);
    }

    [Theory]
    [InlineData("80 là đạt", "80")]
    [InlineData("1.200", "1200")]
    [InlineData("12.000.000", "12000000")]
    [InlineData("1,5 triệu", "1500000")]
    [InlineData("15k", "15000")]
    [InlineData("2tr", "2000000")]
    [InlineData("3 trăm", "300")]
    [InlineData("hai", "2")]
    [InlineData("khoảng hai mươi", "20")]
    public void A_bare_number_is_a_figure_without_a_unit(string text, string value)
    {
        var figure = KeyFigureRecognizer.Recognize(text);

        Assert.NotNull(figure);
        Assert.Equal(D(value), figure.Value);
        Assert.Null(figure.Unit);
        Assert.False(figure.IsPercent);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("không có gì mới")]
    [InlineData("đang thực hiện")]
    [InlineData("10/12")]
    [InlineData("hạn 10/12/2024")]
    [InlineData("10-12-2024")]
    [InlineData("ngày 10")]
    [InlineData("ngày 10 tháng 12")]
    [InlineData("10 tháng 12")]
    [InlineData("năm 2024")]
    [InlineData("năm học 2024-2025")]
    [InlineData("trong 2024 sẽ xong")]
    [InlineData("IV.13")]
    [InlineData("mục II.1.3")]
    [InlineData("1.2.3")]
    [InlineData("2.3")]
    [InlineData("nhiệm vụ 2")]
    [InlineData("nhiem vu 2")]
    [InlineData("NV 2")]
    [InlineData("lớp 9")]
    [InlineData("thứ 2")]
    [InlineData("thứ hai")]
    [InlineData("tháng hai")]
    [InlineData("mức độ 2")]
    [InlineData("XMC2")]
    [InlineData("lớp 6A")]
    [InlineData("#3")]
    [InlineData("8:30")]
    [InlineData("8h30")]
    [InlineData("0912345678")]
    [InlineData("sđt 0912 345 678")]
    [InlineData("Quyết định 123/QĐ-UBND ngày 5/3/2025")]
    [InlineData("v1.2")]
    [InlineData("đạt chuẩn mức độ 3")]
    [InlineData("công văn 45/KH-UBND")]
    [InlineData("tuần sau")]
    [InlineData("tuan sau")]
    [InlineData("năm học mới")]
    [InlineData("một số lớp")]
    [InlineData("sau lớp học này")]
    public void Text_with_no_figure_or_only_dates_and_section_numbers_has_none(string text)
    {
        Assert.Null(KeyFigureRecognizer.Recognize(text));
        Assert.Empty(KeyFigureRecognizer.RecognizeAll(text));
    }

    [Fact]
    public void A_one_shot_update_yields_its_figures_but_not_the_task_number()
    {
        var figures = KeyFigureRecognizer.RecognizeAll("cập nhật nhiệm vụ 2: đang thực hiện 80%, đã mở 3 lớp XMC");

        Assert.Collection(
            figures,
            f => Assert.Equal(new KeyFigure(80m, null, true, "80%"), f),
            f => Assert.Equal(new KeyFigure(3m, "lớp", false, "3 lớp"), f));
    }

    [Fact]
    public void A_date_and_a_section_number_in_the_same_message_are_skipped()
    {
        var figures = KeyFigureRecognizer.RecognizeAll("Mục IV.13 ngày 10/12: đã mở 3 lớp");

        var figure = Assert.Single(figures);
        Assert.Equal("3 lớp", figure.Display);
    }

    [Theory]
    [InlineData("đã mở 3 lớp, đạt 80% kế hoạch", "80%")]
    [InlineData("trong 2 tháng mở 3 lớp", "2 tháng")]
    [InlineData("khoảng 40, mở 3 lớp", "3 lớp")]
    [InlineData("mở 3 XMC cho 45 học viên", "45 học viên")]
    public void The_most_salient_figure_is_a_percentage_then_a_known_unit(string text, string display)
    {
        Assert.Equal(display, KeyFigureRecognizer.Recognize(text)?.Display);
    }

    [Theory]
    [InlineData("80", null, true, "80%")]
    [InlineData("98.5", null, true, "98,5%")]
    [InlineData("3", "lớp", false, "3 lớp")]
    [InlineData("45", "học viên", false, "45 học viên")]
    [InlineData("1200", "người", false, "1.200 người")]
    [InlineData("1500000", null, false, "1.500.000")]
    [InlineData("0.5", null, false, "0,5")]
    public void A_figure_is_displayed_the_Vietnamese_way(string value, string? unit, bool isPercent, string display)
    {
        Assert.Equal(display, new KeyFigure(D(value), unit, isPercent, "").Display);
    }

    [Fact]
    public void Text_typed_in_decomposed_unicode_is_read_like_precomposed_text()
    {
        var decomposed = "đã mở 3 lớp".Normalize(System.Text.NormalizationForm.FormD);

        var figure = KeyFigureRecognizer.Recognize(decomposed);

        Assert.NotNull(figure);
        Assert.Equal("lớp", figure.Unit);
        Assert.Equal("3 lớp".Normalize(System.Text.NormalizationForm.FormD), figure.Text);
    }
}
