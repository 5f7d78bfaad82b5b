namespace PcgdBot.Host.Operations;

/// <summary>The office's time (Asia/Ho_Chi_Minh), which names backup files and is what people read.</summary>
public static class OfficeClock
{
    public const string ZoneId = "Asia/Ho_Chi_Minh";

    public static TimeZoneInfo Zone { get; } = BackupOptions.TryFindZone(ZoneId) ?? TimeZoneInfo.CreateCustomTimeZone(ZoneId, TimeSpan.FromHours(7), ZoneId, ZoneId);

    public static DateTimeOffset Now(TimeProvider? time = null) => TimeZoneInfo.ConvertTime((time ?? TimeProvider.System).GetUtcNow(), Zone);
}
