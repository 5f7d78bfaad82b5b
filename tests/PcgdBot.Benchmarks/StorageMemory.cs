using System.Diagnostics;
using PcgdBot.Conversations;

namespace PcgdBot.Benchmarks;

/// <summary>
/// <c>storage-memory</c>: the memory the bot uses with 10,000 people and 100,000 stored updates (a district's
/// many years), and the time of the data questions over them. Not a BenchmarkDotNet run: it measures one process.
/// </summary>
public static class StorageMemory
{
    public static async Task<int> RunAsync(int people, int updates)
    {
        var before = Process.GetCurrentProcess().WorkingSet64;
        var seeding = Stopwatch.StartNew();
        using var fixture = ReportingFixture.Create(people, updates);
        seeding.Stop();

        // The questions that read the most: all units' state, a commune's updates, the year's summary.
        fixture.Register("coordinator-bench");
        var coordinator = fixture.Engine.CreateInvite("Phòng GD&ĐT", null, PcgdBot.Storage.Reporting.PersonRole.Coordinator, "bench");
        await fixture.Engine.HandleAsync(new ChatMessage("bench", "boss", new ChatUser("boss"), "đăng ký " + coordinator.Code), CancellationToken.None);
        string[] questions = ["đơn vị nào chưa báo cáo?", "xã Mường So đã báo cáo gì?", "tiến độ nhiệm vụ IV.13.1", "tổng hợp báo cáo năm nay", "cập nhật nhiệm vụ 1: xong", "hủy"];
        var timings = new List<(string Question, double Milliseconds)>();
        foreach (var question in questions)
        {
            var watch = Stopwatch.StartNew();
            await fixture.Engine.HandleAsync(new ChatMessage("bench", "boss", new ChatUser("boss"), question), CancellationToken.None);
            timings.Add((question, watch.Elapsed.TotalMilliseconds));
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        Console.WriteLine($"people: {people:N0}, updates: {updates:N0}, seeded in {seeding.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine($"database file: {new FileInfo(fixture.DatabasePath).Length / 1024.0 / 1024.0:F1} MB");
        Console.WriteLine($"managed heap after the questions: {GC.GetTotalMemory(false) / 1024.0 / 1024.0:F1} MB");
        Console.WriteLine($"working set: {process.WorkingSet64 / 1024.0 / 1024.0:F1} MB (at start {before / 1024.0 / 1024.0:F1} MB), peak {process.PeakWorkingSet64 / 1024.0 / 1024.0:F1} MB");
        foreach (var (question, milliseconds) in timings)
        {
            Console.WriteLine($"  {milliseconds,8:F1} ms  {question}");
        }

        return 0;
    }
}
