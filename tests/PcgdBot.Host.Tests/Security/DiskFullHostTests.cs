using System.Diagnostics;
using System.Net;
using System.Text.Json;
using PcgdBot.Host.Tests.Support;
using PcgdBot.Host.Web;
using PcgdBot.Storage.Tests;

namespace PcgdBot.Host.Tests.Security;

/// <summary>The host on a data file whose disk fills up (a tiny tmpfs): not ready, alive, fast refusals, back when space is.</summary>
public sealed class DiskFullHostTests
{
    [SkippableFact]
    public async Task On_a_full_disk_readyz_says_not_ready_healthz_stays_alive_and_messages_get_a_fast_503_until_space_is_back()
    {
        using var disk = SmallDisk.TryMount(4096, out var reason);
        Skip.If(disk is null, reason);
        await using var emulator = await EmulatorChannel.StartAsync();
        await using var host = new DiskHost(disk!.Path);
        host.Start();
        using var client = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);

        var filler = disk.Fill();
        using var notReady = await client.GetAsync("/readyz");
        var clock = Stopwatch.StartNew();
        using var message = await client.PostAsync("/api/messages", EmulatorActivities.Message(emulator.ServiceUrl, EmulatorActivities.NewConversationId(), "cập nhật"));
        var refusedIn = clock.Elapsed;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        using var body = JsonDocument.Parse(await notReady.Content.ReadAsStringAsync());
        Assert.Equal("not-ready", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("disk-full", body.RootElement.GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, message.StatusCode);
        Assert.True(refusedIn < TimeSpan.FromSeconds(5), $"refused after {refusedIn}");

        File.Delete(filler);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
        using var answered = await client.PostAsync("/api/messages", EmulatorActivities.Message(emulator.ServiceUrl, EmulatorActivities.NewConversationId(), "Hạn nộp báo cáo?"));
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Contains("10/12", (await emulator.NextAsync()).Text);
    }

    [SkippableFact]
    public async Task Starting_on_a_full_disk_says_the_disk_is_full_not_that_the_content_is_unusable()
    {
        using var disk = SmallDisk.TryMount(256, out var reason);
        Skip.If(disk is null, reason);
        disk!.Fill();

        var (exitCode, output, error) = await HostProcess.RunAsync("", "serve", "--urls=http://127.0.0.1:0", "--db", Path.Combine(disk.Path, "bot.db"));

        var said = output + error;
        Assert.Equal(1, exitCode);
        Assert.Contains("Đĩa đầy", said);
        Assert.Contains("no space left on device", said, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("content is unusable", said);
    }

    private sealed class DiskHost(string folder) : KestrelBotHost("pcgdbot-disk-", 0, folder);
}
