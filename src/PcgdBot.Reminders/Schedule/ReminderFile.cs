using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PcgdBot.Dialogs;
using YamlDotNet.RepresentationModel;

namespace PcgdBot.Reminders.Schedule;

/// <summary>
/// Reads <c>dialogs/reminders.yaml</c> and checks it all: a bad entry stops the load with the file, line and reason,
/// so a typo is found when the bot starts rather than on the morning the reminder should have gone out.
/// </summary>
public static partial class ReminderFile
{
    public const string FileName = "reminders.yaml";

    /// <summary>Offsets are kept within half a year so a deadline's reminders stay within the years next to it.</summary>
    public const int LongestOffset = 180;

    private static readonly string[] RootKeys = ["time-zone", "reminders"];
    private static readonly string[] ReminderKeys = ["id", "deadline", "offsets", "time", "audience", "message", "offer-update"];
    private static readonly string[] Placeholders = ["deadline", "days", "period", "late"];

    public static ReminderCatalog Load(string contentDirectory)
    {
        var path = Path.Combine(contentDirectory, FileName);
        if (!File.Exists(path))
        {
            throw new ReminderFormatException(FileName, 0, "không tìm thấy tệp lời nhắc (reminders file not found)");
        }

        return Parse(File.ReadAllText(path, Encoding.UTF8), FileName);
    }

    public static ReminderCatalog Parse(string yaml, string fileName)
    {
        var root = ReadRoot(yaml, fileName);
        CheckKeys(root, RootKeys, fileName);

        var zone = ReminderTimeZones.Find(ReminderTimeZones.Vietnam)!;
        if (Child(root, "time-zone") is { } zoneNode)
        {
            var zoneId = Scalar(zoneNode, fileName).Trim();
            zone = ReminderTimeZones.Find(zoneId)
                ?? throw Error(fileName, zoneNode, $"múi giờ \"{zoneId}\" không có; ở Việt Nam dùng {ReminderTimeZones.Vietnam} (unknown time zone)");
        }

        var list = Child(root, "reminders") switch
        {
            YamlSequenceNode sequence => sequence,
            null => throw Error(fileName, root, "thiếu danh sách lời nhắc \"reminders\" (missing reminders)"),
            var other => throw Error(fileName, other, "\"reminders\" là một danh sách, mỗi lời nhắc bắt đầu bằng \"- id: …\" (list expected)"),
        };

        var reminders = new List<ReminderDefinition>();
        foreach (var node in list.Children)
        {
            if (node is not YamlMappingNode mapping)
            {
                throw Error(fileName, node, "mỗi lời nhắc là một nhóm \"id: …, deadline: …\" (a reminder must be a mapping)");
            }

            var reminder = ParseReminder(mapping, fileName);
            if (reminders.Any(r => r.Id == reminder.Id))
            {
                throw Error(fileName, mapping, $"mã lời nhắc \"{reminder.Id}\" bị lặp lại (duplicate id)");
            }

            reminders.Add(reminder);
        }

        return new ReminderCatalog(zone, reminders);
    }

    private static ReminderDefinition ParseReminder(YamlMappingNode node, string fileName)
    {
        CheckKeys(node, ReminderKeys, fileName);
        var id = RequiredScalar(node, "id", fileName);
        if (!IdPattern().IsMatch(id))
        {
            throw Error(fileName, Child(node, "id")!, $"mã lời nhắc \"{id}\" chỉ được gồm chữ thường không dấu, số và dấu gạch ngang (invalid id)");
        }

        var deadlineText = RequiredScalar(node, "deadline", fileName);
        var (day, month) = ParseDayMonth(deadlineText)
            ?? throw Error(fileName, Child(node, "deadline")!, $"hạn \"{deadlineText}\" không phải ngày/tháng có trong mọi năm, ví dụ 10/12 (bad day/month)");

        var offsetsNode = Child(node, "offsets") ?? throw Error(fileName, node, "thiếu \"offsets\": số ngày so với hạn, ví dụ [-7, -1] (missing offsets)");
        var offsets = ParseOffsets(offsetsNode, fileName);

        var timeText = RequiredScalar(node, "time", fileName);
        var time = ParseTime(timeText)
            ?? throw Error(fileName, Child(node, "time")!, $"giờ \"{timeText}\" không đúng; viết giờ:phút từ 00:00 đến 23:59, ví dụ 08:00 (bad time)");

        var audienceText = RequiredScalar(node, "audience", fileName);
        if (!ReminderAudiences.TryParse(audienceText, out var audience))
        {
            throw Error(fileName, Child(node, "audience")!, $"người nhận \"{audienceText}\" không có; chỉ dùng: {string.Join(", ", ReminderAudiences.Names)} (unknown audience)");
        }

        var message = RequiredScalar(node, "message", fileName).Trim();
        var messageNode = Child(node, "message")!;
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match placeholder in Placeholder().Matches(message))
        {
            var name = placeholder.Groups[1].Value;
            if (!Placeholders.Contains(name))
            {
                throw Error(fileName, messageNode, $"\"{{{name}}}\" không dùng được; chỉ dùng: {string.Join(", ", Placeholders.Select(p => "{" + p + "}"))} (unknown placeholder)");
            }

            used.Add(name);
        }

