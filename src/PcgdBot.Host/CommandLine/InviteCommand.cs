using System.CommandLine;
using PcgdBot.Storage.Reporting;

namespace PcgdBot.Host.CommandLine;

/// <summary>
/// <c>invite --unit "&lt;unit&gt;" --role focal|leader|coordinator [--member "&lt;commune or school&gt;"] [--db PATH]</c>:
/// creates a one-time invite code; the code is the last line of the output.
/// </summary>
public static class InviteCommand
{
    public static Command Create(CliConsole console)
    {
        var unit = new Option<string>("--unit")
        {
            Description = "The unit, by its name or a usual short name (\"Phòng GD&ĐT\", \"UBND các xã\", \"xã Mường So\").",
            HelpName = "UNIT",
            Required = true,
        };
        var role = new Option<string>("--role")
        {
            Description = "focal (cán bộ đầu mối), leader (lãnh đạo xã) or coordinator (Phòng GD&ĐT).",
            HelpName = "ROLE",
            Required = true,
        };
        role.AcceptOnlyFromAmong("focal", "leader", "coordinator");
        var member = new Option<string?>("--member")
        {
            Description = "The member of a collective unit: a commune or the town, a school, a border post.",
            HelpName = "MEMBER",
        };
        var database = CommonOptions.Database();
        var content = CommonOptions.ContentDirectory();
        var command = new Command("invite", "Create a one-time invite code for a unit and role; the code is printed on the last line.") { unit, role, member, database, content };
        command.SetAction((parseResult, _) => Task.FromResult(Run(
            parseResult.GetRequiredValue(unit),
            parseResult.GetRequiredValue(role),
            parseResult.GetValue(member),
            parseResult.GetRequiredValue(database),
            parseResult.GetRequiredValue(content),
            console)));
        return command;
    }

    public static int Run(string unit, string role, string? member, string databasePath, string contentDirectory, CliConsole console)
    {
        using var bot = CliEngine.TryOpen(contentDirectory, databasePath, console);
        if (bot is null)
        {
            return ExitCodes.InvalidInput;
        }

        var personRole = role switch
        {
            "leader" => PersonRole.Leader,
            "coordinator" => PersonRole.Coordinator,
            _ => PersonRole.Focal,
        };
        var outcome = bot.Engine.CreateInvite(unit, member, personRole, "cli:" + Environment.UserName);
        if (outcome.Code is null)
        {
            console.Error.WriteLine(outcome.Message);
            return ExitCodes.InvalidInput;
        }

        console.Out.WriteLine(outcome.Message);
        console.Out.WriteLine(outcome.Code);
        return ExitCodes.Success;
    }
}
