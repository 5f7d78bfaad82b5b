using Microsoft.Extensions.Logging;

namespace PcgdBot.Zalo.Oa;

/// <summary>
/// Hands out each OA's access token and renews it: before it expires, and when Zalo says it is invalid or expired.
/// Refreshes are serialised (a refresh token works once; two refreshes at once would lock the bot out), and a
/// caller whose token was already replaced by someone else's refresh just takes the new one.
/// </summary>
public sealed partial class ZaloTokenKeeper(IZaloOaClient client, ZaloTokenStore store, ZaloOaOptions options, TimeProvider time, ILogger<ZaloTokenKeeper> logger)
{
    private readonly SemaphoreSlim refreshing = new(1, 1);

    public string? AccessTokenFor(string oaId) => store.Get(oaId)?.AccessToken;

    /// <summary>Renews the token of <paramref name="oaId"/> unless it already differs from <paramref name="failedToken"/>.</summary>
    public async Task<string?> RenewAsync(string oaId, string? failedToken, CancellationToken cancellationToken)
    {
        await refreshing.WaitAsync(cancellationToken);
        try
        {
            var current = store.Get(oaId);
            if (current is null)
            {
                LogNoTokens(oaId);
                return null;
            }

            if (failedToken is not null && current.AccessToken != failedToken)
            {
                return current.AccessToken;
            }

            var (access, refresh, expiresIn) = await client.RefreshAsync(current.RefreshToken, cancellationToken);
            store.Save(current with { AccessToken = access, RefreshToken = refresh, ExpiresAt = time.GetUtcNow().UtcDateTime + expiresIn });
            LogRenewed(current.OaId, expiresIn.TotalHours);
            return access;
        }
        catch (Exception error) when (error is ZaloTokenRefreshException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogRenewFailed(oaId, error.Message);
            return null;
        }
        finally
        {
            refreshing.Release();
        }
    }

    /// <summary>Renews every token that expires within <see cref="ZaloOaOptions.RefreshBeforeExpiry"/>.</summary>
    public async Task RenewDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var tokens in store.All().Where(t => t.ExpiresAt - now <= options.RefreshBeforeExpiry))
        {
            await RenewAsync(tokens.OaId, tokens.AccessToken, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Zalo OA {OaId}: access token renewed, valid {Hours} h")]
    private partial void LogRenewed(string oaId, double hours);

    [LoggerMessage(Level = LogLevel.Error, Message = "Zalo OA {OaId}: the access token could not be renewed: {Reason}")]
    private partial void LogRenewFailed(string oaId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Zalo OA {OaId}: no tokens; set them with `zalo set-token` or Zalo:Oa:AccessToken/RefreshToken")]
    private partial void LogNoTokens(string oaId);
}
