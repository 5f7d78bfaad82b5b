using PcgdBot.Conversations;
using PcgdBot.Storage;

namespace PcgdBot.Host.CommandLine;

/// <summary>The bot for a command-line run: content, database file and engine, opened together and closed together.</summary>
internal sealed class CliEngine : IDisposable
{
    private CliEngine(PcgdBotContent content, PcgdBotDatabase database, ChatEngine engine)
    {
        Content = content;
        Database = database;
        Engine = engine;
    }

    public PcgdBotContent Content { get; }

    public PcgdBotDatabase Database { get; }

    public ChatEngine Engine { get; }

    /// <returns>The engine, or null when the content or the database cannot be used (the reason is on stderr).</returns>
    public static CliEngine? TryOpen(string contentDirectory, string databasePath, CliConsole console, Reports.ReportSettings? reportSettings = null)
    {
        var content = CliContent.TryLoad(contentDirectory, console);
        if (content is null)
        {
            return null;
        }

        PcgdBotDatabase? database = null;
        try
        {
            database = PcgdBotDatabase.Open(Path.GetFullPath(databasePath));
            return new CliEngine(content, database, new ChatEngine(content, database, TimeProvider.System, reportSettings: reportSettings));
        }
        catch (DatabaseException error)
        {
            console.Error.WriteLine(error.Message);
            content.Dispose();
            return null;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"{databasePath}: không mở được tệp dữ liệu (cannot open the database): {error.Message}");
            database?.Dispose();
            content.Dispose();
            return null;
        }
    }

    public void Dispose()
    {
        Database.Dispose();
        Content.Dispose();
    }
}
