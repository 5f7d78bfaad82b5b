using System.Globalization;
using PcgdBot.Dialogs.Recognition;

namespace PcgdBot.Dialogs.Tests.Recognition;

public sealed class DateRecognizerTests
{
    /// <summary>A Wednesday.</summary>
    private static readonly DateOnly Today = new(2025, 3, 5);

    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("10/12/2024", "2024-12-10")]
    [InlineData("10-12-2024", "2024-12-10")]
    [InlineData("10.12.2024", "2024-12-10")]
    [InlineData("1/2/2025", "2025-02-01")]
    [InlineData("10/12/24", "2024-12-10")]
    [InlineData("10/12/99", "1999-12-10")]
    [InlineData("2024-12-10", "2024-12-10")]
    [InlineData("hạn 15/3 nhé", "2025-03-15")]
    [InlineData("(10/12/2024)", "2024-12-10")]
    [InlineData("thứ 2 ngày 10/3", "2025-03-10")]
    public void A_numeric_date_is_read_day_first(string text, string expected)
    {
        Assert.Equal(D(expected), DateRecognizer.Recognize(text, Today));
    }

    [Theory]
    [InlineData("10/12", "2025-12-10")]
    [InlineData("1/3", "2025-03-01")]
    [InlineData("10-12", "2025-12-10")]
    [InlineData("ngày 10.12", "2025-12-10")]
    public void A_date_without_a_year_is_in_this_year(string text, string expected)
    {
        Assert.Equal(D(expected), DateRecognizer.Recognize(text, Today));
    }

    [Theory]
    [InlineData("ngày 10 tháng 12", "2025-12-10")]
    [InlineData("ngay 10 thang 12", "2025-12-10")]
    [InlineData("ngay 10 thang 12 nam 2024", "2024-12-10")]
    [InlineData("Ngày 10 tháng 12 năm 2024", "2024-12-10")]
    [InlineData("10 tháng 12", "2025-12-10")]
    [InlineData("mùng 5 tháng 2", "2025-02-05")]
    [InlineData("ngày mười tháng mười hai", "2025-12-10")]
    [InlineData("ngày 20", "2025-03-20")]
    public void A_date_in_words_is_read(string text, string expected)
    {
        Assert.Equal(D(expected), DateRecognizer.Recognize(text, Today));
    }

    [Theory]
    [InlineData("hôm nay", "2025-03-05")]
    [InlineData("hom nay", "2025-03-05")]
    [InlineData("hôm qua", "2025-03-04")]
    [InlineData("hom qua", "2025-03-04")]
    [InlineData("hôm kia", "2025-03-03")]
    [InlineData("ngày mai", "2025-03-06")]
    [InlineData("ngay mai", "2025-03-06")]
    [InlineData("mai", "2025-03-06")]
    [InlineData("sáng mai nhé", "2025-03-06")]
    [InlineData("ngày mốt", "2025-03-07")]
    [InlineData("ngày kia", "2025-03-07")]
    [InlineData("tuần sau", "2025-03-12")]
    [InlineData("tuan toi", "2025-03-12")]
    [InlineData("tuần trước", "2025-02-26")]
    [InlineData("tháng sau", "2025-04-05")]
    [InlineData("năm sau", "2026-03-05")]
    [InlineData("3 ngày nữa", "2025-03-08")]
    [InlineData("ba ngay nua", "2025-03-08")]
    [InlineData("sau 2 tuần", "2025-03-19")]
    [InlineData("một tháng nữa", "2025-04-05")]
    public void A_relative_date_is_counted_from_today(string text, string expected)
    {
        Assert.Equal(D(expected), DateRecognizer.Recognize(text, Today));
    }

    [Theory]
    [InlineData("thứ hai", "2025-03-10")]
    [InlineData("thu hai", "2025-03-10")]
    [InlineData("thứ 2", "2025-03-10")]
    [InlineData("thu 2", "2025-03-10")]
    [InlineData("T2", "2025-03-10")]
    [InlineData("thứ ba", "2025-03-11")]
    [InlineData("thứ tư", "2025-03-12")]
    [InlineData("thứ 4", "2025-03-12")]
    [InlineData("thứ năm", "2025-03-06")]
    [InlineData("thu 5", "2025-03-06")]
    [InlineData("thứ sáu", "2025-03-07")]
    [InlineData("thu sau", "2025-03-07")]
    [InlineData("thứ bảy", "2025-03-08")]
    [InlineData("t7", "2025-03-08")]
    [InlineData("chủ nhật", "2025-03-09")]
    [InlineData("chu nhat", "2025-03-09")]
    [InlineData("cn", "2025-03-09")]
    [InlineData("thứ 6 tuần sau", "2025-03-14")]
    [InlineData("thứ hai tuần này", "2025-03-03")]
    public void A_weekday_is_the_next_such_day(string text, string expected)
    {
        Assert.Equal(D(expected), DateRecognizer.Recognize(text, Today));
    }

    [Fact]
    public void Todays_weekday_means_a_week_from_today()
    {
        Assert.Equal(D("2025-03-12"), DateRecognizer.Recognize("thứ tư", Today));
    }

    [Theory]
    [InlineData("cuối tháng", "2025-03-31")]
    [InlineData("cuoi thang", "2025-03-31")]
    [InlineData("cuối tháng sau", "2025-04-30")]
    [InlineData("cuối tháng 2", "2025-02-28")]
    [InlineData("đầu tháng sau", "2025-04-01")]
    [InlineData("giữa tháng", "2025-03-15")]
    [InlineData("cuối năm", "2025-12-31")]
    public void The_end_or_start_of_a_month_is_read(string text, string expected)
    {
        Assert.Equal(D(expected), DateRecognizer.Recognize(text, Today));
    }

    [Theory]
    [InlineData("")]
    [InlineData("chưa biết")]
    [InlineData("3 lớp")]
    [InlineData("80%")]
    [InlineData("1/13")]
    [InlineData("31/02")]
    [InlineData("32/1/2025")]
    [InlineData("IV.13")]
    [InlineData("QĐ-10/12")]
    [InlineData("mãi mãi")]
    [InlineData("hoy")]
    [InlineData("mar")]
    public void Text_without_a_valid_date_gives_null(string text)
    {
        Assert.Null(DateRecognizer.Recognize(text, Today));
    }

    [Fact]
    public void A_leap_day_is_only_a_date_in_a_leap_year()
    {
        Assert.Null(DateRecognizer.Recognize("29/2", Today));
        Assert.Equal(D("2024-02-29"), DateRecognizer.Recognize("29/2", new DateOnly(2024, 1, 10)));
    }
}
