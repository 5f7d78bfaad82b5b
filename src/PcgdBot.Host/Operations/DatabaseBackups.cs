using System.Globalization;
using PcgdBot.Storage;

namespace PcgdBot.Host.Operations;

/// <summary>A backup made into a folder of dated copies, and the old copies removed to keep the last N.</summary>
public sealed record FolderBackup(BackupResult Result, IReadOnlyList<string> Removed, int Keep)
{
    /// <summary>The one-paragraph Vietnamese report the command (and the admin socket) prints.</summary>
    public string Describe()
    {
        var counts = Result.Counts;
        var updates = counts.GetValueOrDefault("updates");
        var people = counts.GetValueOrDefault("people");
        var size = Result.Bytes / 1024.0 / 1024.0;
        return $"Đã sao lưu vào {Result.File} ({size.ToString("0.##", CultureInfo.InvariantCulture)} MB, {people} người, {updates} báo cáo tiến độ, "
            + $"{counts.Values.Sum()} bản ghi) trong {Result.Duration.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms; "
            + $"ghi tạm dừng {Result.WritesPaused.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms. Bản sao đã được mở lại và kiểm tra khớp số bản ghi. "
            + $"Giữ {Keep} bản gần nhất" + (Removed.Count > 0 ? $", đã xóa {Removed.Count} bản cũ." : ".");
    }
}

/// <summary>Names, writes and rotates the dated copies: <c>pcgdbot-YYYYMMDD-HHMMSS.db</c>, local time of the office.</summary>
public static class DatabaseBackups
{
    public const string FilePrefix = "pcgdbot-";
    public const string FileExtension = ".db";

    public static FolderBackup Run(PcgdBotDatabase database, string directory, int keep, DateTimeOffset localNow)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        var folder = Path.GetFullPath(directory);
        var stamp = localNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var file = Path.Combine(folder, FilePrefix + stamp + FileExtension);
        for (var n = 2; File.Exists(file); n++)
        {
            file = Path.Combine(folder, $"{FilePrefix}{stamp}-{n}{FileExtension}");
        }

        var result = database.Backup(file);
        return new FolderBackup(result, RemoveOld(folder, keep), keep);
    }

    /// <summary>The copies in the folder, newest first (the names sort by time).</summary>
    public static IReadOnlyList<string> Copies(string directory) => !Directory.Exists(directory)
        ? []
        : [.. Directory.EnumerateFiles(directory, FilePrefix + "*" + FileExtension)
            .Where(path => IsCopyName(Path.GetFileName(path)))
            .OrderByDescending(path => Path.GetFileName(path), StringComparer.Ordinal)];

    private static IReadOnlyList<string> RemoveOld(string folder, int keep)
    {
        var removed = new List<string>();
        foreach (var old in Copies(folder).Skip(keep))
        {
            try
            {
                File.Delete(old);
                removed.Add(old);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Kept for the next run; the new copy is what matters.
            }
        }

        return removed;
    }

    private static bool IsCopyName(string name) =>
        name.Length >= FilePrefix.Length + 15 + FileExtension.Length
        && DateTime.TryParseExact(name.Substring(FilePrefix.Length, 15), "yyyyMMdd-HHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
}
