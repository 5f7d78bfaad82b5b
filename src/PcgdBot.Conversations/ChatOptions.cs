namespace PcgdBot.Conversations;

/// <summary>How long codes live and when the reporting year ends; bound from the "Reporting" configuration section.</summary>
public sealed class ChatOptions
{
    /// <summary>Day/month the reporting year ends on; empty takes the plan's deadline for reports to Phòng GD&amp;ĐT (10/12).</summary>
    public string? PeriodEnd { get; set; }

    public TimeSpan InviteValidity { get; set; } = TimeSpan.FromDays(7);

    public TimeSpan LinkCodeValidity { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The web desk's address (<c>…/dieu-phoi</c>) put in sign-in links; set by the dashboard from Dashboard:PublicUrl.</summary>
    public string? DashboardUrl { get; set; }

    /// <summary>How long a web sign-in code lives (single use).</summary>
    public TimeSpan WebSignInValidity { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The time zone of the people (dates of periods and receipts).</summary>
    public string TimeZone { get; set; } = "Asia/Ho_Chi_Minh";
}
