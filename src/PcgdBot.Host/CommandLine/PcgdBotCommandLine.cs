using System.CommandLine;

namespace PcgdBot.Host.CommandLine;

/// <summary>The program's sub-commands: serve (default), chat, ask, invite, zalo set-token, plan check, report.</summary>
public static class PcgdBotCommandLine
{
    public static RootCommand CreateRootCommand(CliConsole console)
    {
        var root = new RootCommand("PcgdBot: a Vietnamese chat bot answering questions about the district's education plan (phổ cập giáo dục).");

        // No sub-command means serve, so "dotnet PcgdBot.Host.dll" and WebApplicationFactory start the web host.
        ServeCommand.Configure(root, console);
        root.Add(ServeCommand.Create(console));
        root.Add(ChatCommand.Create(console));
        root.Add(AskCommand.Create(console));
        root.Add(InviteCommand.Create(console));
        root.Add(ZaloCommand.Create(console));
        root.Add(PlanCheckCommand.Create(console));
        root.Add(BackupCommand.Create(console));
        root.Add(BackupCommand.CreateRestore(console));
        root.Add(DoctorCommand.Create(console));
        root.Add(DoctorCommand.CreateStatus(console));
        root.Add(ReportCommand.Create(console));
        return root;
    }

    public static Task<int> InvokeAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        var invocation = new InvocationConfiguration
        {
            Output = console.Out,
            Error = console.Error,
            // Commands report expected failures themselves; anything else (including the HostAbortedException
            // that tools such as dotnet-ef use to stop the host) must reach the caller unchanged.
            EnableDefaultExceptionHandler = false,
            // The web host handles Ctrl+C / SIGTERM with a graceful shutdown; chat and ask simply end.
            ProcessTerminationTimeout = null,
        };
        return CreateRootCommand(console).Parse(args).InvokeAsync(invocation, cancellationToken);
    }
}
