using System.Diagnostics;
using PcgdBot.Conversations;

namespace PcgdBot.Benchmarks;

/// <summary>
/// <c>ask-allocation [n]</c>: the answer engine in-process over the same mixed questions as <c>ask-throughput</c>: bytes
/// allocated per answer (GC.GetAllocatedBytesForCurrentThread) and answers per second on one thread, after a warm-up pass.
/// </summary>
public static class AskAllocationBench
{
    public static int Run(int count)
    {
        var clock = Stopwatch.StartNew();
        using var content = PcgdBotContent.Load(PcgdBotContent.DefaultDirectory);
        Console.WriteLine($"content load (plan, index, dialogs): {clock.ElapsedMilliseconds} ms");
        var questions = AskQuestionMix.Generate(count);
        foreach (var question in questions)
        {
            content.Answers.Ask(question);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        clock.Restart();
        var chars = 0L;
        foreach (var question in questions)
        {
            chars += content.Answers.Ask(question).Text.Length;
        }

        var elapsed = clock.Elapsed;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Console.WriteLine($"in-process: {count} answers in {elapsed.TotalMilliseconds:0} ms = {count / elapsed.TotalSeconds:0} answers/s, {elapsed.TotalMicroseconds / count:0.0} µs and {allocated / count / 1024.0:0.0} KB allocated per answer");
        return chars > 0 ? 0 : 1;
    }
}
