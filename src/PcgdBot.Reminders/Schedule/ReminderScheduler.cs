using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PcgdBot.Reminders.Schedule;

/// <summary>
/// Sends a reminder occurrence: the application implements it by building a broadcast to the occurrence's audience.
/// </summary>
public interface IReminderDispatcher
{
    /// <param name="late">The occurrence fell due while the bot was not running and goes out late; the text may say so.</param>
    Task DispatchAsync(ReminderOccurrence occurrence, bool late, CancellationToken ct);
}

public sealed class ReminderSchedulerOptions
{
    /// <summary>How far back a start looks for occurrences that fell due while the bot was not running.</summary>
    public TimeSpan LookBack { get; set; } = TimeSpan.FromDays(30);

    /// <summary>An occurrence fired more than this after its due time is marked late.</summary>
    public TimeSpan LateAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The longest wait between two looks at the clock, even with nothing due, so a clock that jumps (a host suspended,
    /// a corrected system time) is noticed within this time.
    /// </summary>
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// Fires the occurrences of the <see cref="ReminderSchedule"/> as they fall due, on the injected clock.
/// </summary>
/// <remarks>
/// Each occurrence is recorded in the <see cref="ReminderRunStore"/> before it is handed to the dispatcher, so a
/// restart never fires it twice (at most once: a crash between the two loses it, and its row says "started").
/// Every pass looks back over <see cref="ReminderSchedulerOptions.LookBack"/> for occurrences with no record: those
/// fell due while the bot was down and are fired once, marked late. On a new data file the look-back starts at the
/// first start instead, so installing the bot does not send the past month's reminders at once.
/// </remarks>
public sealed partial class ReminderScheduler : BackgroundService
{
    private readonly ReminderSchedule schedule;
    private readonly ReminderRunStore runs;
    private readonly IReminderDispatcher dispatcher;
    private readonly TimeProvider time;
    private readonly ILogger<ReminderScheduler> logger;
    private readonly ReminderSchedulerOptions options;
    private readonly SemaphoreSlim pass = new(1, 1);

    public ReminderScheduler(
        ReminderSchedule schedule,
        ReminderRunStore runs,
        IReminderDispatcher dispatcher,
        TimeProvider time,
        ILogger<ReminderScheduler> logger,
        ReminderSchedulerOptions? options = null)
    {
        this.schedule = schedule;
        this.runs = runs;
        this.dispatcher = dispatcher;
        this.time = time;
        this.logger = logger;
        this.options = options ?? new ReminderSchedulerOptions();
        if (this.options.MaxWait <= TimeSpan.Zero || this.options.LookBack < TimeSpan.Zero || this.options.LateAfter < TimeSpan.Zero)
        {
            throw new ArgumentException("MaxWait must be positive; LookBack and LateAfter must not be negative.", nameof(options));
        }
    }

    /// <summary>Tests: called with the wake-up time once the wait for it has begun.</summary>
    internal Action<DateTimeOffset>? Waiting { get; set; }

    /// <summary>
    /// One pass: fires every occurrence due by now (within the look-back) that has no run record, oldest first.
    /// </summary>
    /// <returns>How many occurrences this pass fired.</returns>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        await pass.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            var since = now - options.LookBack;
            var firstStart = runs.FirstStartedAt(now) - options.LateAfter;
            if (firstStart > since)
            {
                since = firstStart;
            }

            var fired = 0;
            foreach (var occurrence in schedule.Occurrences(schedule.LocalDate(since), schedule.LocalDate(now)))
            {
                if (occurrence.DueAt < since || occurrence.DueAt > now || runs.Contains(occurrence.OccurrenceKey))
                {
                    continue;
                }

                cancellationToken.ThrowIfCancellationRequested();
                var late = now - occurrence.DueAt > options.LateAfter;
                if (!runs.TryStart(occurrence.OccurrenceKey, occurrence.DueAt, now, late))
                {
                    continue;
                }

                fired++;
                await DispatchAsync(occurrence, late, cancellationToken);
            }

            return fired;
        }
        finally
        {
            pass.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        WarnAboutUnknownHolidays();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                // The data file or the schedule failed this time; the next wake-up (MaxWait at most) tries again.
                LogPassFailed(error);
            }

            var now = time.GetUtcNow();
            var wait = NextWait(now);
            var delay = Task.Delay(wait, time, stoppingToken);
            Waiting?.Invoke(now + wait);
            try
            {
                await delay;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Until the next occurrence is due, or <see cref="ReminderSchedulerOptions.MaxWait"/> if that is sooner.</summary>
    private TimeSpan NextWait(DateTimeOffset now)
    {
        try
        {
            return schedule.NextDueAfter(now) is { } next && next.DueAt - now < options.MaxWait ? next.DueAt - now : options.MaxWait;
        }
        catch (InvalidOperationException error)
        {
            // A holiday list with no working day for weeks; logged, and looked at again after the longest wait.
            LogPassFailed(error);
            return options.MaxWait;
        }
    }

    private async Task DispatchAsync(ReminderOccurrence occurrence, bool late, CancellationToken cancellationToken)
    {
        try
        {
            await dispatcher.DispatchAsync(occurrence, late, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping mid-dispatch: the row stays "started" and the occurrence is not fired again.
            throw;
        }
        catch (Exception error)
        {
            runs.MarkFailed(occurrence.OccurrenceKey, error.Message);
            LogDispatchFailed(error, occurrence.OccurrenceKey);
            return;
        }

        runs.MarkSent(occurrence.OccurrenceKey);
        if (late)
        {
            LogSentLate(occurrence.OccurrenceKey, occurrence.DueAt);
        }
        else
        {
            LogSent(occurrence.OccurrenceKey, ReminderAudiences.Name(occurrence.Audience));
        }
    }

    public override void Dispose()
    {
        pass.Dispose();
        base.Dispose();
    }

    private void WarnAboutUnknownHolidays()
    {
        var year = schedule.LocalDate(time.GetUtcNow()).Year;
        foreach (var y in new[] { year, year + 1 })
        {
            if (!schedule.WorkingDays.HasDatesFor(y))
            {
                LogHolidaysMissing(y);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder {Key} sent to {Audience}")]
    private partial void LogSent(string key, string audience);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder {Key} due {DueAt:u} sent late: the bot was not running then")]
    private partial void LogSentLate(string key, DateTimeOffset dueAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reminder {Key} could not be handed over and will not be tried again")]
    private partial void LogDispatchFailed(Exception error, string key);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reminder pass failed; trying again at the next wake-up")]
    private partial void LogPassFailed(Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "holidays.tsv has no rows for {Year}: that year's Tết and Giỗ Tổ are unknown, reminders may fall on them")]
    private partial void LogHolidaysMissing(int year);
}
