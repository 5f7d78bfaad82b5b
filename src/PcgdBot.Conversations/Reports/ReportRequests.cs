using System.Text;
using System.Text.RegularExpressions;
using PcgdBot.Conversations.Reporting;
using PcgdBot.Plan;
using PcgdBot.Storage.Reporting;

namespace PcgdBot.Conversations.Reports;

/// <summary>A <c>report-requests.tsv</c> that cannot be used: "file:line: reason".</summary>
public sealed class ReportRequestsFormatException(string fileName, int line, string reason) : ContentFileException(fileName, line, reason);

/// <summary>
/// "xuất báo cáo" in the chat: the coordinator gets the district's report as a file, a commune leader their commune's
/// part, anyone else a polite refusal. The phrasings are content (<c>dialogs/report-requests.tsv</c>).
/// </summary>
public sealed partial class ReportRequests
{
    public const string FileName = "report-requests.tsv";

    /// <summary>Longer messages are sentences about something else that happen to contain the words.</summary>
    private const int MaxWords = 14;

    private readonly ReportService service;
    private readonly IReadOnlyList<(string[] Words, ReportFormat? Format)> phrases;

    public ReportRequests(ReportService service, IReadOnlyList<(string[] Words, ReportFormat? Format)> phrases)
    {
        this.service = service;
        this.phrases = phrases;
    }

    public ReportService Service => service;

    public static ReportRequests Load(ReportService service, string directory)
    {
        var path = Path.Combine(directory, FileName);
        var text = File.Exists(path) ? File.ReadAllText(path, Encoding.UTF8) : "xuất báo cáo";
        return new ReportRequests(service, Parse(text, FileName));
    }

    public static IReadOnlyList<(string[] Words, ReportFormat? Format)> Parse(string text, string fileName)
    {
        var phrases = new List<(string[], ReportFormat?)>();
        foreach (var (line, cells) in ContentTable.Rows(text))
        {
            var words = VietnameseText.Words(VietnameseText.Fold(cells[0]));
            if (words.Count == 0)
            {
                throw new ReportRequestsFormatException(fileName, line, "cụm từ trống (empty phrase)");
            }

            ReportFormat? format = cells.Length > 1 && cells[1].Length > 0
                ? cells[1].ToLowerInvariant() switch
                {
                    "docx" or "word" => ReportFormat.Docx,
                    "xlsx" or "excel" => ReportFormat.Xlsx,
                    _ => throw new ReportRequestsFormatException(fileName, line, $"định dạng \"{cells[1]}\" không có; dùng docx hoặc xlsx (unknown format)"),
                }
                : null;
            phrases.Add(([.. words], format));
        }

        // Longest first: "xuất báo cáo tổng hợp" leaves less of the message to read as a unit name.
        return [.. phrases.OrderByDescending(p => p.Item1.Length)];
    }

    /// <summary>The reply with the report file, a refusal, or null when the message does not ask for the report.</summary>
    public ChatReply? TryHandle(string text, KnownPerson? person, DateOnly today)
    {
        var words = VietnameseText.Words(VietnameseText.Fold(text));
        if (words.Count == 0 || words.Count > MaxWords || Match(words) is not { } match)
        {
            return null;
        }

        var replies = service.Replies;
        if (person is null)
        {
            return new ChatReply(replies.Render("report.not-registered"));
        }

        var rest = string.Join(' ', words.Take(match.Start).Concat(words.Skip(match.Start + match.Length)));
        var format = match.Format ?? (ExcelWord().IsMatch(" " + rest + " ") ? ReportFormat.Xlsx : ReportFormat.Docx);
        var period = PeriodAsked(rest, service, today);
        UnitRecord? scope;
        if (person.IsCoordinator)
        {
            // "xuất báo cáo xã Mường So": the coordinator may ask for one unit's part.
            var named = Units.Find(YearOrFormat().Replace(rest, " "));
            scope = named.Count == 1 ? named[0] : null;
        }
        else if (person.Memberships.Where(m => m.Role == PersonRole.Leader).Select(m => Units[m.UnitId]).FirstOrDefault(u => u is not null) is { } led)
        {
            scope = led;
        }
        else
        {
            return new ChatReply(replies.Render("report.refused"));
        }

        var outcome = service.Create(period, format, scope, today);
        if (outcome.Error is { } error)
        {
            return new ChatReply(error);
        }

        return new ChatReply(service.Describe(outcome.Report!, format)) { File = outcome.File };
    }

    private UnitDirectory Units => service.Units;

    private (int Start, int Length, ReportFormat? Format)? Match(List<string> words)
    {
        foreach (var (phrase, format) in phrases)
        {
            for (var start = 0; start + phrase.Length <= words.Count; start++)
            {
                var all = true;
                for (var i = 0; i < phrase.Length && all; i++)
                {
                    all = words[start + i] == phrase[i];
                }

                if (all)
                {
                    return (start, phrase.Length, format);
                }
            }
        }

        return null;
    }

    /// <summary>"năm 2025" names the period; "năm ngoái"/"năm trước" the one before the current one.</summary>
    private static string? PeriodAsked(string rest, ReportService service, DateOnly today)
    {
        if (Year().Match(rest) is { Success: true } year)
        {
            return year.Value;
        }

        return PreviousYear().IsMatch(" " + rest + " ") ? (int.Parse(service.CurrentPeriod(today), System.Globalization.CultureInfo.InvariantCulture) - 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    [GeneratedRegex(@"\b\d{4}\b")]
    private static partial Regex Year();

    [GeneratedRegex(@" (excel|xlsx|exel) ")]
    private static partial Regex ExcelWord();

    [GeneratedRegex(@" nam (ngoai|truoc) ")]
    private static partial Regex PreviousYear();

    [GeneratedRegex(@"\b(\d{4}|nam|nay|ngoai|truoc|excel|xlsx|word|docx|file|tong hop|ky)\b")]
    private static partial Regex YearOrFormat();
}
