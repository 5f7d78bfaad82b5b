using PcgdBot.Conversations;
using PcgdBot.Plan;

namespace PcgdBot.Host.CommandLine;

/// <summary>Loads the bot's content for a command, turning content problems into one readable line on stderr.</summary>
internal static class CliContent
{
    /// <returns>The content, or null when it cannot be used (the reason has been written to <see cref="CliConsole.Error"/>).</returns>
    public static PcgdBotContent? TryLoad(string directory, CliConsole console)
    {
        try
        {
            return PcgdBotContent.Load(directory);
        }
        catch (ContentFileException error)
        {
            // A malformed plan, lexicon or template file: "FILE:LINE: reason".
            console.Error.WriteLine(error.Message);
            return null;
        }
        catch (ContentException error)
        {
            // Missing folder, missing or ambiguous plan document: the message names the path.
            console.Error.WriteLine(error.Message);
            return null;
        }
        catch (IOException error)
        {
            console.Error.WriteLine($"{directory}: không đọc được nội dung (cannot read content): {error.Message}");
            return null;
        }
    }

    /// <summary>"FILE:LINE: reason", the form editors and CI logs turn into a link, with the file named as the user knows it.</summary>
    public static string Describe(ContentFileException error, string fileName) => $"{fileName}:{error.Line}: {error.Reason}";
}
