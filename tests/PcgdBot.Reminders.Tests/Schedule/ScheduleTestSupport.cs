using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PcgdBot.Reminders.Schedule;
using PcgdBot.Storage;

namespace PcgdBot.Reminders.Tests.Schedule;

internal static class Vietnam
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    /// <summary>The bundled content folder, copied beside the tests.</summary>
    public static string BundledDialogs => Path.Combine(AppContext.BaseDirectory, "dialogs");

    public static DateTimeOffset Local(int year, int month, int day, int hour = 0, int minute = 0) =>
        new(year, month, day, hour, minute, 0, Offset);

    /// <summary>The bundled holidays with the given reminders file text.</summary>
    public static ReminderSchedule ScheduleWith(string remindersYaml) =>
        new(ReminderFile.Parse(remindersYaml, ReminderFile.FileName), HolidayFile.Load(BundledDialogs));
}

/// <summary>A fresh folder under the temp directory for a data file, deleted afterwards.</summary>
internal sealed class ScheduleTempFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "pcgdbot-reminder-tests", Guid.NewGuid().ToString("N"));

    public string DatabasePath => System.IO.Path.Combine(Path, "pcgdbot.db");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A failed test may still hold the file; the temp folder is cleaned by the system eventually.
        }
    }
}

internal sealed record Dispatched(ReminderOccurrence Occurrence, bool Late, DateTimeOffset At);

/// <summary>Remembers what it was asked to send, and when by the fake clock; can be told to fail.</summary>
internal sealed class RecordingDispatcher(TimeProvider time) : IReminderDispatcher
{
    private readonly ConcurrentQueue<Dispatched> sent = new();

    public Func<ReminderOccurrence, bool>? FailWhen { get; set; }

    public IReadOnlyList<Dispatched> Sent => [.. sent];

    public Task DispatchAsync(ReminderOccurrence occurrence, bool late, CancellationToken ct)
    {
        if (FailWhen?.Invoke(occurrence) == true)
        {
            throw new InvalidOperationException("broadcast refused");
        }

        sent.Enqueue(new Dispatched(occurrence, late, time.GetUtcNow()));
        return Task.CompletedTask;
    }
}

/// <summary>
/// A running <see cref="ReminderScheduler"/> on its own open data file. The test moves the fake clock from one
/// wake-up of the scheduler to the next, so every step is taken only once the scheduler is waiting again.
/// </summary>
internal sealed class SchedulerRun : IAsyncDisposable
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(10);
    private readonly Channel<DateTimeOffset> wakes = Channel.CreateUnbounded<DateTimeOffset>();
    private readonly FakeTimeProvider time;
    private DateTimeOffset? pendingWake;

    private SchedulerRun(ReminderSchedule schedule, string databasePath, FakeTimeProvider time, IReminderDispatcher dispatcher)
    {
        this.time = time;
        Database = PcgdBotDatabase.Open(databasePath);
        Runs = new ReminderRunStore(Database);
        Scheduler = new ReminderScheduler(schedule, Runs, dispatcher, time, NullLogger<ReminderScheduler>.Instance)
        {
            Waiting = wake => wakes.Writer.TryWrite(wake),
        };
    }

    public PcgdBotDatabase Database { get; }

    public ReminderRunStore Runs { get; }

    public ReminderScheduler Scheduler { get; }

    /// <summary>Starts the scheduler and waits for its first pass (the catch-up) to finish.</summary>
    public static async Task<SchedulerRun> StartAsync(ReminderSchedule schedule, string databasePath, FakeTimeProvider time, IReminderDispatcher dispatcher)
    {
        var run = new SchedulerRun(schedule, databasePath, time, dispatcher);
        await run.Scheduler.StartAsync(CancellationToken.None);
        run.pendingWake = await run.NextWakeAsync();
        return run;
    }

    /// <summary>Moves the clock wake-up by wake-up until <paramref name="end"/>, letting the scheduler work at each.</summary>
    public async Task RunUntilAsync(DateTimeOffset end)
    {
        while (true)
        {
            var wake = await NextWakeAsync();
            if (wake > end)
            {
                pendingWake = wake;
                if (time.GetUtcNow() < end)
                {
                    time.Advance(end - time.GetUtcNow());
                }

                return;
            }

            if (wake > time.GetUtcNow())
            {
                time.Advance(wake - time.GetUtcNow());
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Scheduler.StopAsync(CancellationToken.None);
        Scheduler.Dispose();
        Database.Dispose();
    }

    private async Task<DateTimeOffset> NextWakeAsync()
    {
        if (pendingWake is { } wake)
        {
            pendingWake = null;
            return wake;
        }

        using var timeout = new CancellationTokenSource(StepTimeout);
        return await wakes.Reader.ReadAsync(timeout.Token);
    }
}
