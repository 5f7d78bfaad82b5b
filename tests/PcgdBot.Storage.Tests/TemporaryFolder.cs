namespace PcgdBot.Storage.Tests;

/// <summary>A fresh folder under the temp directory, deleted with everything in it.</summary>
public sealed class TemporaryFolder : IDisposable
{
    public TemporaryFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "pcgdbot-storage-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>A data file path inside the folder (in a sub-folder that does not exist yet, by default).</summary>
    public string File(string name = "data/pcgdbot.db") => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A test that failed may still hold a file; the temp folder is cleaned by the system eventually.
        }
    }
}
