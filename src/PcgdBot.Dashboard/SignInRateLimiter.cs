using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace PcgdBot.Dashboard;

/// <summary>Bounds sign-in attempts per client address, so codes cannot be guessed by trying many.</summary>
public sealed class SignInRateLimiter(IOptions<DashboardOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(client =>
        RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.SignInAttempts,
            Window = options.Value.SignInWindow,
            QueueLimit = 0,
        }));

    /// <summary>True when this client may try a code now.</summary>
    public bool TryAcquire(string client)
    {
        using var lease = limiter.AttemptAcquire(client);
        return lease.IsAcquired;
    }

    public void Dispose() => limiter.Dispose();
}
