using System.Globalization;
using PcgdBot.Reminders.Outbox;
using PcgdBot.Storage;
using PcgdBot.Storage.Reporting;

namespace PcgdBot.Host.Operations;

/// <summary>What <c>status</c> prints: the numbers an IT person checks in the morning.</summary>
public sealed record StatusReport(int People, int Updates, int OutboxWaiting, DateTime? OutboxOldestUtc, string? LastBackupFile, DateTime? LastBackupUtc, long DatabaseBytes)
{
    public static StatusReport Read(PcgdBotDatabase database, TimeProvider time)
    {
        var reporting = new ReportingStore(database);
        var backlog = new OutboxStore(database, time).Backlog();
        var last = database.LastBackup();
        return new StatusReport(
            reporting.AllPeople().Count,
            reporting.CountUpdates(),
            backlog.Waiting,
            backlog.OldestCreatedAt,
            last?.File,
            last?.CompletedUtc,
            new FileInfo(database.Path).Length);
    }

    public IEnumerable<string> Lines()
    {
        yield return $"Người đã đăng ký: {People}";
        yield return $"Báo cáo tiến độ: {Updates}";
        yield return OutboxWaiting == 0
            ? "Tin nhắn chờ gửi: 0"
            : $"Tin nhắn chờ gửi: {OutboxWaiting} (cũ nhất từ {Office(OutboxOldestUtc!.Value)})";
        yield return LastBackupUtc is { } at ? $"Sao lưu gần nhất: {Office(at)} — {LastBackupFile}" : "Sao lưu gần nhất: chưa có";
        yield return $"Tệp dữ liệu: {(DatabaseBytes / 1024.0 / 1024.0).ToString("0.##", CultureInfo.InvariantCulture)} MB";
    }

    private static string Office(DateTime utc) =>
        TimeZoneInfo.ConvertTime(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)), OfficeClock.Zone).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);
}
