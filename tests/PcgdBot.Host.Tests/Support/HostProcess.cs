using System.Diagnostics;
using System.Text;
using System.Threading.Channels;

namespace PcgdBot.Host.Tests.Support;

/// <summary>
/// The built program as a real child process with UTF-8 pipes, driven line by line: write a message, read the
/// replies as they come, kill it (SIGKILL) at any moment.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    // The host's dll, runtimeconfig and deps are copied beside the tests, and so is the bundled content.
    public static readonly string HostDll = Path.Combine(AppContext.BaseDirectory, "PcgdBot.Host.dll");

    private readonly Process process;
    private readonly Channel<string> lines = Channel.CreateUnbounded<string>();
    private readonly StringBuilder error = new();
    private readonly Task pump;

    private HostProcess(Process process)
    {
        this.process = process;
        pump = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                await lines.Writer.WriteAsync(line);
            }

            lines.Writer.Complete();
        });
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (error)
                {
                    error.AppendLine(e.Data);
                }
            }
        };
        process.BeginErrorReadLine();
    }

    public string Error
    {
        get
        {
            lock (error)
            {
                return error.ToString();
            }
        }
    }

    public static HostProcess Start(params string[] args)
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
        return new HostProcess(Process.Start(start)!);
    }

    /// <summary>Runs the program to its end with the given input; returns exit code, output and errors.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string standardInput, params string[] args)
    {
        await using var host = Start(args);
        await host.process.StandardInput.WriteAsync(standardInput);
        host.process.StandardInput.Close();
        var output = new StringBuilder();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await foreach (var line in host.lines.Reader.ReadAllAsync(timeout.Token))
        {
            output.AppendLine(line);
        }

        await host.process.WaitForExitAsync(timeout.Token);
        return (host.process.ExitCode, output.ToString(), host.Error);
    }

    public async Task SendAsync(string message)
    {
        await process.StandardInput.WriteLineAsync(message);
        await process.StandardInput.FlushAsync();
    }

    /// <summary>The replies to one message: the lines up to the blank line that ends a turn; null when the process ended.</summary>
    public async Task<string?> ReadTurnAsync(CancellationToken cancellationToken)
    {
        var turn = new StringBuilder();
        while (await lines.Reader.WaitToReadAsync(cancellationToken))
        {
            var line = await lines.Reader.ReadAsync(cancellationToken);
            if (line.Length == 0)
            {
                return turn.ToString();
            }

            turn.AppendLine(line);
        }

        return null;
    }

    /// <summary>SIGKILL: no shutdown code runs, as when the machine loses power or the process is OOM-killed.</summary>
    public void KillHard()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        KillHard();
        await process.WaitForExitAsync();
        try
        {
            await pump;
        }
        catch (IOException)
        {
            // The pipe closed under the reader when the process was killed.
        }

        process.Dispose();
    }
}
