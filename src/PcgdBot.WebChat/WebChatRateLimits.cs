using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace PcgdBot.WebChat;

/// <summary>Per-IP limits on starting conversations and on posting activities: 429 with Retry-After past them.</summary>
public static class WebChatRateLimits
{
    public const string StartPolicy = "webchat-start";
    public const string PostPolicy = "webchat-post";

    public static RateLimiterOptions AddWebChatPolicies(this RateLimiterOptions limits)
    {
        limits.AddPolicy<string, Start>(StartPolicy);
        limits.AddPolicy<string, Post>(PostPolicy);
        return limits;
    }

    internal sealed class Start(IOptions<WebChatOptions> options) : PerIpPolicy(options.Value.StartsPerMinutePerIp);

    internal sealed class Post(IOptions<WebChatOptions> options) : PerIpPolicy(options.Value.PostsPerMinutePerIp);

    internal abstract class PerIpPolicy(int perMinute) : IRateLimiterPolicy<string>
    {
        public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = (context, _) =>
        {
            var response = context.HttpContext.Response;
            response.StatusCode = StatusCodes.Status429TooManyRequests;
            var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(60);
            response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return ValueTask.CompletedTask;
        };

        public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
            RateLimitPartition.GetFixedWindowLimiter(
                ClientAddress(httpContext),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true });
    }

    /// <summary>
    /// The caller's address. Behind the reverse proxy of deploy/ (on this machine, so the connection is loopback) that
    /// is the last X-Forwarded-For entry, the one the proxy itself appended: without it every visitor would share one
    /// limit. X-Forwarded-For is believed only from loopback, so a remote caller cannot pick its own partition.
    /// </summary>
    internal static string ClientAddress(HttpContext http)
    {
        var remote = http.Connection.RemoteIpAddress;
        if (PcgdBot.Channels.LoopbackAddresses.IsLoopback(remote) && http.Request.Headers["X-Forwarded-For"].ToString() is { Length: > 0 } forwarded)
        {
            var last = forwarded[(forwarded.LastIndexOf(',') + 1)..].Trim();
            if (System.Net.IPAddress.TryParse(last, out var client))
            {
                return client.ToString();
            }
        }

        return remote?.ToString() ?? "unknown";
    }
}
