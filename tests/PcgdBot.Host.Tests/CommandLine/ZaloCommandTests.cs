using PcgdBot.Host.Tests.Support;
using PcgdBot.Storage;
using PcgdBot.Zalo.Oa;

namespace PcgdBot.Host.Tests.CommandLine;

public sealed class ZaloCommandTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "pcgdbot-zalocmd-" + Guid.NewGuid().ToString("N"));

    private string DatabasePath => Path.Combine(folder, "bot.db");

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Set_token_stores_the_pair_for_the_oa_in_the_database()
    {
        var result = await CommandLineRun.RunAsync("", "zalo", "set-token", "--access-token", "AT-1", "--refresh-token", "RT-1", "--oa-id", "388613280878808645", "--expires-in", "3600", "--db", DatabasePath);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("Đã lưu token Zalo OA 388613280878808645", result.Output);
        using var database = PcgdBotDatabase.Open(DatabasePath);
        var tokens = new ZaloTokenStore(database).Get("388613280878808645")!;
        Assert.Equal(("AT-1", "RT-1"), (tokens.AccessToken, tokens.RefreshToken));
        Assert.InRange(tokens.ExpiresAt, DateTime.UtcNow.AddMinutes(55), DateTime.UtcNow.AddMinutes(65));
    }

    [Fact]
    public async Task Set_token_without_the_refresh_token_is_a_usage_error()
    {
        var result = await CommandLineRun.RunAsync("", "zalo", "set-token", "--access-token", "AT-1", "--db", DatabasePath);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--refresh-token", result.Error);
    }
}
