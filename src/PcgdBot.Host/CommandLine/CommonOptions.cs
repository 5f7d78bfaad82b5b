using System.CommandLine;
using PcgdBot.Conversations;

namespace PcgdBot.Host.CommandLine;

/// <summary>Options shared by several sub-commands; each command gets its own instance.</summary>
internal static class CommonOptions
{
    public static Option<string> ContentDirectory() => new("--content")
    {
        Description = "The content folder (plan, reply templates).",
        HelpName = "DIR",
        DefaultValueFactory = _ => PcgdBotContent.DefaultDirectory,
    };

    public static Option<string> Database() => new("--db")
    {
        Description = "The LiteDB file with people, status updates and conversation state (created when missing).",
        HelpName = "PATH",
        DefaultValueFactory = _ => Storage.PcgdBotDatabase.DefaultPath,
    };

    /// <summary>
    /// System.CommandLine hands an unknown "--option" to an argument as its value; a question or file name never
    /// starts with "--", so report it as the unknown option it is (with the usage) instead.
    /// </summary>
    public static TArgument RejectingUnknownOptions<TArgument>(this TArgument argument)
        where TArgument : Argument
    {
        argument.Validators.Add(result =>
        {
            if (result.Tokens.FirstOrDefault(token => token.Value.StartsWith("--", StringComparison.Ordinal)) is { } option)
            {
                result.AddError($"Unrecognized command or argument '{option.Value}'.");
            }
        });
        return argument;
    }
}
