using System.Text.RegularExpressions;
using PcgdBot.Host.Tests.Support;

namespace PcgdBot.Host.Tests.CommandLine;

public sealed class PlanCheckCommandTests
{
    [Fact]
    public async Task Plan_check_on_the_bundled_plan_reports_units_duties_and_deadlines_and_exits_0()
    {
        var result = await CommandLineRun.RunAsync(["plan", "check", TestFiles.BundledPlan]);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("Phòng Nội vụ", result.Output);
        Assert.Contains("IV.19", result.Output);
        Assert.Contains("10/12", result.Output);
        Assert.Contains("Đơn vị (units)", result.Output);
        Assert.Contains("chủ trì (lead)", result.Output);
        Assert.Contains("29-CT/TW", result.Output);
        Assert.Equal("", result.Error);
    }

    [Fact]
    public async Task Plan_check_on_a_duty_bullet_before_any_section_of_part_IV_prints_file_line_reason_and_exits_1()
    {
        var lines = File.ReadAllLines(TestFiles.BundledPlan).ToList();
        var partFour = lines.FindIndex(line => line.Contains("IV. TỔ CHỨC THỰC HIỆN", StringComparison.Ordinal));
        lines.InsertRange(partFour + 1, ["", "- Chủ trì, phối hợp với các đơn vị liên quan tổ chức thực hiện kế hoạch."]);
        using var plan = new TestFiles.TemporaryFile(string.Join('\n', lines));

        var result = await CommandLineRun.RunAsync(["plan", "check", plan.Path]);

        Assert.Equal(1, result.ExitCode);
        Assert.Matches($"^{Regex.Escape(plan.Path)}:\\d+: \\S", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public async Task Plan_check_on_a_part_IV_without_numbered_sections_exits_1_without_a_stack_trace()
    {
        var text = File.ReadAllText(TestFiles.BundledPlan);
        var withoutSections = Regex.Replace(text, @"^#+ \*\*\d+\. (.+?)\*\*$", "$1", RegexOptions.Multiline);
        Assert.NotEqual(text, withoutSections);
        using var plan = new TestFiles.TemporaryFile(withoutSections);

        var result = await CommandLineRun.RunAsync(["plan", "check", plan.Path]);

        Assert.Equal(1, result.ExitCode);
        Assert.Matches($"^{Regex.Escape(plan.Path)}:\\d+: ", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public async Task Plan_check_on_a_missing_file_says_so_and_exits_non_zero()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-plan-{Guid.NewGuid():N}.md");

        var result = await CommandLineRun.RunAsync(["plan", "check", missing]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(missing, result.Error);
        Assert.Contains("not found", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }
}
