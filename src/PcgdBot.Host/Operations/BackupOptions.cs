namespace PcgdBot.Host.Operations;

/// <summary>The "Backup" section: the nightly copy of the data file.</summary>
public sealed class BackupOptions
{
    public const string SectionName = "Backup";

    /// <summary>Where nightly copies go; empty turns the nightly backup off. Relative to the content root.</summary>
    public string? Directory { get; set; }

    /// <summary>Local time of day of the nightly backup, "HH:mm".</summary>
    public string At { get; set; } = "02:00";

    /// <summary>The zone <see cref="At"/> is in.</summary>
    public string TimeZone { get; set; } = "Asia/Ho_Chi_Minh";

    /// <summary>How many copies to keep in the folder (older ones are deleted after a good copy).</summary>
    public int Keep { get; set; } = 14;

    public TimeOnly TimeOfDay => TimeOnly.ParseExact(At, "HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    public bool IsValidTime => TimeOnly.TryParseExact(At, "HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _);

    public bool IsValidZone => TryFindZone(TimeZone) is not null;

    public static TimeZoneInfo? TryFindZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            return null;
        }
    }
}
