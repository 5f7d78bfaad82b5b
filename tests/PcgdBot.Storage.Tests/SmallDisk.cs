using System.Diagnostics;

namespace PcgdBot.Storage.Tests;

/// <summary>
/// A real, tiny file system (tmpfs of a few hundred KB) mounted for one test, so "no space left on device" comes from
/// the kernel exactly as on a full server disk. Needs root (mount); <see cref="TryMount"/> says why not otherwise.
/// </summary>
public sealed class SmallDisk : IDisposable
{
    private SmallDisk(string path) => Path = path;

    public string Path { get; }

    /// <summary>Mounts a tmpfs of <paramref name="sizeKilobytes"/> KB; null and the reason when this machine cannot.</summary>
    public static SmallDisk? TryMount(int sizeKilobytes, out string reason)
    {
        reason = "";
        if (!OperatingSystem.IsLinux())
        {
            reason = "a small file system is mounted with Linux tmpfs; this is not Linux";
            return null;
        }

        if (Environment.UserName != "root")
        {
            reason = "mounting a small tmpfs needs root; run the tests as root to check disk-full behaviour";
            return null;
        }

        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "pcgdbot-small-disk-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        var (exit, output) = Run("mount", "-t", "tmpfs", "-o", $"size={sizeKilobytes}k", "tmpfs", path);
        if (exit != 0)
        {
            Directory.Delete(path);
            reason = $"mount -t tmpfs failed here ({output.Trim()}); a container without CAP_SYS_ADMIN cannot mount";
            return null;
        }

        return new SmallDisk(path);
    }

    /// <summary>Fills the disk with a filler file until the kernel refuses; returns it (delete it to give the space back).</summary>
    public string Fill()
    {
        var filler = System.IO.Path.Combine(Path, "filler.bin");
        using var stream = new FileStream(filler, FileMode.Create, FileAccess.Write);
        var block = new byte[4096];
        try
        {
            while (true)
            {
                stream.Write(block);
                stream.Flush();
            }
        }
        catch (IOException)
        {
            // Full.
        }

        try
        {
            stream.Dispose();
        }
        catch (IOException)
        {
            // The buffered tail could not be written either: still full.
        }

        return filler;
    }

    public void Dispose()
    {
        Run("umount", "-l", Path);
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static (int Exit, string Output) Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardError.ReadToEnd() + process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }
}
