using PcgdBot.Host.Operations;

namespace PcgdBot.Host.Web;

/// <summary>
/// <c>GET /readyz</c>: whether the bot can take messages now: its data file takes writes and the outbox is not stuck
/// (200, else 503 with the reason), with each configured channel's last contact; <c>/healthz</c> only says the process
/// is alive, so a full disk does not get the process restarted in a loop.
/// </summary>
public static class ReadinessEndpoint
{
    public const string Path = "/readyz";

    /// <summary>The largest body any endpoint of the host accepts (Kestrel's own limit; endpoints set lower ones).</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapReadiness(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, (ReadinessReport report) =>
        {
            var readiness = report.Check();
            return Results.Json(
                new
                {
                    status = readiness.Status,
                    reason = readiness.Reason,
                    detail = readiness.Detail,
                    database = readiness.DatabaseOpen ? "open" : "unavailable",
                    outbox = new { waiting = readiness.OutboxWaiting, oldestSeconds = readiness.OutboxOldestSeconds, stuckAfterSeconds = readiness.OutboxStuckAfterSeconds },
                    channels = readiness.Channels.Select(c => new { channel = c.Channel, lastContactUtc = c.LastContact, secondsAgo = c.SecondsAgo }),
                },
                statusCode: readiness.Ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        return endpoints;
    }
}
