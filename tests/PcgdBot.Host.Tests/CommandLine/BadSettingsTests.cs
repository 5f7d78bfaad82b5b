using PcgdBot.Host.CommandLine;

namespace PcgdBot.Host.Tests.CommandLine;

/// <summary>A setting the host cannot use ends the start with one line naming it (Vietnamese and English), no stack trace.</summary>
public sealed class BadSettingsTests
{
    [Theory]
    [InlineData("--Reporting:InviteValidity=abc", "Reporting:InviteValidity")]
    [InlineData("--Reporting:LinkCodeValidity=mãi mãi", "Reporting:LinkCodeValidity")]
    [InlineData("--Reporting:PeriodEnd=31/02", "Reporting:PeriodEnd")]
    [InlineData("--Reporting:InviteValidity=-1.00:00:00", "Reporting:InviteValidity")]
    [InlineData("--urls=not a url", "--urls")]
    public async Task Serve_with_a_bad_setting_exits_1_with_one_line_that_names_it(string setting, string named)
    {
        var folder = Path.Combine(Path.GetTempPath(), "pcgdbot-settings-" + Guid.NewGuid().ToString("N"));
        using var error = new StringWriter();

        var exitCode = await ServeCommand.RunAsync(
            new ServeSettings([setting.StartsWith("--urls", StringComparison.Ordinal) ? setting : "--urls=http://127.0.0.1:0", setting], null, Path.Combine(folder, "bot.db")),
            new CliConsole(TextReader.Null, TextWriter.Null, error),
            CancellationToken.None);

        var text = error.ToString().Trim();
        Assert.Equal(1, exitCode);
        Assert.Contains(named, text);
        Assert.Contains("Cấu hình không hợp lệ", text);
        Assert.DoesNotContain('\n', text);
        Assert.DoesNotContain("   at ", text);
    }
}
