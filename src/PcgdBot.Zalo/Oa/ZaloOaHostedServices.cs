using System.Security.Cryptography;
using System.Text;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PcgdBot.Channels;

namespace PcgdBot.Zalo.Oa;

/// <summary>
/// Handles the inbox: at start everything acknowledged but not handled (a crash or restart in between), then each
/// event as it arrives. Several workers, but one person's events always go to the same worker, in order.
/// </summary>
/// <remarks>
/// An event whose turn fails for an internal reason stays pending and is tried again after a pause (doubling), up to
/// <see cref="ZaloOaOptions.MaxTurnAttempts"/> tries; the last failing try tells the person and sets the event done.
/// A storage failure is not counted against the tries.
/// </remarks>
public sealed partial class ZaloOaInboxProcessor(ZaloOaAdapter adapter, ZaloOaInbox inbox, IBot bot, ZaloOaOptions options, ILogger<ZaloOaInboxProcessor> logger)
    : BackgroundService
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var workers = Enumerable.Range(0, options.InboxWorkers)
            .Select(_ => System.Threading.Channels.Channel.CreateUnbounded<InboxEntry>(new() { SingleReader = true }))
            .ToArray();
        var running = workers.Select(worker => Task.Run(() => WorkAsync(worker, stoppingToken), stoppingToken)).ToArray();

        var left = inbox.PendingEntries();
        if (left.Count > 0)
        {
            LogResuming(left.Count);
        }

        foreach (var entry in left)
        {
            await workers[WorkerOf(entry.Body, workers.Length)].Writer.WriteAsync(entry, stoppingToken);
        }

        try
        {
            await foreach (var key in adapter.Arrived.ReadAllAsync(stoppingToken))
            {
                if (inbox.Get(key) is { } entry)
                {
                    await workers[WorkerOf(entry.Body, workers.Length)].Writer.WriteAsync(entry, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: what is left stays pending in the inbox for the next start.
        }

        foreach (var worker in workers)
        {
            worker.Writer.TryComplete();
        }

        await Task.WhenAll(running).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task WorkAsync(System.Threading.Channels.Channel<InboxEntry> worker, CancellationToken stoppingToken)
    {
        await foreach (var entry in worker.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await adapter.HandleAsync(entry.Body, bot.OnTurnAsync, entry.Attempts + 1 >= options.MaxTurnAttempts, stoppingToken);
                inbox.MarkDone(entry.Key);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                var storage = error is TurnFailedException { StorageUnavailable: true } || ChannelFaults.IsStorageUnavailable(error);
                var attempts = entry.Attempts;
                if (!storage)
                {
                    // Delivery failures of the reply are the adapter's (logged there); this is the bot itself failing.
                    attempts++;
                    LogFailed(error is TurnFailedException ? error.InnerException! : error, entry.Key, attempts, options.MaxTurnAttempts);
                    if (!TryCountFailure(entry.Key))
                    {
                        storage = true;
                    }
                }
                else
                {
                    LogStorageUnavailable(entry.Key, (error.InnerException ?? error).Message);
                }

                if (attempts < options.MaxTurnAttempts)
                {
                    _ = RetryLaterAsync(worker.Writer, entry with { Attempts = attempts }, RetryDelay(attempts), stoppingToken);
                }
            }
        }
    }

    private bool TryCountFailure(string key)
    {
        try
        {
            inbox.MarkAttemptFailed(key, options.MaxTurnAttempts);
            return true;
        }
        catch (Exception error) when (ChannelFaults.IsStorageUnavailable(error))
        {
            return false;
        }
    }

    private TimeSpan RetryDelay(int attempts) =>
        TimeSpan.FromTicks(Math.Min(MaxRetryDelay.Ticks, options.RetryDelay.Ticks * (1L << Math.Clamp(attempts - 1, 0, 16))));

    private async Task RetryLaterAsync(System.Threading.Channels.ChannelWriter<InboxEntry> worker, InboxEntry entry, TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, adapter.Time, stoppingToken);
            await worker.WriteAsync(entry, stoppingToken);
        }
        catch (Exception error) when (error is OperationCanceledException or System.Threading.Channels.ChannelClosedException)
        {
            // Shutting down: the event stays pending in the inbox and is tried at the next start.
        }
    }

    /// <summary>The same person (sender, or follower) always lands on the same worker.</summary>
    private static int WorkerOf(string body, int workers)
    {
        var person = ZaloOaEvent.TryRead(body)?.UserId ?? string.Empty;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(person));
        return (int)(BitConverter.ToUInt32(hash, 0) % (uint)workers);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Zalo OA: {Count} events acknowledged before the last stop are handled now")]
    private partial void LogResuming(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Zalo OA event {Key} failed (try {Attempts} of {MaxAttempts}); kept in the inbox to be tried again")]
    private partial void LogFailed(Exception error, string key, int attempts, int maxAttempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Zalo OA event {Key}: storage unavailable ({Reason}); tried again later")]
    private partial void LogStorageUnavailable(string key, string reason);
}

/// <summary>Renews OA access tokens before they expire (they live 25 hours), checking every few minutes.</summary>
public sealed partial class ZaloTokenRenewal(ZaloTokenKeeper keeper, TimeProvider time, ILogger<ZaloTokenRenewal> logger) : BackgroundService
{
    public static readonly TimeSpan CheckEvery = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(CheckEvery, time);
        do
        {
            try
            {
                await keeper.RenewDueAsync(stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                LogCheckFailed(error.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).AsTask().ContinueWith(t => !t.IsCanceled && t.Result, TaskScheduler.Default));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Zalo OA token renewal check failed: {Reason}")]
    private partial void LogCheckFailed(string reason);
}
