namespace PcgdBot.Dashboard;

/// <summary>The web desk's settings, bound from the "Dashboard" section and checked at start-up.</summary>
public sealed class DashboardOptions
{
    public const string SectionName = "Dashboard";
    public const string BasePath = "/dieu-phoi";
    public const string CookieName = "pcgd_dieu_phoi";

    /// <summary>The address people open, e.g. https://pcgd.example.vn (sign-in links are {PublicUrl}/dieu-phoi/dang-nhap?ma=…).</summary>
    public string PublicUrl { get; set; } = "http://localhost:5000";

    /// <summary>How long a sign-in code from the bot lives.</summary>
    public TimeSpan CodeValidity { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A session left untouched this long ends.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A session ends this long after sign-in, however busy.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Sign-in attempts allowed per client address in <see cref="SignInWindow"/>.</summary>
    public int SignInAttempts { get; set; } = 10;

    public TimeSpan SignInWindow { get; set; } = TimeSpan.FromMinutes(5);

    internal IEnumerable<string> Problems()
    {
        if (!Uri.TryCreate(PublicUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            yield return "Dashboard:PublicUrl must be an http(s) address.";
        }

        if (CodeValidity <= TimeSpan.Zero || IdleTimeout <= TimeSpan.Zero || SessionLifetime <= TimeSpan.Zero || SignInWindow <= TimeSpan.Zero)
        {
            yield return "Dashboard:CodeValidity, IdleTimeout, SessionLifetime and SignInWindow must be positive.";
        }

        if (SignInAttempts < 1)
        {
            yield return "Dashboard:SignInAttempts must be at least 1.";
        }
    }
}
