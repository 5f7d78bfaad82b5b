using System.Diagnostics;
using System.Text;

namespace PcgdBot.Benchmarks;

/// <summary>
/// <c>ask-throughput [n] [host.dll]</c>: starts <c>PcgdBot.Host ask --json</c> as its own process, as scripts use it, waits for
/// the answer to one question (start-up), then pipes <c>n</c> mixed questions (<see cref="AskQuestionMix"/>) and reads the
/// <c>n</c> JSON lines back. Prints start-up time and answers per second after start-up.
/// </summary>
public static class AskThroughputBench
{
    /// <summary>The host's <c>ask --json</c> as a process with its three streams redirected (UTF-8, no BOM on input).</summary>
    public static ProcessStartInfo AskJsonProcess(string hostDll)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(hostDll);
        start.ArgumentList.Add("ask");
        start.ArgumentList.Add("--json");
        return start;
    }

    public static async Task<int> RunAsync(int count, string? hostDll)
    {
        hostDll ??= FindHostDll();
        var questions = AskQuestionMix.Generate(count);
        var start = AskJsonProcess(hostDll);

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the host");
        _ = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteLineAsync("Ai chủ trì tham mưu tuyển dụng giáo viên?");
        await process.StandardInput.FlushAsync();
        var first = await process.StandardOutput.ReadLineAsync();
        var startup = clock.Elapsed;
        if (first is null || !first.StartsWith('{'))
        {
            Console.Error.WriteLine($"the host gave no answer: {first}");
            return 1;
        }

        clock.Restart();
        var writer = Task.Run(async () =>
        {
            foreach (var question in questions)
            {
                await process.StandardInput.WriteLineAsync(question);
            }

            process.StandardInput.Close();
        });
        var answered = 0;
        long bytes = 0;
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            answered++;
            bytes += line.Length;
        }

        var elapsed = clock.Elapsed;
        await writer;
        await process.WaitForExitAsync();
        if (answered != count)
        {
            Console.Error.WriteLine($"asked {count}, got {answered} answers (exit code {process.ExitCode})");
            return 1;
        }

        Console.WriteLine($"ask --json: start-up to first answer {startup.TotalMilliseconds:0} ms");
        Console.WriteLine($"ask --json: {count} questions in {elapsed.TotalMilliseconds:0} ms = {count / elapsed.TotalSeconds:0} answers/s (avg {bytes / count} chars per JSON line)");
        return 0;
    }

    /// <summary>The Release build of the host in this checkout, else the copy beside the benchmarks.</summary>
    public static string FindHostDll()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "src", "PcgdBot.Host", "bin", "Release", "net10.0", "PcgdBot.Host.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return Path.Combine(AppContext.BaseDirectory, "PcgdBot.Host.dll");
    }
}
