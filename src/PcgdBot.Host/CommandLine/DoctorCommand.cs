using System.CommandLine;
using PcgdBot.Host.Operations;
using PcgdBot.Host.Web;
using PcgdBot.Storage;

namespace PcgdBot.Host.CommandLine;

/// <summary>
/// <c>doctor [--db PATH] [--content DIR] [--key=value …]</c>: checks the settings the service would run with and prints
/// OK / CẢNH BÁO / LỖI lines; exit code 1 when there is an error. <c>status [--db PATH]</c>: the day's numbers.
/// </summary>
public static class DoctorCommand
{
    public static Command Create(CliConsole console)
    {
        var hostArguments = new Argument<string[]>("settings") { Description = "Settings as --key=value (as for serve).", Arity = ArgumentArity.ZeroOrMore, Hidden = true };
        hostArguments.Validators.Add(result =>
        {
            if (HostSettingArguments.FindUnrecognized([.. result.Tokens.Select(token => token.Value)]) is { } unrecognized)
            {
                result.AddError($"Unrecognized command or argument '{unrecognized}'.");
            }
        });
        var content = new Option<string?>("--content") { Description = "The content folder; overrides Bot:ContentDirectory.", HelpName = "DIR" };
        var database = new Option<string?>("--db") { Description = "The data file; overrides Bot:DatabasePath.", HelpName = "PATH" };
        var command = new Command("doctor", "Check settings, platforms, data file, disk, clock and content; prints OK / CẢNH BÁO / LỖI lines.") { hostArguments, content, database };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetValue(hostArguments) ?? [], parseResult.GetValue(content), parseResult.GetValue(database), console, cancellationToken));
        return command;
    }

    public static Command CreateStatus(CliConsole console)
    {
        var database = CommonOptions.Database();
        var command = new Command("status", "Print the number of people, status updates, outbox messages waiting and the last backup.") { database };
        command.SetAction(parseResult => Status(parseResult.GetRequiredValue(database), console));
        return command;
    }

    public static async Task<int> RunAsync(string[] settings, string? contentDirectory, string? databasePath, CliConsole console, CancellationToken cancellationToken)
    {
        // The same configuration sources as serve (appsettings.json, environment, arguments); nothing is started.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = settings });
        var configuration = builder.Configuration;
        var options = configuration.GetSection(PcgdBotOptions.SectionName).Get<PcgdBotOptions>() ?? new PcgdBotOptions();
        var root = builder.Environment.ContentRootPath;
        var subject = new DoctorSubject(
            configuration,
            Path.GetFullPath(databasePath ?? options.DatabasePath, root),
            Path.GetFullPath(contentDirectory ?? options.ContentDirectory, root),
            options.PlanFile is { Length: > 0 } plan ? Path.GetFullPath(plan, root) : null);

        var report = await DoctorChecks.RunAsync(subject, cancellationToken);
        foreach (var line in report.Lines)
        {
            await console.Out.WriteLineAsync(line.ToString());
        }

        await console.Out.WriteLineAsync(report.Summary());
        return report.HasErrors ? ExitCodes.InvalidInput : ExitCodes.Success;
    }

    public static int Status(string databasePath, CliConsole console)
    {
        try
        {
            using var database = PcgdBotDatabase.Open(Path.GetFullPath(databasePath));
            foreach (var line in StatusReport.Read(database, TimeProvider.System).Lines())
            {
                console.Out.WriteLine(line);
            }

            return ExitCodes.Success;
        }
        catch (DatabaseException error)
        {
            console.Error.WriteLine(error.Message);
            return ExitCodes.InvalidInput;
        }
    }
}
