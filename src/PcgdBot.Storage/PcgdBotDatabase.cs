using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using LiteDB;

namespace PcgdBot.Storage;

/// <summary>
/// The bot's one LiteDB data file, opened once per process (register it as a singleton) and shared by every store.
/// </summary>
/// <remarks>
/// <para>
/// Exclusive: LiteDB's direct mode is not exclusive on Linux/macOS (a second engine on the same file opens fine and the
/// two then corrupt it), so the file is guarded by an OS lock on a companion file <c>{Path}.lock</c>, held until
/// <see cref="Dispose"/>. The lock file stays on disk (it is empty); deleting it while another process waits for it
/// would let two processes in. The OS drops the lock when a process dies, so a crash never leaves the file locked.
/// </para>
/// <para>
/// Exact strings: new files are created with an ordinal, culture-independent collation, so keys and codes that differ
/// only in case ("Ab", "ab") are different <c>_id</c> values and sort by code point. LiteDB's own default is the current
/// culture with IgnoreCase. A file created otherwise is refused.
/// </para>
/// <para>
/// Schema: the file's version is LiteDB's <c>UserVersion</c>. <see cref="Open(string)"/> applies the steps of
/// <see cref="SchemaMigrations.Migrations"/> above it, each in its own transaction together with an entry in the
/// <c>schema_migrations</c> collection. LiteDB refuses to set <c>UserVersion</c> inside a transaction, so that entry is
/// what makes a step and its version atomic; <c>UserVersion</c> is set right after the commit and repaired from the
/// log on the next open if the process died in between.
/// </para>
/// </remarks>
public sealed partial class PcgdBotDatabase : IDisposable
{
    /// <summary>The schema version this code writes: the last step of <see cref="SchemaMigrations.Migrations"/>.</summary>
    public const int SchemaVersion = 1;

    /// <summary>Collection recording the applied schema steps: <c>{ _id: version, description, appliedUtc }</c>.</summary>
    public const string MigrationLogCollection = "schema_migrations";

    internal static readonly TimeSpan DefaultLockWait = TimeSpan.FromSeconds(2);

    private const string LiteDbHeaderInfo = "** This is a LiteDB file **";
    private const int LiteDbHeaderInfoOffset = 32;
    private const int LiteDbFileVersionOffset = 59;
    private const byte LiteDbFileVersion = 8;
    private const int LiteDbPageSize = 8192;

    private readonly IDisposable _fileLock;
    private bool _disposed;

    private PcgdBotDatabase(string path, LiteDatabase raw, IDisposable fileLock)
    {
        Path = path;
        _raw = raw;
        _fileLock = fileLock;
    }

    /// <summary><c>data/pcgdbot.db</c> beside the program.</summary>
    public static string DefaultPath { get; } = System.IO.Path.Combine(AppContext.BaseDirectory, "data", "pcgdbot.db");

    /// <summary>The full path of the data file.</summary>
    public string Path { get; }

    /// <summary>
    /// The shared LiteDB instance the stores use for their collections. Change several documents together through
    /// <see cref="Write(Action{LiteDatabase})"/>; do not dispose it.
    /// </summary>
    public LiteDatabase Raw => _raw;

    private volatile LiteDatabase _raw;

    private readonly Lock writeGate = new();

    // Guarded by writeGate: how deep the current thread's Writes are nested, and the last write the disk refused.
    private int _writeDepth;
    private StorageFailure? _failure;
    private bool _needsReopen;

    /// <summary>
    /// Opens (or creates) the data file and brings its schema up to <see cref="SchemaVersion"/>. Waits up to 2 seconds
    /// for a PcgdBot process that is just closing the file.
    /// </summary>
    /// <exception cref="DatabaseUnavailableException">The file is in use by another process, is not a LiteDB data file,
    /// or cannot be read or created.</exception>
    /// <exception cref="DatabaseException">The file was written by a newer PcgdBot, uses another collation, or a schema
    /// step failed (the file then stays at the last step that succeeded).</exception>
    public static PcgdBotDatabase Open(string path)
    {
        var migrations = SchemaMigrations.Migrations;
        if (CheckNumbering(migrations) != SchemaVersion)
        {
            throw new InvalidOperationException(
                $"PcgdBotDatabase.SchemaVersion is {SchemaVersion} but the last schema migration is {migrations.Count}; raise SchemaVersion with each new migration.");
        }

        return Open(path, migrations, DefaultLockWait);
    }

