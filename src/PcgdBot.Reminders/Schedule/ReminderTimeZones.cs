namespace PcgdBot.Reminders.Schedule;

/// <summary>Finds the schedule's time zone, with a fixed UTC+7 zone for Vietnam where the system has no tz data.</summary>
public static class ReminderTimeZones
{
    public const string Vietnam = "Asia/Ho_Chi_Minh";

    /// <summary>
    /// UTC+7 with no daylight saving. Vietnam has kept this offset since 1975, so for any date the schedule can meet it
    /// gives the same instants as the tz database; slim containers often ship without that database.
    /// </summary>
    public static TimeZoneInfo VietnamFixed { get; } =
        TimeZoneInfo.CreateCustomTimeZone(Vietnam, TimeSpan.FromHours(7), Vietnam, "Giờ Việt Nam (UTC+07:00)");

    private static readonly string[] VietnamNames = [Vietnam, "Asia/Saigon", "SE Asia Standard Time"];

    /// <summary>The zone for an IANA or Windows id, or null when the system does not know it (and it is not Vietnam's).</summary>
    public static TimeZoneInfo? Find(string id) => Find(id, TimeZoneInfo.FindSystemTimeZoneById);

    internal static TimeZoneInfo? Find(string id, Func<string, TimeZoneInfo> systemLookup)
    {
        try
        {
            return systemLookup(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return VietnamNames.Contains(id, StringComparer.OrdinalIgnoreCase) ? VietnamFixed : null;
        }
    }

    /// <summary>The instant a local wall-clock time happens; a time skipped by a daylight-saving jump counts as an hour later.</summary>
    public static DateTimeOffset ToInstant(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }

    /// <summary>The local calendar date of an instant.</summary>
    public static DateOnly LocalDate(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
}
