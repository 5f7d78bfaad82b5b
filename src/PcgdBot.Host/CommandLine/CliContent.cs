using PcgdBot.Answers;
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
        catch (PlanFormatException error)
        {
            console.Error.WriteLine(Describe(error));
            return null;
        }
        catch (TemplateException error)
        {
            console.Error.WriteLine($"{error.FileName}:{error.Line}: {error.Reason}");
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

    /// <summary>"FILE:LINE: reason", the form editors and CI logs turn into a link.</summary>
    public static string Describe(PlanFormatException error, string? fileName = null) =>
        $"{fileName ?? error.FileName}:{error.Line}: {error.Reason}";
}
