using System.Globalization;

namespace PcgdBot.Reports;

/// <summary>
/// The fixed words of an administrative report (the layout's own labels, not the plan's content): kept in one place
/// so the DOCX and XLSX say the same thing.
/// </summary>
public static class ReportWording
{
    public const string Title = "BÁO CÁO";
    public const string NationalName = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
    public const string Motto = "Độc lập - Tự do - Hạnh phúc";
    public const string Blank = "…";
    public const string DottedName = "……………………";
    public const string NotReported = "Chưa báo cáo.";
    public const string OtherWork = "Việc khác";
    public const string RecipientsLabel = "Nơi nhận:";
    public const string Archive = "Lưu: VT.";

    public static string Status(ReportStatus status) => status switch
    {
        ReportStatus.NotStarted => "Chưa triển khai",
        ReportStatus.InProgress => "Đang thực hiện",
        ReportStatus.Done => "Hoàn thành",
        ReportStatus.Blocked => "Gặp khó khăn",
        _ => status.ToString(),
    };

    public static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static string Timeliness(Timeliness timeliness) => timeliness switch
    {
        Reports.Timeliness.OnTime => "Đúng hạn",
        Reports.Timeliness.Late => "Quá hạn",
        _ => "Chưa báo cáo",
    };
}
