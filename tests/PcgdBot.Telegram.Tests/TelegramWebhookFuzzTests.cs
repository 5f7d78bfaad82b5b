using PcgdBot.Telegram.Tests.Fuzz;
using Xunit.Abstractions;

namespace PcgdBot.Telegram.Tests;

/// <summary>
/// Property-based fuzzing of <c>POST /api/telegram</c> on the real host (Kestrel, loopback, stand-in Bot API): 3,000
/// structure-aware mutations of the recorded updates from a fixed seed. Whatever comes, the answer is 2xx or 4xx,
/// nothing is logged as an exception, and memory comes back down. Larger runs: the <c>fuzz-webhooks</c> bench command.
/// </summary>
[Trait("Category", "Long")]
[Collection(nameof(MeasuredMemory))]
public sealed class TelegramWebhookFuzzTests(ITestOutputHelper output)
{
    public const int Payloads = 3_000;
    public const ulong Seed = 20261207;

    [Fact]
    public async Task Three_thousand_mutated_updates_never_get_a_5xx_nor_an_exception_logged_and_memory_comes_back()
    {
        var figures = await TelegramFuzzEndpoint.RunAsync(Payloads, Seed);
        output.WriteLine(figures.ToString());

        Assert.Equal(Payloads, figures.Payloads);
        Assert.True(figures.ServerErrorCount == 0, string.Join("\n", figures.ServerErrors));
        Assert.True(figures.LoggedExceptions.Count == 0, string.Join("\n", figures.LoggedExceptions));
        Assert.True(figures.Statuses.Keys.All(s => s is 200 or 400 or 413), string.Join(", ", figures.Statuses.Keys));
        Assert.True(figures.ManagedMbKept < 300, $"managed heap {figures.ManagedMbAfter:F0} MB after the run, {figures.ManagedMbBefore:F0} MB before");
    }
}

/// <summary>
/// The heap is measured after the run, and it is the whole test process's: these tests run alone, after the others,
/// so another test's 20 MB body is not counted as theirs.
/// </summary>
[CollectionDefinition(nameof(MeasuredMemory), DisableParallelization = true)]
public sealed class MeasuredMemory;
