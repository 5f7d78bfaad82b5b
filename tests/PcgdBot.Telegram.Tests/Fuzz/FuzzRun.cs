using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace PcgdBot.Telegram.Tests.Fuzz;

/// <summary>What one fuzz run over an endpoint gave.</summary>
public sealed record FuzzFigures(
    string Endpoint,
    int Payloads,
    IReadOnlyDictionary<int, int> Statuses,
    IReadOnlyList<string> ServerErrors,
    IReadOnlyList<string> LoggedExceptions,
    TimeSpan Elapsed,
    double ManagedMbAfter,
    double WorkingSetMbAfter,
    double ManagedMbBefore)
{
    /// <summary>What the run kept: the test process also holds what earlier tests' hosts left, which is not this run's.</summary>
    public double ManagedMbKept => ManagedMbAfter - ManagedMbBefore;

    public int ServerErrorCount => Statuses.Where(s => s.Key >= 500).Sum(s => s.Value);

    public override string ToString() =>
        $"{Endpoint}: {Payloads} payloads in {Elapsed.TotalSeconds:F1} s ({Payloads / Math.Max(0.001, Elapsed.TotalSeconds):F0}/s); "
        + string.Join(", ", Statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))
        + $"; 5xx {ServerErrorCount}; exceptions logged {LoggedExceptions.Count}; managed heap {ManagedMbAfter:F0} MB ({ManagedMbBefore:F0} MB before), working set {WorkingSetMbAfter:F0} MB after";
}

/// <summary>Posts generated payloads to an endpoint, a few at a time, and counts what came back.</summary>
public static class FuzzRun
{
    public static async Task<FuzzFigures> RunAsync(string endpoint, IEnumerable<string> payloads, Func<string, Task<int>> post, ExceptionLog log, int concurrency = 4)
    {
        var statuses = new ConcurrentDictionary<int, int>();
        var serverErrors = new ConcurrentQueue<string>();
        var count = 0;
        log.Clear();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true) / 1048576.0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(payloads, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (body, _) =>
        {
            int status;
            try
            {
                status = await post(body);
            }
            catch (HttpRequestException error)
            {
                // The server closed the connection: as bad as a 500 for the platform.
                status = 599;
                serverErrors.Enqueue("connection: " + error.Message);
            }

            Interlocked.Increment(ref count);
            statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
            if (status >= 500 && serverErrors.Count < 20)
            {
                serverErrors.Enqueue($"{status}: {(body.Length > 300 ? body[..300] + "…" : body)}");
            }
        });
        clock.Stop();

        // Large payloads land on the large-object heap: compact it so the figure is what stays, not what was touched.
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return new FuzzFigures(endpoint, count, new Dictionary<int, int>(statuses), [.. serverErrors], log.Snapshot(), clock.Elapsed,
            GC.GetTotalMemory(forceFullCollection: true) / 1048576.0, process.WorkingSet64 / 1048576.0, heapBefore);
    }
}

/// <summary>A logger provider that keeps every entry logged with an exception at Error or above (unhandled exceptions included).</summary>
public sealed class ExceptionLog : ILoggerProvider
{
    private readonly ConcurrentQueue<string> entries = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public IReadOnlyList<string> Snapshot() => [.. entries];

    public void Clear() => entries.Clear();

    public void Dispose()
    {
    }

    private sealed class Logger(ExceptionLog owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error && (exception is not null || category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)) && owner.entries.Count < 50)
            {
                owner.entries.Enqueue($"{category}: {formatter(state, exception)} {exception?.GetType().Name}: {exception?.Message}");
            }
        }
    }
}
