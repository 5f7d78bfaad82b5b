using PcgdBot.Storage;

namespace PcgdBot.Host.Web;

/// <summary>
/// <c>GET /readyz</c>: whether the bot can take messages now (its data file takes writes: 200, else 503 with the reason);
/// <c>/healthz</c> only says the process is alive, so a full disk does not get the process restarted in a loop.
/// </summary>
public static class ReadinessEndpoint
{
    public const string Path = "/readyz";

    /// <summary>The largest body any endpoint of the host accepts (Kestrel's own limit; endpoints set lower ones).</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapReadiness(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, (PcgdBotDatabase database) =>
        {
            var health = database.CheckHealth();
            return health.Writable
                ? Results.Json(new { status = "ready" })
                : Results.Json(new { status = "not-ready", reason = health.DiskFull ? "disk-full" : "storage-error", detail = health.Problem }, statusCode: StatusCodes.Status503ServiceUnavailable);
        });
        return endpoints;
    }
}
