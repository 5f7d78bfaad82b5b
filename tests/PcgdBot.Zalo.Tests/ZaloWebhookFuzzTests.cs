using PcgdBot.Telegram.Tests.Fuzz;
using PcgdBot.Zalo.Tests.Fuzz;
using Xunit.Abstractions;

namespace PcgdBot.Zalo.Tests;

/// <summary>
/// Property-based fuzzing of the Zalo webhooks on the real host (Kestrel, loopback, stand-in APIs): 3,000 structure-aware
/// mutations per endpoint from a fixed seed, for the OA signed (the parser behind the signature), the OA unsigned (must
/// all be 401 or 413, nothing parsed) and the Bot Platform. Never a 5xx, nothing logged as an exception, memory back down.
/// </summary>
[Trait("Category", "Long")]
[Collection(nameof(MeasuredMemory))]
public sealed class ZaloWebhookFuzzTests(ITestOutputHelper output)
{
    public const int Payloads = 3_000;
    public const ulong Seed = 20261207;

    [Fact]
    public async Task Three_thousand_mutated_signed_oa_events_never_get_a_5xx_nor_an_exception_logged()
    {
        var figures = await ZaloFuzzEndpoints.RunOaAsync(Payloads, Seed, signed: true);
        output.WriteLine(figures.ToString());
        AssertClean(figures, 200, 400, 401, 413);
    }

    [Fact]
    public async Task Three_thousand_mutated_unsigned_oa_events_are_all_refused_before_parsing()
    {
        var figures = await ZaloFuzzEndpoints.RunOaAsync(Payloads, Seed + 1, signed: false);
        output.WriteLine(figures.ToString());
        AssertClean(figures, 401, 413);
    }

    [Fact]
    public async Task Three_thousand_mutated_bot_platform_updates_never_get_a_5xx_nor_an_exception_logged()
    {
        var figures = await ZaloFuzzEndpoints.RunBotAsync(Payloads, Seed + 2);
        output.WriteLine(figures.ToString());
        AssertClean(figures, 200, 400, 413);
    }

    private static void AssertClean(FuzzFigures figures, params int[] allowed)
    {
        Assert.Equal(Payloads, figures.Payloads);
        Assert.True(figures.ServerErrorCount == 0, string.Join("\n", figures.ServerErrors));
        Assert.True(figures.LoggedExceptions.Count == 0, string.Join("\n", figures.LoggedExceptions));
        Assert.True(figures.Statuses.Keys.All(allowed.Contains), string.Join(", ", figures.Statuses.Keys));
        Assert.True(figures.ManagedMbKept < 300, $"managed heap {figures.ManagedMbAfter:F0} MB after the run, {figures.ManagedMbBefore:F0} MB before");
    }
}

/// <summary>
/// The heap is measured after the run, and it is the whole test process's: these tests run alone, after the others,
/// so another test's 20 MB body is not counted as theirs.
/// </summary>
[CollectionDefinition(nameof(MeasuredMemory), DisableParallelization = true)]
public sealed class MeasuredMemory;
