using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PcgdBot.Storage;
using PcgdBot.Zalo.Oa;
using PcgdBot.Zalo.Tests.StandIn;

namespace PcgdBot.Zalo.Tests.Oa;

/// <summary>Token renewal against the stand-in OAuth endpoint, with a clock the test moves and a real database file.</summary>
public sealed class ZaloTokenKeeperTests : IAsyncLifetime
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "pcgdbot-tokens-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));
    private ZaloOaStandIn api = null!;
    private PcgdBotDatabase database = null!;

    public async Task InitializeAsync()
    {
        api = await ZaloOaStandIn.StartAsync();
        database = PcgdBotDatabase.Open(Path.Combine(folder, "bot.db"));
    }

    public async Task DisposeAsync()
    {
        database.Dispose();
        await api.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    private (ZaloTokenKeeper Keeper, ZaloTokenStore Store) Keeper()
    {
        var options = new ZaloOaOptions { AppId = api.AppId, AppSecret = api.AppSecret, OaSecretKey = api.OaSecretKey, ApiBaseUrl = api.BaseUrl, OAuthBaseUrl = api.BaseUrl };
        var store = new ZaloTokenStore(database);
        return (new ZaloTokenKeeper(new ZaloOaApiClient(options, new HttpClient()), store, options, time, NullLogger<ZaloTokenKeeper>.Instance), store);
    }

    [Fact]
    public async Task A_token_is_renewed_an_hour_before_it_expires_and_not_earlier()
    {
        var (keeper, store) = Keeper();
        store.Save(new ZaloTokens("388613280878808645", api.InitialAccessToken, api.InitialRefreshToken, time.GetUtcNow().UtcDateTime.AddHours(25)));

        time.Advance(TimeSpan.FromHours(23));
        await keeper.RenewDueAsync(CancellationToken.None);
        Assert.Equal(0, api.RefreshCount);

        time.Advance(TimeSpan.FromHours(1.5));
        await keeper.RenewDueAsync(CancellationToken.None);
        Assert.Equal(1, api.RefreshCount);
        var renewed = store.Get("388613280878808645")!;
        Assert.Equal((api.CurrentAccessToken, api.CurrentRefreshToken), (renewed.AccessToken, renewed.RefreshToken));
        Assert.Equal(time.GetUtcNow().UtcDateTime.AddSeconds(90000), renewed.ExpiresAt);
    }

    [Fact]
    public async Task Many_senders_finding_the_token_expired_at_once_cause_one_renewal()
    {
        var (keeper, store) = Keeper();
        store.Save(new ZaloTokens(ZaloTokenStore.AnyOa, api.InitialAccessToken, api.InitialRefreshToken, time.GetUtcNow().UtcDateTime.AddHours(2)));

        var tokens = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => keeper.RenewAsync("388613280878808645", api.InitialAccessToken, CancellationToken.None)));

        Assert.Equal(1, api.RefreshCount);
        Assert.All(tokens, token => Assert.Equal(api.CurrentAccessToken, token));
    }

    [Fact]
    public async Task A_refused_renewal_keeps_the_stored_pair_and_says_so()
    {
        var (keeper, store) = Keeper();
        store.Save(new ZaloTokens("oa", api.InitialAccessToken, "RT-unknown", time.GetUtcNow().UtcDateTime));

        Assert.Null(await keeper.RenewAsync("oa", api.InitialAccessToken, CancellationToken.None));
        Assert.Equal("RT-unknown", store.Get("oa")!.RefreshToken);
    }
}
