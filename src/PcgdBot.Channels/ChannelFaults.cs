namespace PcgdBot.Channels;

/// <summary>
/// Tells a failure of the machine (the disk is full, the data file cannot be written, a lock timed out) from a failure
/// of the work: the first is answered 503 at once so the platform re-delivers later, and is not counted against the
/// message's tries.
/// </summary>
public static class ChannelFaults
{
    // The storage project's own types, matched by name: the channel adapters do not reference it (and its exception
    // types for write and disk-full failures are the storage layer's to define).
    private static readonly HashSet<string> StorageTypeNames = new(StringComparer.Ordinal)
    {
        "DatabaseUnavailableException", "DatabaseWriteException", "DatabaseFullException",
    };

    public static bool IsStorageUnavailable(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            if (e is IOException and not (FileNotFoundException or DirectoryNotFoundException or PathTooLongException)
                || e is UnauthorizedAccessException or TimeoutException
                || IsNamed(e.GetType())
                || (e.GetType().FullName == "LiteDB.LiteException" && e.Message.Contains("timeout", StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsNamed(Type? type)
    {
        for (; type is not null && type != typeof(Exception); type = type.BaseType)
        {
            if (StorageTypeNames.Contains(type.Name))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// After the storage failed, webhooks answer 503 at once for a short while instead of each waiting on the disk (or a
/// lock) again; the platforms re-deliver later.
/// </summary>
public sealed class StorageCircuit(TimeProvider time, TimeSpan cooldown)
{
    private long openUntil;

    public bool IsOpen => time.GetTimestamp() < Interlocked.Read(ref openUntil);

    /// <summary>How long the platform is asked to wait (Retry-After), in whole seconds.</summary>
    public int RetryAfterSeconds => Math.Max(1, (int)Math.Ceiling(cooldown.TotalSeconds));

    public void Trip() => Interlocked.Exchange(ref openUntil, time.GetTimestamp() + (long)(cooldown.TotalSeconds * time.TimestampFrequency));
}

/// <summary>
/// How often each platform message has failed for an internal reason, in memory: a message is tried up to
/// <c>maxAttempts</c> times (the platform re-delivers it, or the poller asks again), then the person is told.
/// A restart starts the count again, so a message gets at most <c>maxAttempts</c> tries per process.
/// </summary>
public sealed class TurnAttempts(int maxAttempts, int capacity = 10_000)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> failures = new(StringComparer.Ordinal);

    public int MaxAttempts { get; } = maxAttempts;

    /// <summary>True when the coming try is the last one allowed: if it fails too, the person gets the note.</summary>
    public bool IsLastAttempt(string key) => failures.GetValueOrDefault(key) + 1 >= MaxAttempts;

    /// <summary>Counts a failed try; returns the number of failures so far.</summary>
    public int Failed(string key)
    {
        if (failures.Count >= capacity)
        {
            // Bounded memory under a storm of distinct failing messages: forgetting only grants extra tries.
            failures.Clear();
        }

        return failures.AddOrUpdate(key, 1, (_, count) => count + 1);
    }

    public void Forget(string key) => failures.TryRemove(key, out _);
}

/// <summary>A turn failed for an internal reason and was not answered: the message is to be tried again.</summary>
public sealed class TurnFailedException(Exception inner, bool storageUnavailable)
    : Exception("The turn failed and is to be tried again: " + inner.Message, inner)
{
    /// <summary>The disk or the data file failed (503 at once, not counted against the message's tries).</summary>
    public bool StorageUnavailable { get; } = storageUnavailable;
}
