using System.Diagnostics;
using System.Globalization;
using PcgdBot.Conversations;
using PcgdBot.Plan;
using PcgdBot.Storage;
using PcgdBot.Telegram;
using PcgdBot.WebChat;
using PcgdBot.Zalo.Bot;
using PcgdBot.Zalo.Oa;
using Telegram.Bot;

namespace PcgdBot.Host.Operations;

/// <summary>Where doctor looks: the settings the service would run with.</summary>
public sealed record DoctorSubject(IConfiguration Configuration, string DatabasePath, string ContentDirectory, string? PlanFile);

/// <summary>The checks of <c>doctor</c>: settings, platforms, data file, disk, clock, content. Each adds lines; none throws.</summary>
public static class DoctorChecks
{
    public const long DiskWarningBytes = 1024L * 1024 * 1024;

    private static readonly TimeSpan PlatformTimeout = TimeSpan.FromSeconds(10);

    public static async Task<DoctorReport> RunAsync(DoctorSubject subject, CancellationToken cancellationToken)
    {
        var report = new DoctorReport();
        await CheckTelegramAsync(subject.Configuration, report, cancellationToken);
        CheckZaloSettings(subject.Configuration, report);
        CheckWebChat(subject.Configuration, report);
        CheckDatabase(subject, report);
        CheckDisk(subject.DatabasePath, report);
        CheckClock(report);
        CheckContent(subject, report);
        return report;
    }

