namespace PcgdBot.Host.Operations;

/// <summary>The "Health" section: when /readyz says not ready, and whether /metrics is served.</summary>
public sealed class HealthOptions
{
    public const string SectionName = "Health";

    /// <summary>An outbox record still waiting after this long means sending is stuck: /readyz answers 503.</summary>
    public TimeSpan OutboxStuckAfter { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Serve Prometheus metrics at <see cref="MetricsPath"/> to loopback callers not sent through a proxy.</summary>
    public bool Metrics { get; set; } = true;

    public const string MetricsPath = "/metrics";
}
