namespace PcgdBot.Storage;

/// <summary>
/// The bot's data file cannot be used as it is (written by a newer PcgdBot, a migration failed, wrong collation…).
/// The message is Vietnamese first, then English in parentheses, and names the file; it is meant to be shown as is.
/// </summary>
public class DatabaseException : Exception
{
    public DatabaseException(string message, string filePath, Exception? innerException = null)
        : base(message, innerException)
    {
        FilePath = filePath;
    }

    /// <summary>The full path of the data file concerned.</summary>
    public string FilePath { get; }
}

/// <summary>
/// The data file cannot be opened at all: another PcgdBot process holds it, it is not a LiteDB file, or the disk refused.
/// <see cref="PcgdBotDatabase.Open(string)"/> reports every opening failure this way, never as a raw LiteDB or IO exception
/// (the original is kept as <see cref="Exception.InnerException"/>).
/// </summary>
public sealed class DatabaseUnavailableException : DatabaseException
{
    public DatabaseUnavailableException(string message, string filePath, Exception? innerException = null)
        : base(message, filePath, innerException)
    {
    }
}

/// <summary>A write the disk refused (an I/O error); the change was not saved. Writes fail at once for a moment after it.</summary>
public class DatabaseWriteException(string message, string filePath, Exception? innerException = null)
    : DatabaseException(message, filePath, innerException);

/// <summary>The disk holding the data file is full ("no space left on device"): nothing was saved; free some space.</summary>
public sealed class DatabaseFullException(string message, string filePath, Exception? innerException = null)
    : DatabaseWriteException(message, filePath, innerException)
{
    /// <summary>Whether <paramref name="error"/> (or what it wraps) is the disk being full (ENOSPC, EDQUOT).</summary>
    public static bool IsCauseOf(Exception error) => StorageFailure.IsDiskFull(error);

    public static string DiskFullMessage(string filePath) =>
        $"Đĩa đầy, không ghi được tệp dữ liệu {filePath}; hãy giải phóng dung lượng đĩa. "
        + $"(No space left on device: cannot write data file {filePath}; free some disk space.)";
}

/// <summary>Whether the data file can take writes, for readiness checks.</summary>
/// <param name="DiskFull">The reason is a full disk (rather than another I/O error).</param>
public sealed record StorageHealth(bool Writable, bool DiskFull, string? Problem);

internal sealed record StorageFailure(long At, DatabaseException Error, bool DiskFull)
{
    private const int ENoSpace = 28;
    private const int EDiskQuota = 122;

    public string Message => Error.Message;

    /// <summary>ENOSPC or EDQUOT, on this exception or one it wraps.</summary>
    public static bool IsDiskFull(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            if (e is DatabaseFullException
                || (e is IOException && (e.HResult is ENoSpace or EDiskQuota || e.Message.Contains("No space left on device", StringComparison.OrdinalIgnoreCase))))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The disk refused (full, or an I/O error): not a bug in the work, not a LiteDB constraint.</summary>
    public static bool IsDiskError(Exception error) =>
        IsDiskFull(error) || error is DatabaseWriteException
        || (error is IOException and not (FileNotFoundException or DirectoryNotFoundException or PathTooLongException));
}
