using PcgdBot.Host.CommandLine;

namespace PcgdBot.Host.Tests.Support;

/// <summary>What a command wrote and returned.</summary>
public sealed record CommandLineResult(int ExitCode, string Output, string Error);

/// <summary>Runs the program's command line in-process with piped stdin and captured stdout/stderr.</summary>
public static class CommandLineRun
{
    public static async Task<CommandLineResult> RunAsync(string standardInput, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var input = new StringReader(standardInput);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var exitCode = await PcgdBotCommandLine.InvokeAsync(args, new CliConsole(input, output, error), timeout.Token);
        return new CommandLineResult(exitCode, output.ToString(), error.ToString());
    }

    public static Task<CommandLineResult> RunAsync(string[] args) => RunAsync("", args);
}
