using System.Threading.Channels;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PcgdBot.Reminders.Outbox;

/// <summary>
/// Drains the outbox: each channel at its platform's pace, several calls in flight, every outcome written as soon as
/// the platform answers. Register one per process (a singleton), and call <see cref="Wake"/> after enqueueing.
/// </summary>
/// <remarks>
/// <para>
/// Each channel is a lane of its own, so a slow Telegram broadcast does not hold Zalo back. A lane claims a batch
/// (Sending, committed), then for each record: waits until its chat may get a message (records of a busy chat are
/// set aside, the others go on), waits for the channel's pace, starts the platform call, and records the answer.
/// At most <see cref="OutboxOptions.MaxConcurrentSends"/> calls are between "started" and "answer recorded" at any
/// time in a lane (a call's slot is freed only once its answer is committed): after a crash, those are the only
/// messages that may have been delivered without the file knowing, and the only ones that can be sent twice
/// (<see cref="OutboxStore.RecoverInFlight"/>, run once before the first pass). Answers are committed by one writer,
/// all those waiting in one transaction.
/// </para>
/// <para>
/// Pace: <see cref="ChannelLimit.PerSecond"/> and <see cref="ChannelLimit.PerMinute"/> are kept evenly spaced and never
/// exceeded over any sliding window; <see cref="ChannelLimit.PerChatPerSecond"/> is counted from the moment of the call.
/// The clock is the <see cref="TimeProvider"/> (tests drive retries with a fake one; pacing waits are real waits).
/// Every await is <c>ConfigureAwait(false)</c>: the pace depends on the lane going on where its permit is granted, not
/// on whatever synchronization context the caller of <see cref="DrainOnceAsync"/> has.
/// </para>
/// </remarks>
public sealed partial class OutboxSender : BackgroundService
{
    /// <summary>Answers written in one transaction at most.</summary>
    private const int MaxAnswersPerCommit = 256;

    private readonly OutboxStore _store;
    private readonly IOutboxTransport _transport;
    private readonly OutboxOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<OutboxSender> _logger;
    private readonly Dictionary<string, Lane> _lanes = new(StringComparer.Ordinal);
    private readonly Lock _lanesGate = new();
    private readonly Lock _recoveryGate = new();
    private readonly Channel<Settlement> _answers = Channel.CreateUnbounded<Settlement>(new() { SingleReader = true });
    private TaskCompletionSource _wakeup = NewSignal();
    private Task? _writer;
    private bool _recovered;
    private bool _disposed;

