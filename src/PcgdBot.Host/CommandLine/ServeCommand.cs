using System.CommandLine;
using Microsoft.Extensions.Options;
using PcgdBot.Host.Web;

namespace PcgdBot.Host.CommandLine;

/// <summary>What <c>serve</c> was asked to do.</summary>
/// <param name="HostArguments">ASP.NET Core settings passed through to the web host ("--urls=…", "--environment=…").</param>
/// <param name="ContentDirectory">Overrides Bot:ContentDirectory when given.</param>
/// <param name="DatabasePath">Overrides Bot:DatabasePath when given.</param>
public sealed record ServeSettings(IReadOnlyList<string> HostArguments, string? ContentDirectory, string? DatabasePath = null);

/// <summary><c>serve [--content DIR] [--key=value …]</c>: the Bot Framework web host (also what runs when no sub-command is given).</summary>
public static class ServeCommand
{
    public const string Description = "Run the web host: Bot Framework endpoint POST /api/messages, GET /healthz. Default when no command is given. ASP.NET Core settings (--urls=…, --environment=…, --Bot:PlanFile=…) are passed through.";

    public static Command Create(CliConsole console) => Configure(new Command("serve", Description), console);

    /// <summary>Gives <paramref name="command"/> serve's arguments and action; used for <c>serve</c> and for the root command.</summary>
    public static TCommand Configure<TCommand>(TCommand command, CliConsole console)
        where TCommand : Command
    {
        var hostArguments = new Argument<string[]>("host-settings")
        {
            Description = "ASP.NET Core settings as --key=value.",
            Arity = ArgumentArity.ZeroOrMore,
            Hidden = true,
        };
        hostArguments.Validators.Add(result =>
        {
            if (HostSettingArguments.FindUnrecognized([.. result.Tokens.Select(token => token.Value)]) is { } unrecognized)
            {
                result.AddError($"Unrecognized command or argument '{unrecognized}'.");
            }
        });
        var content = new Option<string?>("--content")
        {
            Description = "The content folder (plan, reply templates); overrides the Bot:ContentDirectory setting.",
            HelpName = "DIR",
        };
        var database = new Option<string?>("--db")
        {
            Description = "The LiteDB file (people, status updates, conversation state); overrides the Bot:DatabasePath setting.",
            HelpName = "PATH",
        };
        command.Add(hostArguments);
        command.Add(content);
        command.Add(database);
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            new ServeSettings(parseResult.GetValue(hostArguments) ?? [], parseResult.GetValue(content), parseResult.GetValue(database)),
            console,
            cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(ServeSettings settings, CliConsole console, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateBuilder([.. settings.HostArguments]);
        if (settings.ContentDirectory is { } contentDirectory)
        {
            builder.Configuration.AddInMemoryCollection([new($"{PcgdBotOptions.SectionName}:{nameof(PcgdBotOptions.ContentDirectory)}", contentDirectory)]);
        }

        if (settings.DatabasePath is { } databasePath)
        {
            builder.Configuration.AddInMemoryCollection([new($"{PcgdBotOptions.SectionName}:{nameof(PcgdBotOptions.DatabasePath)}", Path.GetFullPath(databasePath))]);
        }

        builder.AddPcgdBot();
        await using var app = builder.Build();
        app.MapPcgdBot();
        try
        {
            // Checked here, before the host starts, so bad content ends in the logged reason and exit code 1
            // rather than the host's "Hosting failed to start" with a stack trace.
            // Every section validated at start (a malformed Telegram:Token…) is checked here too: one line, no stack trace.
            app.Services.GetService<IStartupValidator>()?.Validate();
            app.Services.GetRequiredService<ContentStartupCheck>().EnsureBotCanStart();
        }
        catch (BotStartupException)
        {
            return ExitCodes.InvalidInput;
        }
        catch (OptionsValidationException error)
        {
            await console.Error.WriteLineAsync($"Cấu hình không hợp lệ (invalid configuration): {string.Join(" ", error.Failures)}");
            return ExitCodes.InvalidInput;
        }
        catch (InvalidOperationException error) when (StartupErrors.BadSetting(error) is { } line)
        {
            await console.Error.WriteLineAsync(line);
            return ExitCodes.InvalidInput;
        }

        try
        {
            // The host handles Ctrl+C and SIGTERM itself and shuts down gracefully.
            await app.RunAsync(cancellationToken);
        }
        catch (Exception error) when (StartupErrors.CannotListen(error) is { } line)
        {
            await console.Error.WriteLineAsync(line);
            return ExitCodes.InvalidInput;
        }

        return ExitCodes.Success;
    }
}
