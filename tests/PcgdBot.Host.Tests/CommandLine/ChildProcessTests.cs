using PcgdBot.Host.Tests.Support;

namespace PcgdBot.Host.Tests.CommandLine;

/// <summary>The built program as a real process: UTF-8 pipes, exit codes, per-line output.</summary>
public sealed class ChildProcessTests
{
    [Fact]
    public async Task Ask_json_in_a_child_process_answers_piped_utf8_questions_with_utf8_json_lines()
    {
        var result = await RunAsync("Ai chủ trì tham mưu tuyển dụng giáo viên?\nMục tiêu huy động trẻ 3-5 tuổi đi học mẫu giáo đến năm 2030 là bao nhiêu?\n", "ask", "--json");

        Assert.True(result.ExitCode == 0, $"exit code {result.ExitCode}: {result.Error}");
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(2, lines.Length);
        var first = AskJson.Parse(lines[0]);
        Assert.Equal("Ai chủ trì tham mưu tuyển dụng giáo viên?", first.Question);
        Assert.Contains("Phòng Nội vụ", first.Answer);
        Assert.Contains("98%", AskJson.Parse(lines[1]).Answer);
    }

    [Fact]
    public async Task An_unknown_sub_command_in_a_child_process_exits_non_zero_with_usage()
    {
        var result = await RunAsync("", "frobnicate");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("frobnicate", result.Error);
        Assert.Contains("Usage:", result.Output + result.Error);
    }

    private static Task<(int ExitCode, string Output, string Error)> RunAsync(string standardInput, params string[] args) =>
        HostProcess.RunAsync(standardInput, args);
}
