namespace PcgdBot.Host.Tests.Support;

/// <summary>The plan shipped with the bot (copied beside the tests) and temporary files for malformed variants.</summary>
public static class TestFiles
{
    public static string BundledPlan { get; } =
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "dialogs", "plan"), "*.md").Single();

    /// <summary>A temporary file that deletes itself.</summary>
    public sealed class TemporaryFile : IDisposable
    {
        public TemporaryFile(string text, string extension = ".md")
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"pcgdbot-{Guid.NewGuid():N}{extension}");
            File.WriteAllText(Path, text);
        }

        public string Path { get; }

        public void Dispose() => File.Delete(Path);
    }
}
