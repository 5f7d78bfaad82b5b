using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PcgdBot.Plan;

namespace PcgdBot.Reminders.Schedule;

/// <summary>
/// Reads <c>dialogs/holidays.tsv</c>: tab-separated date ("dd/MM" every year, "dd/MM/yyyy" one year), name, and an
/// optional kind ("nghỉ", the default, or "làm bù" for a weekend day worked in exchange for a swapped day off).
/// </summary>
public static partial class HolidayFile
{
    public const string FileName = "holidays.tsv";
    public const string DayOffKind = "nghỉ";
    public const string MakeUpWorkdayKind = "làm bù";

    public static WorkingDays Load(string contentDirectory)
    {
        var path = Path.Combine(contentDirectory, FileName);
        if (!File.Exists(path))
        {
            throw new ReminderFormatException(FileName, 0, "không tìm thấy tệp ngày nghỉ lễ (holidays file not found)");
        }

        return Parse(File.ReadAllText(path, Encoding.UTF8), FileName);
    }

    public static WorkingDays Parse(string text, string fileName)
    {
        var entries = new List<HolidayEntry>();
        var seen = new Dictionary<(int Day, int Month, int? Year), int>();
        foreach (var (lineNumber, columns) in ContentTable.Rows(text))
        {
            if (columns.Length < 2 || columns[1].Length == 0)
            {
                throw new ReminderFormatException(fileName, lineNumber, "cần ít nhất 2 cột cách nhau bởi dấu Tab: ngày, tên ngày nghỉ (expected date<TAB>name)");
            }

            if (columns.Length > 3)
            {
                throw new ReminderFormatException(fileName, lineNumber, "chỉ có 3 cột: ngày, tên, loại (nghỉ hoặc làm bù); ghi chú thì viết trên dòng bắt đầu bằng # (too many columns)");
            }

            var (day, month, year) = ParseDate(columns[0])
                ?? throw new ReminderFormatException(fileName, lineNumber, $"ngày \"{columns[0]}\" không đúng; viết ngày/tháng (mọi năm, ví dụ 30/04) hoặc ngày/tháng/năm (một năm, ví dụ 17/02/2026) (bad date)");

            var kind = columns.Length > 2 && columns[2].Length > 0 ? columns[2] : DayOffKind;
            var makeUp = kind switch
            {
                DayOffKind => false,
                MakeUpWorkdayKind => true,
                _ => throw new ReminderFormatException(fileName, lineNumber, $"loại \"{kind}\" không có; dùng \"{DayOffKind}\" hoặc \"{MakeUpWorkdayKind}\" (unknown kind)"),
            };

            if (makeUp)
            {
                if (year is null)
                {
                    throw new ReminderFormatException(fileName, lineNumber, "ngày làm bù phải ghi cả năm, ví dụ 10/01/2026 (make-up day without a year)");
                }

                if (new DateOnly(year.Value, month, day).DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                {
                    throw new ReminderFormatException(fileName, lineNumber, $"ngày làm bù {columns[0]} không phải thứ Bảy hay Chủ nhật (make-up day on a weekday)");
                }
            }

            if (seen.TryGetValue((day, month, year), out var earlier))
            {
                throw new ReminderFormatException(fileName, lineNumber, $"ngày {columns[0]} đã có ở dòng {earlier} (duplicate date)");
            }

            seen[(day, month, year)] = lineNumber;
            entries.Add(new HolidayEntry(day, month, year, columns[1], makeUp));
        }

        return new WorkingDays(entries);
    }

    /// <summary>d/M (every year; 29/02 is refused, it is not in every year) or d/M/yyyy between 2000 and 2100.</summary>
    internal static (int Day, int Month, int? Year)? ParseDate(string text)
    {
        var match = DatePattern().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var day = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var month = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        int? year = match.Groups[3].Success ? int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture) : null;
        if (month is < 1 or > 12 || year is < 2000 or > 2100)
        {
            return null;
        }

        return day >= 1 && day <= DateTime.DaysInMonth(year ?? 2001, month) ? (day, month, year) : null;
    }

    [GeneratedRegex(@"^(\d{1,2})/(\d{1,2})(?:/(\d{4}))?$")]
    private static partial Regex DatePattern();
}
