using System.Diagnostics;
using System.Text;

namespace PcgdBot.Host.Tests.CommandLine;

/// <summary>The built program as a real process: UTF-8 pipes, exit codes, per-line output.</summary>
public sealed class ChildProcessTests
{
    // The host's dll, runtimeconfig and deps are copied beside the tests, and so is the bundled content.
    private static readonly string HostDll = Path.Combine(AppContext.BaseDirectory, "PcgdBot.Host.dll");

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

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string standardInput, params string[] args)
    {
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = utf8,
            StandardOutputEncoding = utf8,
            StandardErrorEncoding = utf8,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(HostDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // A non-UTF-8 locale must not matter: the program sets its console encodings itself.
        start.Environment["LANG"] = "C";
        start.Environment["LC_ALL"] = "C";

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.StandardInput.WriteAsync(standardInput);
        process.StandardInput.Close();
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output, await error);
    }
}
