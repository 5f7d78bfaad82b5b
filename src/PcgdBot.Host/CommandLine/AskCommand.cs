using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using PcgdBot.Answers;
using PcgdBot.Plan;

namespace PcgdBot.Host.CommandLine;

/// <summary>What <c>ask</c> was asked to do.</summary>
/// <param name="Question">One question; when null the questions are read from stdin, one per line (blank lines skipped).</param>
/// <param name="Json">Write one JSON object per answer and line instead of the reply text.</param>
public sealed record AskSettings(string? Question, bool Json, string ContentDirectory);

/// <summary>One line of <c>ask --json</c>: the answer in a form scripts (evaluations, benchmarks) can read.</summary>
public sealed record AskJsonLine(string Question, string Answer, IReadOnlyList<AskJsonUnit> Units, string? Source, double Confidence)
{
    public static AskJsonLine From(Answer answer) => new(
        answer.Question,
        answer.Text,
        [.. answer.Units.Select(unit => new AskJsonUnit(unit.Name, unit.Role == UnitRole.Lead ? "lead" : "support"))],
        answer.Source,
        double.IsFinite(answer.Confidence) ? Math.Clamp(Math.Round(answer.Confidence, 4), 0, 1) : 0);
}

/// <param name="Role">"lead" (chủ trì) or "support" (phối hợp).</param>
public sealed record AskJsonUnit(string Name, string Role);

/// <summary><c>ask ["question"] [--json] [--content DIR]</c>: answers questions with the answer engine alone (no conversation).</summary>
public static class AskCommand
{
    // Vietnamese stays readable in the output: only what JSON itself requires is escaped.
    private static readonly JsonSerializerOptions JsonLineOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create(CliConsole console)
    {
        var question = new Argument<string?>("question")
        {
            Description = "The question. Without it, questions are read from stdin, one per line.",
            Arity = ArgumentArity.ZeroOrOne,
        }.RejectingUnknownOptions();
        var json = new Option<bool>("--json")
        {
            Description = "Write one JSON object per question and line: question, answer, units (name, role lead|support), source, confidence.",
        };
        var content = CommonOptions.ContentDirectory();
        var command = new Command("ask", "Answer questions about the plan (answer engine only, no conversation).") { question, json, content };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            new AskSettings(parseResult.GetValue(question), parseResult.GetValue(json), parseResult.GetRequiredValue(content)),
            console,
            cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(AskSettings settings, CliConsole console, CancellationToken cancellationToken)
    {
        using var content = CliContent.TryLoad(settings.ContentDirectory, console);
        if (content is null)
        {
            return ExitCodes.InvalidInput;
        }

        var questions = settings.Question is { } single
            ? new[] { single.Trim() }.ToAsyncEnumerable()
            : CliInput.ReadNonBlankLinesAsync(console.In, cancellationToken);
        var first = true;
        await foreach (var question in questions.WithCancellation(cancellationToken))
        {
            var answer = content.Answers.Ask(question);
            if (settings.Json)
            {
                await console.Out.WriteLineAsync(JsonSerializer.Serialize(AskJsonLine.From(answer), JsonLineOptions).AsMemory(), cancellationToken);
            }
            else
            {
                // A blank line between answers keeps several multi-line answers apart.
                if (!first)
                {
                    await console.Out.WriteLineAsync();
                }

                await console.Out.WriteLineAsync(answer.Text.AsMemory(), cancellationToken);
            }

            // Flushed per answer so a script reading the pipe gets each line as soon as it is ready.
            await console.Out.FlushAsync(cancellationToken);
            first = false;
        }

        return ExitCodes.Success;
    }
}