        // "Còn {days} ngày" after the deadline would read "Còn -1 ngày", and nobody is late before it.
        if (used.Contains("days") && offsets.Any(o => o > 0))
        {
            throw Error(fileName, messageNode, "{days} (số ngày còn lại) chỉ dùng cho lời nhắc trước hạn; lời nhắc này có ngày sau hạn (days after the deadline)");
        }

        if (used.Contains("late") && offsets.Any(o => o <= 0))
        {
            throw Error(fileName, messageNode, "{late} (đơn vị trễ hạn) chỉ dùng cho lời nhắc sau hạn, khi mọi số trong offsets lớn hơn 0 (late list before the deadline)");
        }

        var offerUpdate = OptionalScalar(node, "offer-update", fileName) switch
        {
            null => false,
            "true" or "yes" or "có" => true,
            "false" or "no" or "không" => false,
            _ => throw Error(fileName, Child(node, "offer-update")!, "\"offer-update\" là true hoặc false (boolean expected)"),
        };

        return new ReminderDefinition(id, day, month, offsets, time, audience, message, offerUpdate);
    }

    private static List<int> ParseOffsets(YamlNode node, string fileName)
    {
        var items = node switch
        {
            YamlSequenceNode list => list.Children.ToList(),
            YamlScalarNode => [node],
            _ => throw Error(fileName, node, "\"offsets\" là danh sách số ngày, ví dụ [-14, -7, -3, -1] (list expected)"),
        };
        if (items.Count == 0)
        {
            throw Error(fileName, node, "\"offsets\" cần ít nhất một số ngày (no offsets)");
        }

        var offsets = new List<int>();
        foreach (var item in items)
        {
            var text = Scalar(item, fileName).Trim();
            if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var offset) || Math.Abs(offset) > LongestOffset)
            {
                throw Error(fileName, item, $"\"{text}\" không phải số ngày từ -{LongestOffset} đến {LongestOffset} (âm: trước hạn, dương: sau hạn) (bad offset)");
            }

            if (offsets.Contains(offset))
            {
                throw Error(fileName, item, $"số ngày {offset} bị lặp lại (duplicate offset)");
            }

            offsets.Add(offset);
        }

        return offsets;
    }

    /// <summary>d/M that exists every year: 29/02 would silently skip three years out of four.</summary>
    internal static (int Day, int Month)? ParseDayMonth(string text)
    {
        var match = DayMonthPattern().Match(text.Trim());
        if (!match.Success)
        {
            return null;
        }

        var day = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var month = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        return month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(2001, month) ? (day, month) : null;
    }

    internal static TimeOnly? ParseTime(string text)
    {
        var match = TimePattern().Match(text.Trim());
        if (!match.Success)
        {
            return null;
        }

        var hour = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var minute = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        return hour < 24 && minute < 60 ? new TimeOnly(hour, minute) : null;
    }

    private static YamlMappingNode ReadRoot(string yaml, string fileName) =>
        YamlNodes.ReadRoot(yaml, "tệp cần có \"time-zone: …\" và \"reminders:\" ở đầu dòng (a mapping expected)", ErrorIn(fileName));

    private static void CheckKeys(YamlMappingNode node, string[] allowed, string fileName) => YamlNodes.CheckKeys(node, allowed, ErrorIn(fileName));

    private static YamlNode? Child(YamlMappingNode node, string key) => YamlNodes.Child(node, key);

    private static string RequiredScalar(YamlMappingNode node, string key, string fileName) => YamlNodes.RequiredScalar(node, key, ErrorIn(fileName));

    private static string? OptionalScalar(YamlMappingNode node, string key, string fileName) => YamlNodes.OptionalScalar(node, key, ErrorIn(fileName));

    private static string Scalar(YamlNode node, string fileName) => YamlNodes.Scalar(node, ErrorIn(fileName));

    private static YamlNodes.ErrorAt ErrorIn(string fileName) => (line, reason) => new ReminderFormatException(fileName, line, reason);

    private static ReminderFormatException Error(string fileName, YamlNode node, string reason) => new(fileName, YamlNodes.Line(node), reason);

    [GeneratedRegex(@"^[a-z0-9][a-z0-9\-]*$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"\{([^{}\s]*)\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^(\d{1,2})/(\d{1,2})$")]
    private static partial Regex DayMonthPattern();

    [GeneratedRegex(@"^(\d{1,2})[:h](\d{2})$")]
    private static partial Regex TimePattern();
}