    /// <summary>Open with another list of schema steps and lock wait (tests).</summary>
    internal static PcgdBotDatabase Open(string path, IReadOnlyList<SchemaMigration> migrations, TimeSpan lockWait)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(migrations);
        var target = CheckNumbering(migrations);
        var fullPath = System.IO.Path.GetFullPath(path);

        CreateFolder(fullPath);
        var fileLock = AcquireLock(fullPath, lockWait);
        PcgdBotDatabase? database = null;
        try
        {
            var exists = CheckIsLiteDbFile(fullPath);
            database = new PcgdBotDatabase(fullPath, OpenLiteDb(fullPath, create: !exists), fileLock);
            database.CheckCollation();
            database.Migrate(migrations, target);
            return database;
        }
        catch (Exception e)
        {
            if (database is not null)
            {
                database.DisposeQuietly();
            }
            else
            {
                fileLock.Dispose();
            }

            if (e is DatabaseException)
            {
                throw;
            }

            throw new DatabaseUnavailableException(
                $"Không mở được tệp dữ liệu {fullPath}: {e.Message} (Cannot open data file {fullPath}.)", fullPath, e);
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one LiteDB transaction: committed when it returns, rolled back when it throws
    /// (the exception is rethrown). A Write inside a Write on the same thread joins the outer one.
    /// </summary>
    /// <remarks>
    /// LiteDB transactions belong to the calling thread: <paramref name="work"/> must be synchronous (no await) and must
    /// not hand the database to other threads. It must not return a lazy query (an open cursor blocks the commit),
    /// and it must not catch a LiteDB exception and carry on: LiteDB has already rolled the whole transaction back
    /// by then, and what follows would be written outside it (this is detected at commit and reported).
    /// </remarks>
    public T Write<T>(Func<LiteDatabase, T> work)
    {
        // LiteDB does not make a read-then-write atomic inside a transaction (two threads can read the same
        // counter and both write it + 1): the process's writes run one at a time. Re-entrant for nested Writes.
        lock (writeGate)
        {
            if (_writeDepth > 0)
            {
                // Nested: the outermost Write handles failures.
                return WriteInTransaction(work);
            }

            FailFastWhileUnwritable();
            _writeDepth++;
            try
            {
                var result = WriteInTransaction(work);
                _failure = null;
                return result;
            }
            catch (Exception e) when (StorageFailure.IsDiskError(e))
            {
                throw RecordFailure(e);
            }
            finally
            {
                _writeDepth--;
            }
        }
    }

    /// <summary>
    /// Whether the file can take writes now: false after the disk refused one (full, I/O error) until a probe
    /// shows space again, or when the file system has almost no space left. Cheap; for readiness checks.
    /// </summary>
    public StorageHealth CheckHealth()
    {
        lock (writeGate)
        {
            if (_failure is { } failure && !ProbeDisk())
            {
                return new StorageHealth(false, failure.DiskFull, failure.Message);
            }

            if (_failure is not null)
            {
                // Space is back: the next Write tries for real at once.
                _failure = null;
                TryReopen();
            }
        }

        var free = FreeBytes();
        if (free is < MinimumFreeBytes)
        {
            return new StorageHealth(false, true, DatabaseFullException.DiskFullMessage(Path));
        }

        return new StorageHealth(true, false, null);
    }

    /// <summary>Below this many free bytes on the data file's file system the bot says it is not ready.</summary>
    public const long MinimumFreeBytes = 64 * 1024;

    /// <summary>How long writes fail at once after the disk refused one, before one is tried again.</summary>
    internal static readonly TimeSpan RetryWritesAfter = TimeSpan.FromSeconds(1);

    private void FailFastWhileUnwritable()
    {
        if (_failure is not { } failure)
        {
            return;
        }

        if (Stopwatch.GetElapsedTime(failure.At) < RetryWritesAfter || (_needsReopen && !TryReopen()))
        {
            throw failure.Error;
        }
    }

    /// <summary>
    /// LiteDB 5 cannot take another write after the disk refused one ("page must be writable"), even once space is back:
    /// the engine is reopened on the same file (a transaction cut short is not in the log, so nothing half-written stays).
    /// </summary>
    private DatabaseException RecordFailure(Exception error)
    {
        var wrapped = error as DatabaseException ?? (StorageFailure.IsDiskFull(error)
            ? new DatabaseFullException(DatabaseFullException.DiskFullMessage(Path), Path, error)
            : new DatabaseWriteException(
                $"Không ghi được tệp dữ liệu {Path}: lỗi đọc/ghi đĩa ({error.Message}). (Cannot write data file {Path}: I/O error.)", Path, error));
        _failure = new StorageFailure(Stopwatch.GetTimestamp(), wrapped, wrapped is DatabaseFullException);
        _needsReopen = true;
        TryReopen();
        return wrapped;
    }

    private bool TryReopen()
    {
        if (!_needsReopen)
        {
            return true;
        }

        try
        {
            _raw.Dispose();
        }
        catch (Exception)
        {
            // The broken engine may fail to flush on the way out; what it had committed is in the file already.
        }

        try
        {
            _raw = OpenLiteDb(Path, create: false);
            _needsReopen = false;
            return true;
        }
        catch (DatabaseException)
        {
            return false;
        }
    }

    /// <summary>Writes and removes a small file beside the data file: whether the disk takes writes again.</summary>
    private bool ProbeDisk()
    {
        var probe = Path + ".probe";
        try
        {
            using (var stream = new FileStream(probe, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.WriteThrough))
            {
                stream.Write(new byte[16 * 1024]);
                stream.Flush(flushToDisk: true);
            }

            File.Delete(probe);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try
            {
                File.Delete(probe);
            }
            catch (Exception)
            {
                // Nothing more to do on a disk that refuses.
            }

            return false;
        }
    }

    private long? FreeBytes()
    {
        try
        {
            return new DriveInfo(System.IO.Path.GetDirectoryName(Path)!).AvailableFreeSpace;
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private T WriteInTransaction<T>(Func<LiteDatabase, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        EnsureSynchronous(work.Method, typeof(T));
        ObjectDisposedException.ThrowIf(_disposed, this);

        if (!Raw.BeginTrans())
        {
            // Already in a transaction on this thread: the outermost Write commits or rolls back.
            return work(Raw);
        }

        T result;
        try
        {
            result = work(Raw);
        }
        catch
        {
            RollbackQuietly();
            throw;
        }

        bool committed;
        try
        {
            committed = Raw.Commit();
        }
        catch
        {
            RollbackQuietly();
            throw;
        }

        if (!committed)
        {
            throw new InvalidOperationException(
                "The LiteDB transaction of PcgdBotDatabase.Write ended before the work returned: a LiteDB exception was caught inside "
                + "the work (LiteDB rolls the transaction back when an operation fails), or the work committed itself. Changes made after "
                + "that point were saved outside the transaction.");
        }

        return result;
    }

    /// <inheritdoc cref="Write{T}(Func{LiteDatabase, T})"/>
    public void Write(Action<LiteDatabase> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        EnsureSynchronous(work.Method, typeof(void));
        Write<object?>(db =>
        {
            work(db);
            return null;
        });
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            _raw.Dispose();
        }
        finally
        {
            _fileLock.Dispose();
        }
    }

    private void DisposeQuietly()
    {
        try
        {
            Dispose();
        }
        catch (Exception)
        {
            // Already reporting why the open failed; the lock is released by Dispose's finally.
        }
    }

    private void RollbackQuietly()
    {
        try
        {
            Raw.Rollback();
        }
        catch (Exception)
        {
            // The work's exception is the one to report; LiteDB may already have rolled back and closed.
        }
    }

    private static void EnsureSynchronous(System.Reflection.MethodInfo method, Type resultType)
    {
        var returnsTask = typeof(Task).IsAssignableFrom(resultType)
            || resultType == typeof(ValueTask)
            || (resultType.IsGenericType && resultType.GetGenericTypeDefinition() == typeof(ValueTask<>));
        if (returnsTask || method.IsDefined(typeof(AsyncStateMachineAttribute), inherit: false))
        {
            throw new ArgumentException(
                "PcgdBotDatabase.Write needs synchronous work: LiteDB transactions belong to one thread, and an async lambda would be committed at its first await.",
                "work");
        }
    }

    /// <summary>Steps must be numbered 1, 2, 3… in order; returns the last number (0 for none).</summary>
    private static int CheckNumbering(IReadOnlyList<SchemaMigration> migrations)
    {
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i] is null || migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException($"Schema migrations must be numbered 1, 2, 3… in order; entry {i} is not {i + 1}.");
            }
        }

