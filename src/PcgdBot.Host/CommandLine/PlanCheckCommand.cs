using System.CommandLine;
using PcgdBot.Conversations;
using PcgdBot.Plan;

namespace PcgdBot.Host.CommandLine;

/// <summary>What <c>plan check</c> was asked to do.</summary>
/// <param name="ContentDirectory">The content folder whose lexicon (abbreviations, unit aliases) the parser uses, as the bot does.</param>
public sealed record PlanCheckSettings(string File, string ContentDirectory);

/// <summary><c>plan check FILE [--content DIR]</c>: parses a plan and reports what the bot will know from it, or where the file is malformed.</summary>
public static class PlanCheckCommand
{
    public static Command Create(CliConsole console)
    {
        var file = new Argument<string>("FILE") { Description = "The plan file (Markdown-like text of the district's plan)." }.RejectingUnknownOptions();
        var content = CommonOptions.ContentDirectory();
        content.Description = "The content folder whose lexicon (abbreviations, unit aliases) is used to read the plan, as the bot does.";
        var check = new Command("check", "Parse a plan file and print what the bot reads from it; exit code 1 and FILE:LINE: reason when it is malformed.") { file, content };
        check.SetAction(parseResult => Run(new PlanCheckSettings(parseResult.GetRequiredValue(file), parseResult.GetRequiredValue(content)), console));
        return new Command("plan", "Work with plan files.") { check };
    }

    public static int Run(PlanCheckSettings settings, CliConsole console)
    {
        var file = settings.File;
        if (!File.Exists(file))
        {
            console.Error.WriteLine($"{file}: không tìm thấy tệp (file not found).");
            return ExitCodes.InvalidInput;
        }

        if (LoadLexicon(settings.ContentDirectory, console) is not { } lexicon)
        {
            return ExitCodes.InvalidInput;
        }

        PlanDocument plan;
        try
        {
            plan = PlanParser.Load(file, lexicon);
        }
        catch (PlanFormatException error)
        {
            // The path as the user typed it, so the message points at the file they meant.
            console.Error.WriteLine(CliContent.Describe(error, file));
            return ExitCodes.InvalidInput;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"{file}: không đọc được tệp (cannot read file): {error.Message}");
            return ExitCodes.InvalidInput;
        }

        PlanReport.Write(plan, file, console.Out);
        console.Out.Flush();
        return ExitCodes.Success;
    }

    /// <returns>The folder's lexicon; an empty one when the default folder is absent (the plan still parses); null after reporting an error.</returns>
    private static Lexicon? LoadLexicon(string contentDirectory, CliConsole console)
    {
        if (!Directory.Exists(contentDirectory))
        {
            if (contentDirectory == PcgdBotContent.DefaultDirectory)
            {
                return Lexicon.Empty;
            }

            console.Error.WriteLine($"{contentDirectory}: không tìm thấy thư mục nội dung (content folder not found).");
            return null;
        }

        try
        {
            return Lexicon.Load(contentDirectory);
        }
        catch (PlanFormatException error)
        {
            console.Error.WriteLine(CliContent.Describe(error, Path.Combine(contentDirectory, error.FileName)));
            return null;
        }
    }
}