    private static async Task CheckTelegramAsync(IConfiguration configuration, DoctorReport report, CancellationToken cancellationToken)
    {
        const string Topic = "Telegram";
        var options = configuration.GetSection(TelegramAdapterOptions.SectionName).Get<TelegramAdapterOptions>() ?? new();
        if (!options.IsEnabled)
        {
            report.Ok(Topic, "tắt (chưa đặt Telegram:Token).");
            return;
        }

        var problems = options.Problems().ToList();
        if (problems.Count > 0)
        {
            problems.ForEach(problem => report.Error(Topic, "cấu hình sai: " + problem));
            return;
        }

        report.Ok(Topic, $"cấu hình hợp lệ, chế độ {(options.EffectiveMode == TelegramMode.Webhook ? "webhook" : "polling")}.");
        using var http = new HttpClient { Timeout = PlatformTimeout };
        var client = new TelegramBotClient(new TelegramBotClientOptions(options.Token!, options.ApiBaseUrl.TrimEnd('/')), http);
        try
        {
            var me = await client.GetMe(cancellationToken);
            report.Ok(Topic, $"getMe: bot @{me.Username} (id {me.Id}) trả lời.");
            var info = await client.GetWebhookInfo(cancellationToken);
            var expected = options.EffectiveMode == TelegramMode.Webhook ? options.PublicUrl!.TrimEnd('/') + TelegramAdapterOptions.WebhookPath : "";
            if (!string.Equals(info.Url, expected, StringComparison.Ordinal))
            {
                report.Warn(Topic, string.IsNullOrEmpty(expected)
                    ? $"đang có webhook {info.Url} trong khi bot chạy polling; bot sẽ xóa webhook khi khởi động."
                    : $"webhook đang là '{info.Url}', cần '{expected}'; bot sẽ đặt lại khi khởi động.");
            }

            if (info.LastErrorDate is { } errorDate && DateTime.UtcNow - errorDate.ToUniversalTime() < TimeSpan.FromDays(1))
            {
                report.Warn(Topic, $"lỗi webhook gần nhất lúc {OfficeTime(errorDate)}: {info.LastErrorMessage}.");
            }

            if (info.PendingUpdateCount > 100)
            {
                report.Warn(Topic, $"{info.PendingUpdateCount} tin đang chờ ở Telegram (bot không nhận kịp?).");
            }
            else
            {
                report.Ok(Topic, $"getWebhookInfo: {info.PendingUpdateCount} tin đang chờ" + (info.LastErrorDate is null ? ", không có lỗi." : "."));
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or global::Telegram.Bot.Exceptions.RequestException or global::Telegram.Bot.Exceptions.ApiRequestException)
        {
            report.Error(Topic, $"không gọi được Telegram ({options.ApiBaseUrl}): {e.Message}");
        }
    }

    private static void CheckZaloSettings(IConfiguration configuration, DoctorReport report)
    {
        var oa = configuration.GetSection(ZaloOaOptions.SectionName).Get<ZaloOaOptions>() ?? new();
        Settings(report, "Zalo OA", oa.IsEnabled, "Zalo:Oa:AppId và Zalo:Oa:OaSecretKey", oa.Problems());
        var bot = configuration.GetSection(ZaloBotOptions.SectionName).Get<ZaloBotOptions>() ?? new();
        Settings(report, "Zalo Bot", bot.IsEnabled, "Zalo:Bot:Token", bot.Problems());
    }

    private static void CheckWebChat(IConfiguration configuration, DoctorReport report)
    {
        var options = configuration.GetSection(WebChatOptions.SectionName).Get<WebChatOptions>() ?? new();
        Settings(report, "Web chat", options.Enabled, "WebChat:Enabled", options.Problems());
    }

    private static void Settings(DoctorReport report, string topic, bool enabled, string switchedOnBy, IEnumerable<string> problems)
    {
        if (!enabled)
        {
            report.Ok(topic, $"tắt (chưa đặt {switchedOnBy}).");
            return;
        }

        var list = problems.ToList();
        if (list.Count == 0)
        {
            report.Ok(topic, "cấu hình hợp lệ.");
        }

        list.ForEach(problem => report.Error(topic, "cấu hình sai: " + problem));
    }

    private static void CheckDatabase(DoctorSubject subject, DoctorReport report)
    {
        const string Topic = "Dữ liệu";
        var path = subject.DatabasePath;
        if (!File.Exists(path))
        {
            report.Warn(Topic, $"chưa có tệp {path}; bot sẽ tạo khi chạy lần đầu.");
            return;
        }

        try
        {
            var oaEnabled = (subject.Configuration.GetSection(ZaloOaOptions.SectionName).Get<ZaloOaOptions>() ?? new()).IsEnabled;
            using (var database = PcgdBotDatabase.Open(path))
            {
                CheckZaloTokens(new ZaloTokenStore(database), oaEnabled, report);
                if (database.LastBackup() is { } last)
                {
                    var age = DateTime.UtcNow - last.CompletedUtc;
                    var text = $"bản sao lưu gần nhất {last.File} lúc {OfficeTime(last.CompletedUtc)}.";
                    if (age > TimeSpan.FromDays(2))
                    {
                        report.Warn("Sao lưu", text + " Đã hơn 2 ngày: kiểm tra Backup:Directory.");
                    }
                    else
                    {
                        report.Ok("Sao lưu", text);
                    }
                }
                else
                {
                    report.Warn("Sao lưu", "chưa có bản sao lưu nào; đặt Backup:Directory hoặc chạy `backup`.");
                }
            }

            var check = PcgdBotDatabase.CheckFile(path);
            report.Ok(Topic, $"{path}: {Megabytes(check.Bytes)} MB, schema {check.SchemaVersion}, đọc hết {check.Counts.Values.Sum()} bản ghi trong {check.Counts.Count} bảng, không lỗi.");
        }
        catch (DatabaseUnavailableException e) when (e.Message.Contains("đang được một tiến trình PcgdBot khác sử dụng", StringComparison.Ordinal))
        {
            report.Warn(Topic, $"{path} đang được dịch vụ PcgdBot giữ ({Megabytes(new FileInfo(path).Length)} MB); chạy `backup` rồi `doctor --db` trên bản sao để kiểm tra toàn bộ.");
        }
        catch (DatabaseException e)
        {
            report.Error(Topic, e.Message);
        }
    }

    private static void CheckZaloTokens(ZaloTokenStore store, bool oaEnabled, DoctorReport report)
    {
        const string Topic = "Zalo OA token";
        var tokens = store.All();
        if (tokens.Count == 0)
        {
            if (oaEnabled)
            {
                report.Error(Topic, "chưa có token; chạy `zalo set-token` với token lấy từ trang quản lý Zalo.");
            }

            return;
        }

        foreach (var token in tokens)
        {
            var name = token.OaId == ZaloTokenStore.AnyOa ? "(mọi OA)" : token.OaId;
            var left = token.ExpiresAt - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                report.Warn(Topic, $"{name}: access token đã hết hạn lúc {OfficeTime(token.ExpiresAt)}; bot sẽ gia hạn bằng refresh token khi chạy (refresh token dùng được 3 tháng).");
            }
            else
            {
                report.Ok(Topic, $"{name}: còn hạn {left.TotalHours.ToString("0.#", CultureInfo.InvariantCulture)} giờ (đến {OfficeTime(token.ExpiresAt)}).");
            }
        }
    }

    private static void CheckDisk(string databasePath, DoctorReport report)
    {
        const string Topic = "Ổ đĩa";
        try
        {
            var folder = Path.GetDirectoryName(databasePath)!;
            while (!Directory.Exists(folder) && Path.GetDirectoryName(folder) is { } parent)
            {
                folder = parent;
            }

            var free = new DriveInfo(folder).AvailableFreeSpace;
            var text = $"còn trống {Megabytes(free)} MB ở {folder}.";
            if (free < PcgdBotDatabase.MinimumFreeBytes)
            {
                report.Error(Topic, text + " Bot sẽ không nhận được tin.");
            }
            else if (free < DiskWarningBytes)
            {
                report.Warn(Topic, text + " Dưới 1 GB: hãy dọn bớt (bản sao lưu cũ, nhật ký).");
            }
            else
            {
                report.Ok(Topic, text);
            }
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            report.Warn(Topic, $"không đọc được dung lượng trống: {e.Message}");
        }
    }

    private static void CheckClock(DoctorReport report)
    {
        const string Topic = "Đồng hồ";
        var zone = BackupOptions.TryFindZone(OfficeClock.ZoneId);
        if (zone is null)
        {
            report.Error(Topic, "máy thiếu dữ liệu múi giờ Asia/Ho_Chi_Minh (cài gói tzdata).");
        }
        else
        {
            report.Ok(Topic, $"giờ Việt Nam {OfficeClock.Now():dd/MM/yyyy HH:mm:ss} (UTC{OfficeClock.Now():zzz}); múi giờ máy: {TimeZoneInfo.Local.Id}.");
        }

        if (NtpSynchronized() is { } synchronized)
        {
            if (synchronized)
            {
                report.Ok(Topic, "đồng bộ NTP: có.");
            }
            else
            {
                report.Warn(Topic, "đồng hồ máy chưa đồng bộ NTP (timedatectl set-ntp true); giờ sai làm hỏng chữ ký webhook và lịch nhắc.");
            }
        }
    }

    private static bool? NtpSynchronized()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("timedatectl", ["show", "-p", "NTPSynchronized", "--value"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null || !process.WaitForExit(3000) || process.ExitCode != 0)
            {
                return null;
            }

            var value = process.StandardOutput.ReadToEnd().Trim();
            return value == "yes" ? true : value == "no" ? false : null;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return null;
        }
    }

    private static void CheckContent(DoctorSubject subject, DoctorReport report)
    {
        const string Topic = "Nội dung";
        try
        {
            using var content = PcgdBotContent.Load(subject.ContentDirectory, subject.PlanFile);
            report.Ok(Topic, $"{subject.ContentDirectory}: đọc được kế hoạch và các mẫu câu trả lời.");
        }
        catch (Exception e) when (e is ContentException or ContentFileException or IOException or UnauthorizedAccessException)
        {
            report.Error(Topic, e.Message);
        }
    }

    private static string OfficeTime(DateTime utc) =>
        TimeZoneInfo.ConvertTime(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)), OfficeClock.Zone).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    private static string Megabytes(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0.##", CultureInfo.InvariantCulture);
}
