using CsCheck;
using Xunit.Abstractions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using PcgdBot.Host.Tests.Support;

namespace PcgdBot.Host.Tests.Fuzz;

/// <summary>/api/messages under 3,000 generated payloads (fixed seed) with the real bot behind it.</summary>
[Collection(nameof(MeasuredMemory))]
public sealed class BotEndpointFuzzTests(ITestOutputHelper output)
{
    /// <summary>Fixed, so a failure is the same failure on every machine; the benchmark command takes others.</summary>
    public static readonly string Seed = new PCG(15, 20261207).ToString();

    [Fact]
    public async Task Three_thousand_hostile_payloads_get_no_5xx_no_logged_error_and_leave_memory_under_300_MB()
    {
        await using var emulator = await EmulatorChannel.StartAsync();
        await using var bot = new LoggedBotFactory();
        var client = bot.CreateClient();
        // What the run keeps is measured against the heap before it: the test process also holds what earlier tests'
        // hosts left behind (each opened its own database and content), which is not this run's.
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var (statuses, serverErrors) = await ActivityFuzz.PostAllAsync(client, emulator.ServiceUrl, Seed, 3_000);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        output.WriteLine($"statuses: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}; heap {heap / 1024 / 1024} MB ({heapBefore / 1024 / 1024} MB before); working set {Environment.WorkingSet / 1024 / 1024} MB");
        Assert.Equal(3_000, statuses.Values.Sum());
        Assert.Empty(serverErrors);
        Assert.Empty(bot.Logs.Errors.Select(e => $"{e.Category}: {e.Message} {e.Exception?.GetType().Name}: {e.Exception?.Message}"));
        Assert.True(heap - heapBefore < 300L * 1024 * 1024, $"managed heap {heap / 1024 / 1024} MB after the run, {heapBefore / 1024 / 1024} MB before");
    }

    private sealed class LoggedBotFactory : PcgdBotFactory
    {
        public CapturedLogs Logs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        }
    }
}

/// <summary>
/// The heap is measured after the run, and it is the whole test process's: these tests run alone, after the others,
/// so another test's 20 MB body is not counted as theirs.
/// </summary>
[CollectionDefinition(nameof(MeasuredMemory), DisableParallelization = true)]
public sealed class MeasuredMemory;
