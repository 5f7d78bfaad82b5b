namespace PcgdBot.Storage.Tests;

/// <summary>The data file is locked by its inode: another path to the same file (a hard link) is refused too.</summary>
public sealed class DataFileLockTests
{
    [SkippableFact]
    public void A_hard_link_to_an_open_data_file_cannot_be_opened_while_the_first_is_open()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "the inode lock is a Linux open-file-description lock");
        using var folder = new TemporaryFolder();
        var path = folder.File("a/bot.db");
        using (var first = PcgdBotDatabase.Open(path))
        {
            new DocumentStore(first).Write("k", "{}", null);
            var link = folder.File("b/link.db");
            Directory.CreateDirectory(Path.GetDirectoryName(link)!);
            HardLink(path, link);

            var error = Assert.Throws<DatabaseUnavailableException>(() => PcgdBotDatabase.Open(link, SchemaMigrations.Migrations, TimeSpan.FromMilliseconds(300)).Dispose());

            Assert.Contains("đang được một tiến trình PcgdBot khác sử dụng", error.Message);
        }

        // Closed: the link opens, and it is the same data.
        using var second = PcgdBotDatabase.Open(folder.File("b/link.db"));
        Assert.NotNull(new DocumentStore(second).Read("k"));
    }

    internal static void HardLink(string existing, string link)
    {
        var start = new System.Diagnostics.ProcessStartInfo("ln") { ArgumentList = { existing, link } };
        using var process = System.Diagnostics.Process.Start(start)!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }
}
