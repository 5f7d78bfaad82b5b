using PcgdBot.Host.CommandLine;
using PcgdBot.Host.Tests.Support;

namespace PcgdBot.Host.Tests.CommandLine;

/// <summary>How the command line is read: sub-commands, serve as the default, usage on mistakes.</summary>
public sealed class CommandLineUsageTests
{
    private static readonly CliConsole NoConsole = new(TextReader.Null, TextWriter.Null, TextWriter.Null);

    [Fact]
    public async Task An_unknown_sub_command_exits_non_zero_with_a_usage_message()
    {
        var result = await CommandLineRun.RunAsync(["frobnicate"]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Unrecognized command or argument 'frobnicate'", result.Error);
        Assert.Contains("Usage:", result.Output + result.Error);
    }

    [Theory]
    [InlineData("ask", "--bogus", "câu hỏi")]
    [InlineData("chat", "--bogus")]
    [InlineData("plan", "check", "--bogus")]
    [InlineData("--bogus")]
    public async Task An_unknown_option_exits_non_zero_with_a_usage_message(params string[] args)
    {
        var result = await CommandLineRun.RunAsync(args);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--bogus", result.Error);
        Assert.Contains("Usage:", result.Output + result.Error);
    }

    [Fact]
    public async Task Help_lists_every_sub_command()
    {
        var result = await CommandLineRun.RunAsync(["--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.All(["serve", "chat", "ask", "plan"], command => Assert.Contains(command, result.Output));
    }

    [Fact]
    public void Asp_net_settings_alone_as_webapplicationfactory_passes_them_mean_serve()
    {
        var root = PcgdBotCommandLine.CreateRootCommand(NoConsole);

        var parsed = root.Parse(["--environment=Development", "--contentRoot=/work/main/src/PcgdBot.Host", "--applicationName=PcgdBot.Host"]);

        Assert.Empty(parsed.Errors);
        Assert.Same(root, parsed.CommandResult.Command);
        Assert.Equal(["--environment=Development", "--contentRoot=/work/main/src/PcgdBot.Host", "--applicationName=PcgdBot.Host"], parsed.GetRequiredValue<string[]>("host-settings"));
    }

    [Fact]
    public void Serve_takes_its_content_option_and_passes_space_separated_asp_net_settings_through()
    {
        var parsed = PcgdBotCommandLine.CreateRootCommand(NoConsole).Parse(["serve", "--urls", "http://127.0.0.1:5000", "--content", "/srv/dialogs", "--Bot:PlanFile=plan.md"]);

        Assert.Empty(parsed.Errors);
        Assert.Equal("serve", parsed.CommandResult.Command.Name);
        Assert.Equal("/srv/dialogs", parsed.GetValue<string?>("--content"));
        Assert.Equal(["--urls", "http://127.0.0.1:5000", "--Bot:PlanFile=plan.md"], parsed.GetRequiredValue<string[]>("host-settings"));
    }

    [Theory]
    [InlineData("--environment=Development")]
    [InlineData("--urls", "http://+:5000")]
    [InlineData("--Bot:ContentDirectory=/srv/dialogs", "--urls=http://+:5000")]
    public void Asp_net_style_settings_are_recognised(params string[] tokens) =>
        Assert.Null(HostSettingArguments.FindUnrecognized(tokens));

    [Theory]
    [InlineData("frobnicate", "frobnicate")]
    [InlineData("--verbose", "--verbose")]
    [InlineData("--urls", "--urls", "--environment=Development")]
    [InlineData("-x", "-x")]
    [InlineData("---x=1", "---x=1")]
    public void Anything_else_is_unrecognised(string expected, params string[] tokens) =>
        Assert.Equal(expected, HostSettingArguments.FindUnrecognized(tokens));

    [Fact]
    public async Task Serve_refuses_to_start_and_exits_1_when_the_content_folder_is_missing()
    {
        using var error = new StringWriter();

        var exitCode = await ServeCommand.RunAsync(
            new ServeSettings(["--urls=http://127.0.0.1:0"], "/no/such/folder"),
            new CliConsole(TextReader.Null, TextWriter.Null, error),
            CancellationToken.None);

        Assert.Equal(1, exitCode);
    }
}
