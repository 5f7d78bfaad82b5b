namespace PcgdBot.Host.Files;

/// <summary>The "Files" section: download links for files the channel cannot carry (Zalo Bot Platform, web chat).</summary>
public sealed class FileLinkOptions
{
    public const string SectionName = "Files";

    /// <summary>The address people's phones reach the host at ("https://pcgd.example.vn"); empty gives links relative to the host (enough for the web chat page).</summary>
    public string? PublicUrl { get; set; }

    /// <summary>How long a link works.</summary>
    public TimeSpan Validity { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The files kept for links at most, in bytes; the oldest go first beyond it.</summary>
    public long MaxStoredBytes { get; set; } = 100L * 1024 * 1024;

    public IEnumerable<string> Problems()
    {
        if (Validity <= TimeSpan.Zero || Validity > TimeSpan.FromDays(1))
        {
            yield return "Files:Validity must be positive and at most a day (e.g. 00:15:00).";
        }

        if (MaxStoredBytes < 1024 * 1024)
        {
            yield return "Files:MaxStoredBytes must be at least 1 MB.";
        }

        if (PublicUrl is { Length: > 0 } url && !(Uri.TryCreate(url, UriKind.Absolute, out var address) && address.Scheme is "https" or "http"))
        {
            yield return "Files:PublicUrl must be an absolute http(s) address.";
        }
    }
}
