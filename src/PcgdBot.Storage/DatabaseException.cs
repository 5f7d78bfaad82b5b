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
