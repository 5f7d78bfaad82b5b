using System.Runtime.InteropServices;

namespace PcgdBot.Storage;

/// <summary>
/// An exclusive lock on the data file itself (its inode), so a second path to the same file (a hard link, a bind mount,
/// another spelling of the path) cannot bypass the companion <c>.lock</c> file.
/// </summary>
/// <remarks>
/// Linux open-file-description locks (<c>F_OFD_SETLK</c>): they belong to this handle, conflict with any other handle on
/// the same inode (also in this process), are dropped by the kernel when the process dies, and do not interact with the
/// shared <c>flock</c> LiteDB's own handle takes — unlike <c>FileShare.None</c> on the data file, which would lock LiteDB
/// out too, and unlike classic POSIX locks, which closing any other handle to the file would silently release. On other
/// systems the companion lock is the guard (Windows' sharing modes already apply per file).
/// </remarks>
internal sealed class DataFileLock : IDisposable
{
    private const int FOfdSetLk = 37;
    private const short FWrLck = 1;
    private const short SeekSet = 0;
    private const int EAgain = 11;
    private const int EAccess = 13;

    private readonly FileStream? handle;

    private DataFileLock(FileStream? handle) => this.handle = handle;

    /// <summary>Locks <paramref name="fullPath"/> (creating it empty if missing); null when another handle holds it.</summary>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public static DataFileLock? TryAcquire(string fullPath)
    {
        if (!OperatingSystem.IsLinux())
        {
            return new DataFileLock(null);
        }

        var stream = new FileStream(fullPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
        try
        {
            var request = new FlockRequest { Type = FWrLck, Whence = SeekSet, Start = 0, Length = 0, Pid = 0 };
            if (Fcntl((int)stream.SafeFileHandle.DangerousGetHandle(), FOfdSetLk, ref request) == 0)
            {
                var acquired = new DataFileLock(stream);
                stream = null;
                return acquired;
            }

            var error = Marshal.GetLastPInvokeError();
            if (error is EAgain or EAccess)
            {
                return null;
            }

            // EINVAL: a kernel or file system without OFD locks; the companion lock still guards.
            var unlocked = new DataFileLock(stream);
            stream = null;
            return unlocked;
        }
        finally
        {
            stream?.Dispose();
        }
    }

    public void Dispose() => handle?.Dispose();

    [StructLayout(LayoutKind.Sequential)]
    private struct FlockRequest
    {
        public short Type;
        public short Whence;
        public long Start;
        public long Length;
        public int Pid;
    }

    [DllImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static extern int Fcntl(int descriptor, int command, ref FlockRequest request);
}