    public OutboxSender(OutboxStore store, IOutboxTransport transport, OutboxOptions options, TimeProvider time, ILogger<OutboxSender> logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        _store = store;
        _transport = transport;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>Starts a pass now rather than at the next poll (call it after enqueueing a broadcast).</summary>
    public void Wake() => Volatile.Read(ref _wakeup).TrySetResult();

    /// <summary>
    /// One pass: every channel with due records is drained until it has nothing due, and every call made is answered
    /// and recorded. Records whose retry is due later are left for a later pass. On the first pass, records left
    /// Sending by a crash are put back first. Stops early, without throwing, when cancelled: what was claimed and not
    /// sent goes back to Pending.
    /// </summary>
    /// <returns>How many platform answers were recorded (and records given up).</returns>
    public async Task<int> DrainOnceAsync(CancellationToken cancellationToken)
    {
        EnsureRecovered();
        var lanes = _store.DueChannels().Select(LaneOf).ToList();
        var counts = await Task.WhenAll(lanes.Select(lane => RunLaneAsync(lane, cancellationToken))).ConfigureAwait(false);
        return counts.Sum();
    }

    /// <summary>One pass over one channel, without the start-up recovery (the throughput runner).</summary>
    internal Task<int> DrainChannelOnceAsync(string channel, CancellationToken cancellationToken) =>
        RunLaneAsync(LaneOf(channel), cancellationToken);

    public override void Dispose()
    {
        base.Dispose();
        _answers.Writer.TryComplete();
        lock (_lanesGate)
        {
            _disposed = true;
            foreach (var lane in _lanes.Values)
            {
                lane.Dispose();
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Off the host's start-up path.
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            // A fresh signal before looking: a Wake() while looking then ends the wait below at once.
            var signal = NewSignal();
            Volatile.Write(ref _wakeup, signal);
            try
            {
                EnsureRecovered();
                foreach (var channel in _store.DueChannels())
                {
                    var lane = LaneOf(channel);
                    if (lane.Running is not { IsCompleted: false })
                    {
                        lane.Running = RunLaneThenWakeAsync(lane, stoppingToken);
                    }
                }
            }
            catch (Exception error)
            {
                // Never out of the loop (a BackgroundService that throws stops the host); the next look may succeed.
                if (!stoppingToken.IsCancellationRequested)
                {
                    LogLookFailed(error);
                }
            }

            await WaitForWorkAsync(signal, stoppingToken).ConfigureAwait(false);
        }

        Task[] running;
        lock (_lanesGate)
        {
            running = [.. _lanes.Values.Select(l => l.Running ?? Task.CompletedTask)];
        }

        // The lanes handle their own failures; this only waits for them to put back what they hold.
        await Task.WhenAll(running).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
    }

    private async Task RunLaneThenWakeAsync(Lane lane, CancellationToken stoppingToken)
    {
        // More may have become due while the lane ran: look again now. Not after a pass that did nothing (a failing
        // file, say), which would otherwise go round without pause.
        if (await RunLaneAsync(lane, stoppingToken).ConfigureAwait(false) > 0)
        {
            Wake();
        }
    }

    private async Task WaitForWorkAsync(TaskCompletionSource signal, CancellationToken stoppingToken)
    {
        var wait = _options.IdlePoll;
        try
        {
            // Wake up for the next retry on time. A due time already past is a lane's work in progress.
            if (_store.NextDueAt() is { } due)
            {
                var until = due - _time.GetUtcNow().UtcDateTime;
                if (until > TimeSpan.Zero && until < wait)
                {
                    wait = until;
                }
            }
        }
        catch (Exception error)
        {
            if (!stoppingToken.IsCancellationRequested)
            {
                LogLookFailed(error);
            }
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        await Task.WhenAny(signal.Task, Task.Delay(wait, _time, stop.Token)).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
    }

    private async Task<int> RunLaneAsync(Lane lane, CancellationToken cancellationToken)
    {
        try
        {
            await lane.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return 0;
        }

        try
        {
            return await DrainLaneAsync(lane, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lane.Gate.Release();
        }
    }

    private async Task<int> DrainLaneAsync(Lane lane, CancellationToken cancellationToken)
    {
        var waiting = new Queue<OutboxRecord>();

        // Records whose chat has had its message this second, by the timestamp the chat is free again.
        var heldByChat = new PriorityQueue<OutboxRecord, long>();
        var sends = new List<Task<bool>>();
        var recorded = 0;
        var more = true;
        OutboxRecord? current = null;
        using var slots = new SemaphoreSlim(_options.MaxConcurrentSends, _options.MaxConcurrentSends);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                if (more && waiting.Count <= _options.BatchSize / 2)
                {
                    var wanted = _options.BatchSize - waiting.Count;
                    var claimed = _store.ClaimDue(wanted, lane.Channel);
                    more = claimed.Count == wanted;
                    foreach (var record in claimed)
                    {
                        if (record.Attempts > _options.MaxAttempts)
                        {
                            // Claimed again and again by runs that died before an answer: a message that crashes the bot.
                            recorded += GiveUpInterrupted(record) ? 1 : 0;
                        }
                        else
                        {
                            waiting.Enqueue(record);
                        }
                    }

                    recorded += CollectFinished(sends);
                }

                var now = _time.GetTimestamp();
                if (heldByChat.TryPeek(out _, out var freeAt) && freeAt <= now)
                {
                    current = heldByChat.Dequeue();
                }
                else if (waiting.TryDequeue(out var next))
                {
                    current = next;
                }
                else if (heldByChat.Count > 0)
                {
                    await Task.Delay(_time.GetElapsedTime(now, freeAt), _time, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                else if (more)
                {
                    continue;
                }
                else
                {
                    break;
                }

                var chat = ChatOf(current);
                if (lane.PerChat is { } perChat)
                {
                    // A look only (0 permits): the chat's permit is taken at the moment of the call, below.
                    using var look = perChat.AttemptAcquire(chat, 0);
                    if (!look.IsAcquired)
                    {
                        var wait = look.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
                        heldByChat.Enqueue(current, now + ToTimestampUnits(wait));
                        current = null;
                        continue;
                    }
                }

                // The slot first, so a paced permit is never held while waiting for a free slot (it would be late).
                await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                RateLimitLease lease;
                try
                {
                    lease = await lane.Global.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    slots.Release();
                    throw;
                }

                using (lease)
                {
                    if (!lease.IsAcquired)
                    {
                        // The limiter was disposed: the sender is going away.
                        slots.Release();
                        break;
                    }
                }

                // Nobody else takes this lane's chat permits, so the look above still holds.
                lane.PerChat?.AttemptAcquire(chat, 1).Dispose();
                sends.Add(SendAsync(lane, current, slots, cancellationToken));
                current = null;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: what was not sent goes back below.
        }
        catch (Exception error)
        {
            LogLaneFailed(error, lane.Channel);
        }

        // Claimed but never sent: Pending again now, rather than at the next start.
        var unsent = waiting.Concat(heldByChat.UnorderedItems.Select(i => i.Element)).Select(r => r.Id).ToList();
        if (current is not null)
        {
            unsent.Add(current.Id);
        }

        if (unsent.Count > 0)
        {
            try
            {
                _store.Release(unsent);
            }
            catch (Exception error)
            {
                LogReleaseFailed(error, unsent.Count, lane.Channel);
            }
        }

        var answered = await Task.WhenAll(sends).ConfigureAwait(false);
        return recorded + answered.Count(a => a);
    }

    private async Task<bool> SendAsync(Lane lane, OutboxRecord record, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        try
        {
            // Started right here, on the lane's loop, at the moment the permit was granted.
            Task<SendOutcome> call;
            try
            {
                call = _transport.SendAsync(record.ToMessage(), cancellationToken) ?? Task.FromResult<SendOutcome>(null!);
            }
            catch (Exception error)
            {
                call = Task.FromException<SendOutcome>(error);
            }

            // The rest off the lane's loop, so the loop keeps the pace.
            await ((Task)call).ConfigureAwait(ConfigureAwaitOptions.ForceYielding | ConfigureAwaitOptions.SuppressThrowing);
            if (!call.IsCompletedSuccessfully && cancellationToken.IsCancellationRequested)
            {
                // Stopping mid-call: delivered or not, nobody knows. The record stays Sending and is sent again after
                // the restart — one of the in-flight messages the duplicate bound allows for.
                LogInterrupted(record.Id, lane.Channel);
                return false;
            }

            return await WriteAnswerAsync(Settle(lane, record, call)).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            // The record stays Sending: sent again after a restart, within the in-flight bound.
            LogRecordFailed(error, record.Id, lane.Channel);
            return false;
        }
        finally
        {
            // Only once the answer is written: this is what bounds the messages a crash can repeat.
            slots.Release();
        }
    }

    /// <summary>What to write for the platform's answer (or the call's exception).</summary>
    private Settlement Settle(Lane lane, OutboxRecord record, Task<SendOutcome> call)
    {
        var error = call.IsCompletedSuccessfully ? null : call.Exception?.InnerException;
        var outcome = call.IsCompletedSuccessfully
            ? call.Result ?? new SendOutcome.Transient("The transport returned no outcome")
            : new SendOutcome.Transient(error is null ? "The call was cancelled (timeout)" : $"{error.GetType().Name}: {error.Message}");
        switch (outcome)
        {
            case SendOutcome.Accepted accepted:
                return new Settlement(lane, record, OutboxState.Sent, accepted.PlatformMessageId);
            case SendOutcome.Unreachable unreachable:
                return new Settlement(lane, record, OutboxState.Unreachable, unreachable.Reason);
            case SendOutcome.Rejected rejected:
                return new Settlement(lane, record, OutboxState.Failed, rejected.Reason);
            case SendOutcome.Transient transient when record.Attempts >= _options.MaxAttempts:
                return new Settlement(
                    lane,
                    record,
                    OutboxState.Failed,
                    $"{transient.Reason} (bỏ sau {record.Attempts} lần thử; gave up after {record.Attempts} attempts)",
                    Pause: transient.RetryAfter,
                    GaveUp: true);
            case SendOutcome.Transient transient:
                var delay = RetryDelay(record.Attempts, transient.RetryAfter);
                return new Settlement(
                    lane,
                    record,
                    OutboxState.Pending,
                    transient.Reason,
                    RetryAt: _time.GetUtcNow().UtcDateTime + delay,
                    Delay: delay,
                    Pause: transient.RetryAfter);
            default:
                throw new InvalidOperationException($"Unknown send outcome {outcome.GetType().Name}.");
        }
    }

    /// <summary>Queues the answer for the writer; true once it is committed.</summary>
    private Task<bool> WriteAnswerAsync(Settlement settlement)
    {
        lock (_lanesGate)
        {
            // One writer for the whole sender, started with the first answer.
            _writer ??= Task.Run(WriteAnswersAsync);
        }

        if (!_answers.Writer.TryWrite(settlement))
        {
            // Disposed: the record stays Sending, recovered at the next start.
            settlement.Written.TrySetResult(false);
        }

        return settlement.Written.Task;
    }

    /// <summary>
    /// Writes the answers as they come, all those waiting in one transaction. One writer rather than each call writing
    /// its own: commits block their thread and the process's writes go one at a time anyway, so a dozen calls answering
    /// at once would hold a dozen pool threads waiting on each other — threads the timers that keep the pace need. One
    /// writer holds one, and commits a burst of answers together.
    /// </summary>
    private async Task WriteAnswersAsync()
    {
        var batch = new List<Settlement>();
        while (await _answers.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxAnswersPerCommit && _answers.Reader.TryRead(out var settlement))
            {
                batch.Add(settlement);
            }

            try
            {
                WriteBatch(batch);
            }
            catch (Exception error)
            {
                // Never let this loop die: every lane waits on it for its slots.
                LogRecordFailed(error, batch.Count > 0 ? batch[0].Record.Id : "?", batch.Count > 0 ? batch[0].Lane.Channel : "?");
            }
            finally
            {
                // Whatever happened, nobody is left waiting (already answered ones keep their answer).
                batch.ForEach(s => s.Written.TrySetResult(false));
            }
        }
    }

    private void WriteBatch(List<Settlement> batch)
    {
        List<bool> applied;
        try
        {
            applied = _store.InOneTransaction(() => batch.Select(Apply).ToList());
        }
        catch (Exception)
        {
            // One bad answer must not cost the others theirs: one transaction each.
            foreach (var settlement in batch)
            {
                try
                {
                    Written(settlement, _store.InOneTransaction(() => Apply(settlement)));
                }
                catch (Exception error)
                {
                    // The record stays Sending: sent again after a restart, within the in-flight bound.
                    LogRecordFailed(error, settlement.Record.Id, settlement.Lane.Channel);
                    settlement.Written.TrySetResult(false);
                }
            }

            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            Written(batch[i], applied[i]);
        }
    }

    private bool Apply(Settlement settlement) => settlement.State switch
    {
        OutboxState.Sent => _store.MarkSent(settlement.Record.Id, settlement.Detail),
        OutboxState.Unreachable => _store.MarkUnreachable(settlement.Record.Id, settlement.Detail ?? string.Empty),
        OutboxState.Failed => _store.MarkFailed(settlement.Record.Id, settlement.Detail ?? string.Empty),
        _ => _store.MarkRetry(settlement.Record.Id, settlement.Detail ?? string.Empty, settlement.RetryAt!.Value),
    };

    /// <summary>After the commit: the log, the channel's pause, and the sender's slot.</summary>
    private void Written(Settlement settlement, bool applied)
    {
        var (lane, record) = (settlement.Lane, settlement.Record);
        switch (settlement.State)
        {
            case OutboxState.Unreachable:
                LogUnreachable(record.Id, lane.Channel, record.PersonId, settlement.Detail ?? string.Empty);
                break;
            case OutboxState.Failed when settlement.GaveUp:
                LogGaveUp(record.Id, lane.Channel, record.Attempts, settlement.Detail ?? string.Empty);
                break;
            case OutboxState.Failed:
                LogRejected(record.Id, lane.Channel, record.PersonId, settlement.Detail ?? string.Empty);
                break;
            case OutboxState.Pending:
                LogRetry(record.Id, lane.Channel, record.Attempts, settlement.Delay, settlement.Detail ?? string.Empty);
                break;
        }

        if (settlement.Pause is { } pause && pause > TimeSpan.Zero)
        {
            // The platform says the bot as a whole is over its limit: the whole channel waits, not just this record.
            try
            {
                lane.Global.PauseFor(pause);
                LogPaused(lane.Channel, pause);
            }
            catch (ObjectDisposedException)
            {
                // The sender is going away.
            }
        }

        settlement.Written.TrySetResult(applied);
    }

    /// <summary>1 s, 2 s, 4 s… after the 1st, 2nd, 3rd… attempt, capped; never sooner than the platform asked.</summary>
    private TimeSpan RetryDelay(int attempts, TimeSpan? retryAfter)
    {
        var backOff = TimeSpan.FromTicks((long)Math.Min(
            _options.FirstRetryDelay.Ticks * Math.Pow(2, Math.Max(0, attempts - 1)),
            _options.MaxRetryDelay.Ticks));
        return retryAfter is { } asked && asked > backOff ? asked : backOff;
    }

    private bool GiveUpInterrupted(OutboxRecord record)
    {
        var given = _store.MarkFailed(
            record.Id,
            $"Bot dừng giữa lúc gửi {record.Attempts - 1} lần; không gửi nữa (interrupted {record.Attempts - 1} times while sending; given up)");
        LogGaveUp(record.Id, record.Channel, record.Attempts - 1, "interrupted while sending");
        return given;
    }

    private static int CollectFinished(List<Task<bool>> sends)
    {
        var finished = 0;
        sends.RemoveAll(send =>
        {
            if (!send.IsCompleted)
            {
                return false;
            }

            finished += send.Result ? 1 : 0;
            return true;
        });
        return finished;
    }

    private void EnsureRecovered()
    {
        lock (_recoveryGate)
        {
            if (_recovered)
            {
                return;
            }

            var recovered = _store.RecoverInFlight();
            if (recovered > 0)
            {
                LogRecovered(recovered);
            }

            _recovered = true;
        }
    }

    private Lane LaneOf(string channel)
    {
        lock (_lanesGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_lanes.TryGetValue(channel, out var lane))
            {
                var limit = _options.LimitOf(channel);
                if (!limit.IsLimited)
                {
                    LogUnpaced(channel);
                }

                lane = new Lane(channel, limit, _time);
                _lanes.Add(channel, lane);
            }

            return lane;
        }
    }

    private long ToTimestampUnits(TimeSpan span) =>
        (long)((Int128)span.Ticks * _time.TimestampFrequency / TimeSpan.TicksPerSecond);

    private static string ChatOf(OutboxRecord record) =>
        string.IsNullOrEmpty(record.ConversationId) ? record.UserId : record.ConversationId;

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox: {Count} messages were being sent when the bot stopped; they are sent again (a platform may already have delivered them)")]
    private partial void LogRecovered(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox: channel {Channel} has no configured limits; sending to it unpaced")]
    private partial void LogUnpaced(string channel);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox: {Id} ({Channel}, person {PersonId}) cannot reach the person: {Reason}")]
    private partial void LogUnreachable(string id, string channel, string personId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox: {Id} ({Channel}, person {PersonId}) was refused by the platform: {Reason}")]
    private partial void LogRejected(string id, string channel, string personId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox: {Id} ({Channel}) attempt {Attempt} failed, retrying in {Delay}: {Reason}")]
    private partial void LogRetry(string id, string channel, int attempt, TimeSpan delay, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox: {Id} ({Channel}) given up after {Attempts} attempts: {Reason}")]
    private partial void LogGaveUp(string id, string channel, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox: the platform asked channel {Channel} to wait {Pause}; its sending is paused")]
    private partial void LogPaused(string channel, TimeSpan pause);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox: {Id} ({Channel}) was in flight when the sender stopped; it stays Sending and is sent again after the restart")]
    private partial void LogInterrupted(string id, string channel);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox: the answer for {Id} ({Channel}) could not be written; it stays Sending and is sent again after a restart")]
    private partial void LogRecordFailed(Exception error, string id, string channel);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox: channel {Channel} stopped its pass")]
    private partial void LogLaneFailed(Exception error, string channel);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox: {Count} claimed messages of channel {Channel} could not be put back; they are put back at the next start")]
    private partial void LogReleaseFailed(Exception error, int count, string channel);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox: looking for due messages failed; trying again shortly")]
    private partial void LogLookFailed(Exception error);

    /// <summary>A platform answer turned into what to write: the new state, and the reason or platform message id.</summary>
    private sealed record Settlement(
        Lane Lane,
        OutboxRecord Record,
        OutboxState State,
        string? Detail,
        DateTime? RetryAt = null,
        TimeSpan Delay = default,
        TimeSpan? Pause = null,
        bool GaveUp = false)
    {
        public TaskCompletionSource<bool> Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>One channel: its pace (kept across passes), its per-chat limits, one pass at a time.</summary>
    private sealed class Lane : IDisposable
    {
        public Lane(string channel, ChannelLimit limit, TimeProvider time)
        {
            Channel = channel;
            var limits = new List<(int, TimeSpan)>();
            if (limit.PerSecond > 0)
            {
                limits.Add((limit.PerSecond, TimeSpan.FromSeconds(1)));
            }

            if (limit.PerMinute > 0)
            {
                limits.Add((limit.PerMinute, TimeSpan.FromMinutes(1)));
            }

            Global = new PacingRateLimiter(time, limits);
            if (limit.PerChatPerSecond > 0)
            {
                // One limiter per chat, created on first use; the partitioned limiter drops those idle for a while
                // (never one whose last message is still within its second: see PacingRateLimiter.IdleDuration).
                PerChat = PartitionedRateLimiter.Create<string, string>(
                    chat => RateLimitPartition.Get(chat, _ => new PacingRateLimiter(time, [(limit.PerChatPerSecond, TimeSpan.FromSeconds(1))])),
                    StringComparer.Ordinal);
            }
        }

        public string Channel { get; }

        public PacingRateLimiter Global { get; }

        public PartitionedRateLimiter<string>? PerChat { get; }

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public Task? Running { get; set; }

        public void Dispose()
        {
            Global.Dispose();
            PerChat?.Dispose();
        }
    }
}
