using Microsoft.Extensions.Options;
using PcgdBot.Storage;

namespace PcgdBot.Host.Operations;

/// <summary>Backs the data file up every day at <see cref="BackupOptions.At"/> (office time) while the bot serves.</summary>
public sealed partial class NightlyBackupService(
    PcgdBotDatabase database,
    IOptions<BackupOptions> options,
    IHostEnvironment environment,
    TimeProvider time,
    ILogger<NightlyBackupService> logger) : BackgroundService
{
    /// <summary>The next run strictly after <paramref name="now"/>, at the local time of day in the zone.</summary>
    public static DateTimeOffset NextRun(DateTimeOffset now, TimeOnly at, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var candidate = local.Date + at.ToTimeSpan();
        if (candidate <= local.DateTime)
        {
            candidate = candidate.AddDays(1);
        }

        return new DateTimeOffset(candidate, zone.GetUtcOffset(candidate));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.Directory))
        {
            return;
        }

        var zone = BackupOptions.TryFindZone(settings.TimeZone)!;
        var folder = Path.GetFullPath(settings.Directory, environment.ContentRootPath);
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = NextRun(time.GetUtcNow(), settings.TimeOfDay, zone);
            LogScheduled(next, folder);
            try
            {
                await Task.Delay(next - time.GetUtcNow(), time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                // Synchronous under the write gate by design (LiteDB transactions are per thread); off the timer thread.
                var done = await Task.Run(() => DatabaseBackups.Run(database, folder, settings.Keep, TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone)), stoppingToken);
                LogDone(done.Result.File, done.Result.Bytes, (long)done.Result.Duration.TotalMilliseconds, done.Removed.Count);
            }
            catch (DatabaseException error)
            {
                LogFailed(error, folder);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Nightly backup scheduled at {NextRun} into {BackupFolder}")]
    private partial void LogScheduled(DateTimeOffset nextRun, string backupFolder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Nightly backup written to {BackupFile} ({Bytes} bytes, {ElapsedMs} ms); {Removed} old copies removed")]
    private partial void LogDone(string backupFile, long bytes, long elapsedMs, int removed);

    [LoggerMessage(Level = LogLevel.Error, Message = "Nightly backup into {BackupFolder} failed")]
    private partial void LogFailed(Exception error, string backupFolder);
}
