using System.Diagnostics;
using LiteDB;

namespace PcgdBot.Storage;

/// <summary>A finished backup: the verified copy and what it holds.</summary>
/// <param name="Counts">Documents per collection, the same in the live file (at the moment of the copy) and in the copy.</param>
public sealed record BackupResult(string File, long Bytes, TimeSpan Duration, TimeSpan WritesPaused, IReadOnlyDictionary<string, int> Counts);

/// <summary>What a file checked for restore holds.</summary>
public sealed record DataFileCheck(string File, long Bytes, int SchemaVersion, IReadOnlyDictionary<string, int> Counts);

public sealed partial class PcgdBotDatabase
{
    /// <summary>Collection of finished backups: <c>{ _id: utc ticks, file, bytes, completedUtc }</c> (for <c>status</c>).</summary>
    public const string BackupLogCollection = "backups";

    /// <summary>
    /// Copies the data file to <paramref name="destination"/> while the bot keeps serving: under the write gate (no
    /// transaction can start or be half-way), LiteDB's log is checkpointed into the data file, the collections are
    /// counted and the file is copied; writes then resume. The copy is opened on its own and its counts compared.
    /// It is written beside <paramref name="destination"/> and renamed into place only when it checked out.
    /// </summary>
    /// <exception cref="DatabaseException">The copy could not be written or does not match.</exception>
    public BackupResult Backup(string destination)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(destination);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var target = System.IO.Path.GetFullPath(destination);
        if (string.Equals(target, Path, StringComparison.Ordinal))
        {
            throw new DatabaseException($"Tệp sao lưu không được trùng tệp dữ liệu {Path}. (The backup cannot overwrite the data file.)", Path);
        }

        var partial = target + ".partial";
        var clock = Stopwatch.StartNew();
        Dictionary<string, int> counts;
        TimeSpan paused;
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            lock (writeGate)
            {
                var gate = Stopwatch.StartNew();
                FailFastWhileUnwritable();
                Raw.Checkpoint();
                counts = CountCollections(Raw);
                File.Copy(Path, partial, overwrite: true);
                paused = gate.Elapsed;
            }

            using (var stream = new FileStream(partial, FileMode.Open, FileAccess.ReadWrite))
            {
                stream.Flush(flushToDisk: true);
            }

            var copied = CheckCopy(partial);
            if (!SameCounts(counts, copied))
            {
                throw new DatabaseException(
                    $"Bản sao {target} không khớp tệp dữ liệu (số bản ghi khác nhau: {Describe(counts)} / {Describe(copied)}). "
                    + "(The backup copy does not match the data file.)", Path);
            }

            File.Move(partial, target, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or LiteException)
        {
            TryDelete(partial);
            throw StorageFailure.IsDiskFull(e)
                ? new DatabaseFullException($"Không đủ chỗ trên đĩa để sao lưu vào {target}. (No space left for the backup.)", Path, e)
                : new DatabaseWriteException($"Không sao lưu được vào {target}: {e.Message} (Backup failed.)", Path, e);
        }
        catch
        {
            TryDelete(partial);
            throw;
        }

        var bytes = new FileInfo(target).Length;
        var result = new BackupResult(target, bytes, clock.Elapsed, paused, counts);
        try
        {
            Write(db => db.GetCollection(BackupLogCollection).Insert(new BsonDocument
            {
                ["_id"] = DateTime.UtcNow.Ticks,
                ["file"] = target,
                ["bytes"] = bytes,
                ["completedUtc"] = DateTime.UtcNow,
            }));
        }
        catch (DatabaseException)
        {
            // The copy is good; only the note for `status` is missing (the disk refused it).
        }

