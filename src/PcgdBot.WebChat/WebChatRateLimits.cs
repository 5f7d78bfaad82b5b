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
                httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true });
    }
}
