using System.Diagnostics;
using System.Globalization;
using System.Text;
using PcgdBot.Conversations;
using PcgdBot.Conversations.Routing;
using PcgdBot.Answers;
using PcgdBot.Dialogs.Understanding;
using PcgdBot.Plan;

namespace PcgdBot.Benchmarks;

/// <summary>
/// <c>startup [runs] [host.dll]</c>: start-up measured in cold processes, <paramref name="runs"/> times each, median and max:
/// <list type="number">
/// <item>in a fresh process of this program (<c>startup-probe whole</c>): the whole content load (plan, index, dialogs,
/// templates, with the classifier trained on the second core as the bot does it), the first plan answer and the first
/// routed message; then, in another fresh process (<c>startup-probe phases</c>), each part of the load alone, in turn
/// (indented), to see where the time goes;</item>
/// <item>end to end, as people and scripts meet it: <c>PcgdBot.Host ask --json</c> started, one question written, wall
/// time until its JSON line is read, and the CPU time the process used until then.</item>
/// </list>
/// The machine is shared: the CPU time is the steadier figure when the wall time is noisy.
/// </summary>
public static class StartupBench
{
    private const string Question = "Ai chủ trì tham mưu tuyển dụng giáo viên?";

    public static async Task<int> RunAsync(int runs, string? hostDll)
    {
        var probes = new List<Dictionary<string, double>>();
        for (var run = 0; run < runs * 2; run++)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
            start.ArgumentList.Add(typeof(StartupBench).Assembly.Location);
            start.ArgumentList.Add("startup-probe");
            start.ArgumentList.Add(run % 2 == 0 ? "whole" : "phases");
            using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the probe");
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                Console.Error.WriteLine($"the probe failed: {output}");
                return 1;
            }

            var values = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line.Split('='))
                .ToDictionary(p => p[0], p => double.Parse(p[1], CultureInfo.InvariantCulture));
            if (run % 2 == 0)
            {
                probes.Add(values);
            }
            else
            {
                foreach (var (key, value) in values)
                {
                    probes[^1][key] = value;
                }
            }
        }

        Console.WriteLine($"cold process phases, {runs} runs (median / max ms):");
        foreach (var phase in probes[0].Keys)
        {
            Print(phase, probes.Select(p => p[phase]).ToList());
        }

        hostDll ??= AskThroughputBench.FindHostDll();
        var wall = new List<double>();
        var cpu = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var (elapsed, processor) = await FirstAnswerAsync(hostDll);
            if (elapsed is null)
            {
                return 1;
            }

            wall.Add(elapsed.Value);
            cpu.Add(processor);
        }

        Console.WriteLine($"PcgdBot.Host ask --json, process start to first JSON line, {runs} runs (median / max ms):");
        Print("wall", wall);
        Print("cpu (user+sys)", cpu);
        return 0;
    }

    /// <summary>
    /// The child, in a process that has run nothing else. "whole": the content load as the bot does it (training on the
    /// second core), then the first answer and the first routed message. "phases": each part of the load alone, in turn.
    /// </summary>
    public static int Probe(string mode)
    {
        var directory = PcgdBotContent.DefaultDirectory;
        var lines = new StringBuilder();
        void Line(string name, double ms) => lines.Append(CultureInfo.InvariantCulture, $"{name}={ms:0.0}\n");
        var clock = Stopwatch.StartNew();
        double Lap()
        {
            var ms = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            return ms;
        }

        if (mode == "phases")
        {
            var examples = IntentExamples.Load(directory, IntentNames.Required);
            Line("  nlu examples read", Lap());
            var classifier = IntentClassifier.Train(examples);
            Line("  classifier training (3 fits + calibration)", Lap());
            _ = IntentClassifier.Train(examples);
            Line("  classifier training again (jitted)", Lap());
            Line("  classifier epochs (final model)", classifier.Epochs);
            var lexicon = Lexicon.Load(directory);
            Line("  lexicon", Lap());
            var plan = PlanParser.Load(Directory.GetFiles(Path.Combine(directory, PcgdBotContent.PlanFolder)).Single(), lexicon);
            Line("  plan parsed", Lap());
            var replies = ReplyTemplates.Load(directory);
            Line("  reply templates", Lap());
            using var answers = new AnswerService(plan, lexicon, replies);
            Line("  answer index", Lap());
            return classifier.Intents.Count > 0 && Write(lines) ? 0 : 1;
        }

        Line("runtime start to Main", (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds);
        clock.Restart();
        using var content = PcgdBotContent.Load(directory);
        var load = Lap();
        Line("content load (training on the second core)", load);
        var answer = content.Answers.Ask(Question);
        var first = Lap();
        Line("first plan answer", first);
        var route = content.Router.Idle("dạ em muốn báo cáo tiến độ ạ");
        var routed = Lap();
        Line("first routed message", routed);
        Line("load + first answer + first routed message", load + first + routed);
        if (answer.Text.Length == 0 || route.Intent != IntentNames.StatusUpdate)
        {
            Console.WriteLine($"unexpected: {answer.Text} / {route.Intent}");
            return 1;
        }

        return Write(lines) ? 0 : 1;
    }

    private static bool Write(StringBuilder lines)
    {
        Console.Write(lines.ToString());
        return true;
    }

    private static async Task<(double? Wall, double Cpu)> FirstAnswerAsync(string hostDll)
    {
        var start = AskThroughputBench.AskJsonProcess(hostDll);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the host");
        _ = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteLineAsync(Question);
        await process.StandardInput.FlushAsync();
        var line = await process.StandardOutput.ReadLineAsync();
        var wall = clock.Elapsed.TotalMilliseconds;
        process.Refresh();
        var cpu = process.TotalProcessorTime.TotalMilliseconds;
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        if (line is null || !line.StartsWith('{'))
        {
            Console.Error.WriteLine($"the host gave no answer: {line}");
            return (null, 0);
        }

        return (wall, cpu);
    }

    private static void Print(string name, List<double> values)
    {
        var sorted = values.Order().ToList();
        var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-45} {median,7:0} / {sorted[^1],7:0}   (min {sorted[0]:0})"));
    }
}