        return result;
    }

    /// <summary>The last backup recorded in this file, if any.</summary>
    public (string File, long Bytes, DateTime CompletedUtc)? LastBackup()
    {
        var last = Raw.GetCollection(BackupLogCollection).Query().OrderByDescending("_id").FirstOrDefault();
        return last is null ? null : (last["file"].AsString, last["bytes"].AsInt64, last["completedUtc"].AsDateTime);
    }

    /// <summary>Documents per collection in this file now.</summary>
    public IReadOnlyDictionary<string, int> CountCollections()
    {
        lock (writeGate)
        {
            return CountCollections(Raw);
        }
    }

    /// <summary>
    /// Opens <paramref name="file"/> on its own (read-only, without the process lock: it is not a live data file) and
    /// reads every document of every collection: a damaged page fails here rather than after a restore.
    /// </summary>
    /// <exception cref="DatabaseException">Not a PcgdBot data file, damaged, or from a newer PcgdBot.</exception>
    public static DataFileCheck CheckFile(string file)
    {
        var fullPath = System.IO.Path.GetFullPath(file);
        if (!File.Exists(fullPath))
        {
            throw new DatabaseUnavailableException($"Không tìm thấy tệp {fullPath}. (File not found.)", fullPath);
        }

        CheckIsLiteDbFile(fullPath);
        try
        {
            var counts = CheckCopy(fullPath, out var version);
            if (version > SchemaVersion)
            {
                throw new DatabaseException(
                    $"Tệp {fullPath} do phiên bản PcgdBot mới hơn tạo (schema {version} > {SchemaVersion}). (Written by a newer PcgdBot.)", fullPath);
            }

            return new DataFileCheck(fullPath, new FileInfo(fullPath).Length, version, counts);
        }
        catch (Exception e) when (e is LiteException or IOException or InvalidCastException or InvalidOperationException)
        {
            throw new DatabaseUnavailableException(
                $"Tệp {fullPath} bị hỏng hoặc không đọc được ({e.Message}). (The file is damaged or unreadable.)", fullPath, e);
        }
    }

    /// <summary>
    /// Replaces the data file at <paramref name="dataPath"/> by a checked copy of <paramref name="backupFile"/>, keeping
    /// the old file (and its log) aside as <c>{dataPath}.before-restore-{time}</c>. Holds the process lock throughout, so
    /// it fails with "in use" while the bot runs.
    /// </summary>
    /// <returns>The check of the restored file and where the old one was put (null when there was none).</returns>
    public static (DataFileCheck Restored, string? OldFileKeptAt) Restore(string backupFile, string dataPath)
    {
        var source = System.IO.Path.GetFullPath(backupFile);
        var target = System.IO.Path.GetFullPath(dataPath);
        if (string.Equals(source, target, StringComparison.Ordinal))
        {
            throw new DatabaseException($"Tệp sao lưu chính là tệp dữ liệu {target}. (The backup is the data file itself.)", target);
        }

        CheckFile(source);
        CreateFolder(target);
        using var fileLock = AcquireLock(target, DefaultLockWait);
        var incoming = target + ".restoring";
        try
        {
            File.Copy(source, incoming, overwrite: true);
            using (var stream = new FileStream(incoming, FileMode.Open, FileAccess.ReadWrite))
            {
                stream.Flush(flushToDisk: true);
            }

            var check = CheckFile(incoming);
            string? keptAt = null;
            if (new FileInfo(target).Length > 0)
            {
                keptAt = $"{target}.before-restore-{DateTime.UtcNow:yyyyMMdd-HHmmss}";
                File.Move(target, keptAt);
                var log = LogFileOf(target);
                if (File.Exists(log))
                {
                    File.Move(log, LogFileOf(keptAt));
                }
            }
            else
            {
                // The empty file the lock created.
                File.Delete(target);
            }

            File.Move(incoming, target);
            return (check with { File = target }, keptAt);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(incoming);
            throw new DatabaseWriteException($"Không khôi phục được {target}: {e.Message} (Restore failed.)", target, e);
        }
    }

    /// <summary>LiteDB 5 keeps its write-ahead log beside the file: <c>name-log.ext</c>.</summary>
    private static string LogFileOf(string dataFile) => System.IO.Path.Combine(
        System.IO.Path.GetDirectoryName(dataFile)!,
        System.IO.Path.GetFileNameWithoutExtension(dataFile) + "-log" + System.IO.Path.GetExtension(dataFile));

    private static Dictionary<string, int> CheckCopy(string file) => CheckCopy(file, out _);

    private static Dictionary<string, int> CheckCopy(string file, out int schemaVersion)
    {
        var connection = new ConnectionString { Filename = file, Connection = ConnectionType.Direct, ReadOnly = true };
        using var copy = new LiteDatabase(connection) { UtcDate = true };
        schemaVersion = copy.UserVersion;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var name in copy.GetCollectionNames())
        {
            // Reading each document (not only the count from the index) touches every data page.
            counts[name] = copy.GetCollection(name).FindAll().Count();
        }

        return counts;
    }

    private static Dictionary<string, int> CountCollections(LiteDatabase database) =>
        database.GetCollectionNames().ToDictionary(name => name, name => database.GetCollection(name).Count(), StringComparer.Ordinal);

    private static bool SameCounts(IReadOnlyDictionary<string, int> expected, IReadOnlyDictionary<string, int> actual) =>
        expected.Where(pair => pair.Value > 0).All(pair => actual.TryGetValue(pair.Key, out var count) && count == pair.Value)
        && actual.Where(pair => pair.Value > 0).All(pair => expected.ContainsKey(pair.Key));

    private static string Describe(IReadOnlyDictionary<string, int> counts) =>
        string.Join(", ", counts.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}={pair.Value}"));

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover .partial is overwritten by the next backup.
        }
    }
}