        return migrations.Count;
    }

    private static void CreateFolder(string fullPath)
    {
        var folder = System.IO.Path.GetDirectoryName(fullPath);
        if (string.IsNullOrEmpty(folder))
        {
            return;
        }

        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new DatabaseUnavailableException(
                $"Không tạo được thư mục {folder} cho tệp dữ liệu {fullPath}: {e.Message} (Cannot create the folder of data file {fullPath}.)",
                fullPath, e);
        }
    }

    /// <summary>The companion lock file (one path), then the data file's own inode (every path to it).</summary>
    private static IDisposable AcquireLock(string fullPath, TimeSpan wait)
    {
        var clock = Stopwatch.StartNew();
        var companion = AcquireCompanionLock(fullPath, wait);
        try
        {
            while (true)
            {
                DataFileLock? inode;
                try
                {
                    inode = DataFileLock.TryAcquire(fullPath);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
                {
                    throw new DatabaseUnavailableException(
                        $"Không mở được tệp dữ liệu {fullPath}: {e.Message} (Cannot open data file {fullPath}.)", fullPath, e);
                }

                if (inode is not null)
                {
                    return new CombinedLock(companion, inode);
                }

                if (clock.Elapsed >= wait)
                {
                    throw InUse(fullPath, wait, null);
                }

                Thread.Sleep(TimeSpan.FromMilliseconds(100));
            }
        }
        catch
        {
            companion.Dispose();
            throw;
        }
    }

    private static DatabaseUnavailableException InUse(string fullPath, TimeSpan wait, Exception? cause) => new(
        $"Không mở được tệp dữ liệu {fullPath}: tệp đang được một tiến trình PcgdBot khác sử dụng "
        + $"(đã chờ {wait.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} giây). Hãy dừng tiến trình đó (bot đang chạy, "
        + $"hoặc một lệnh khác) rồi thử lại. (Cannot open data file {fullPath}: it is in use by another PcgdBot process.)",
        fullPath, cause);

    private sealed class CombinedLock(FileStream companion, DataFileLock inode) : IDisposable
    {
        public void Dispose()
        {
            inode.Dispose();
            companion.Dispose();
        }
    }

    private static FileStream AcquireCompanionLock(string fullPath, TimeSpan wait)
    {
        var lockPath = fullPath + ".lock";
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                // FileShare.None: a sharing violation on Windows, an exclusive flock() on Linux/macOS — also between two
                // opens in the same process.
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);
            }
            catch (IOException e) when (e is not (FileNotFoundException or DirectoryNotFoundException or PathTooLongException))
            {
                if (clock.Elapsed >= wait)
                {
                    throw InUse(fullPath, wait, e);
                }

                Thread.Sleep(TimeSpan.FromMilliseconds(100));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
            {
                throw new DatabaseUnavailableException(
                    $"Không mở được tệp dữ liệu {fullPath}: không tạo được tệp khóa {lockPath} ({e.Message}). "
                    + $"(Cannot open data file {fullPath}: cannot create its lock file.)",
                    fullPath, e);
            }
        }
    }

    /// <summary>
    /// LiteDB silently truncates a file to whole 8 KB pages and starts a new database over one shorter than a page, and
    /// throws arbitrary exceptions on other foreign files: look at the header before letting it touch the file.
    /// </summary>
    /// <returns>Whether there is a database to open (false: a new one is to be created).</returns>
    private static bool CheckIsLiteDbFile(string fullPath)
    {
        var info = new FileInfo(fullPath);
        if (!info.Exists || info.Length == 0)
        {
            return false;
        }

        var header = new byte[LiteDbFileVersionOffset + 1];
        int read;
        using (var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        }

        var isLiteDb = info.Length >= LiteDbPageSize
            && read == header.Length
            && Encoding.ASCII.GetString(header, LiteDbHeaderInfoOffset, LiteDbHeaderInfo.Length) == LiteDbHeaderInfo;
        if (!isLiteDb)
        {
            throw new DatabaseUnavailableException(
                $"Không mở được tệp dữ liệu {fullPath}: tệp này không phải tệp dữ liệu LiteDB của PcgdBot (hoặc đã hỏng). "
                + "Hãy kiểm tra lại đường dẫn; PcgdBot không ghi đè lên tệp này. "
                + $"(Cannot open data file {fullPath}: it is not a LiteDB data file.)",
                fullPath);
        }

        if (header[LiteDbFileVersionOffset] != LiteDbFileVersion)
        {
            throw new DatabaseUnavailableException(
                $"Không mở được tệp dữ liệu {fullPath}: tệp LiteDB định dạng {header[LiteDbFileVersionOffset]}, PcgdBot cần định dạng {LiteDbFileVersion} (LiteDB 5). "
                + $"(Cannot open data file {fullPath}: LiteDB file format {header[LiteDbFileVersionOffset]}, expected {LiteDbFileVersion}.)",
                fullPath);
        }

        return true;
    }

    private static LiteDatabase OpenLiteDb(string fullPath, bool create)
    {
        var connection = new ConnectionString
        {
            Filename = fullPath,
            Connection = ConnectionType.Direct,

            // Invariant culture (""), ordinal comparison. LiteDB uses it to create the file, and refuses an existing file
            // whose collation differs with a bare LiteException; CheckCollation explains that case instead.
            Collation = create ? new Collation("/Ordinal") : null,
        };
        try
        {
            // Dates come back in UTC as they were stored: LiteDB's default turns them into the server's local time,
            // which would move every expiry and period by the time zone on a server set to Asia/Ho_Chi_Minh.
            return new LiteDatabase(connection, EntityMappings.CreateMapper(EntityMappings.StorageEntities)) { UtcDate = true };
        }
        catch (Exception e) when (StorageFailure.IsDiskFull(e))
        {
            throw new DatabaseFullException(DatabaseFullException.DiskFullMessage(fullPath), fullPath, e);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new DatabaseUnavailableException(
                $"Không mở được tệp dữ liệu {fullPath}: tệp bị hỏng hoặc không đọc được ({e.Message}). "
                + $"(Cannot open data file {fullPath}: it is damaged or unreadable.)",
                fullPath, e);
        }
    }

    private void CheckCollation()
    {
        if (Raw.Collation.SortOptions != CompareOptions.Ordinal)
        {
            throw new DatabaseException(
                $"Tệp dữ liệu {Path} so sánh chuỗi theo '{Raw.Collation}' (không phân biệt chữ hoa/thường); PcgdBot cần so sánh chính xác "
                + "('/Ordinal'). Hãy dùng tệp do PcgdBot tạo, hoặc rebuild tệp với collation '/Ordinal'. "
                + $"(Data file {Path} uses collation '{Raw.Collation}'; PcgdBot needs '/Ordinal', case-sensitive keys.)",
                Path);
        }
    }

    private void Migrate(IReadOnlyList<SchemaMigration> migrations, int target)
    {
        var log = Raw.GetCollection(MigrationLogCollection);
        var logged = log.FindAll().Select(d => d["_id"].AsInt32).DefaultIfEmpty(0).Max();
        var fileVersion = Math.Max(Raw.UserVersion, logged);
        if (fileVersion > target)
        {
            throw new DatabaseException(
                $"Tệp dữ liệu {Path} được tạo bởi phiên bản PcgdBot mới hơn (schema {fileVersion} > {target}); hãy cập nhật PcgdBot. "
                + $"(Data file {Path} was written by a newer PcgdBot: schema {fileVersion} > {target}; update PcgdBot.)",
                Path);
        }

        if (Raw.UserVersion < fileVersion)
        {
            // The process died after a step's commit and before its UserVersion: the log is the truth.
            Raw.UserVersion = fileVersion;
        }

        foreach (var migration in migrations.Where(m => m.Version > fileVersion))
        {
            try
            {
                Write(db =>
                {
                    migration.Apply(db);
                    db.GetCollection(MigrationLogCollection).Insert(new BsonDocument
                    {
                        ["_id"] = migration.Version,
                        ["description"] = migration.Description,
                        ["appliedUtc"] = DateTime.UtcNow,
                    });
                });
            }
            catch (Exception e)
            {
                throw new DatabaseException(
                    $"Không nâng cấp được tệp dữ liệu {Path} lên schema {migration.Version} ({migration.Description}): {e.Message}. "
                    + $"Tệp vẫn ở schema {migration.Version - 1}. (Schema migration {migration.Version} of {Path} failed; the file stays at schema {migration.Version - 1}.)",
                    Path, e);
            }

            Raw.UserVersion = migration.Version;
        }
    }
}
