using BenchmarkDotNet.Attributes;
using PcgdBot.Conversations;

namespace PcgdBot.Benchmarks;

/// <summary>
/// Dialog turns in-process against a LiteDB file on disk: each operation is one message of a registered focal point
/// going through a whole status update (one-shot start, skip the figure, confirm → saved), state read and written
/// with its ETag every turn. Target: ≥ 1,000 turns/s.
/// </summary>
[MemoryDiagnoser]
public class DialogBenchmarks
{
    private static readonly string[] Script = ["cập nhật nhiệm vụ 1: đang thực hiện, đã mở lớp", "bỏ qua", "có"];

    private ReportingFixture fixture = null!;
    private ChatMessage[] messages = null!;
    private int next;

    [Params(1, 50)]
    public int People { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        fixture = ReportingFixture.Create(seedPeople: 0, seedUpdates: 0);
        messages = [.. Enumerable.Range(0, People).SelectMany(p =>
        {
            var user = "bench-" + p;
            fixture.Register(user);
            return Script.Select(text => new ChatMessage("bench", "c-" + user, new ChatUser(user, "Cán bộ " + p), text));
        })];
    }

    [GlobalCleanup]
    public void Cleanup() => fixture.Dispose();

    /// <summary>One turn; people take turns so several conversations interleave as they would in production.</summary>
    [Benchmark]
    public async Task<int> Turn()
    {
        // Walk the people's scripts round-robin: person p's i-th message at position i*People+p keeps each script in order.
        var index = next++ % messages.Length;
        var person = index % People;
        var step = index / People;
        var replies = await fixture.Engine.HandleAsync(messages[(person * Script.Length) + step], CancellationToken.None);
        return replies.Count;
    }
}
