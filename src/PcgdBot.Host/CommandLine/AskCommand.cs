using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using PcgdBot.Answers;
using PcgdBot.Plan;

namespace PcgdBot.Host.CommandLine;

/// <summary>What <c>ask</c> was asked to do.</summary>
/// <param name="Question">One question; when null the questions are read from stdin, one per line (blank lines skipped).</param>
/// <param name="Json">Write one JSON object per answer and line instead of the reply text.</param>
/// <param name="UserId">Ask as this registered person (a <c>chat --user</c> id): questions about reported data are then answered from <paramref name="DatabasePath"/>.</param>
public sealed record AskSettings(string? Question, bool Json, string ContentDirectory, string? UserId = null, string? DatabasePath = null);

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

/// <summary>
/// <c>ask ["question"] [--json] [--content DIR] [--user ID --db PATH]</c>: answers questions with the answer engine
/// (no conversation); as a registered person, questions about reported data too.
/// </summary>
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
        var user = new Option<string?>("--user")
        {
            Description = "Ask as this registered person (the id used with chat --user): questions about reported data are answered from the database.",
            HelpName = "ID",
        };
        var database = CommonOptions.Database();
        var command = new Command("ask", "Answer questions about the plan, and with --user about reported data (no conversation).") { question, json, content, user, database };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            new AskSettings(parseResult.GetValue(question), parseResult.GetValue(json), parseResult.GetRequiredValue(content), parseResult.GetValue(user), parseResult.GetRequiredValue(database)),
            console,
            cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(AskSettings settings, CliConsole console, CancellationToken cancellationToken)
    {
        // The database is opened only to answer as a person: plain plan questions need no file.
        using var bot = settings.UserId is not null ? CliEngine.TryOpen(settings.ContentDirectory, settings.DatabasePath ?? Storage.PcgdBotDatabase.DefaultPath, console) : null;
        using var planOnly = bot is null && settings.UserId is null ? CliContent.TryLoad(settings.ContentDirectory, console) : null;
        var content = bot?.Content ?? planOnly;
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
            var fromReports = bot?.Engine.AnswerFromReports(question, ChatSettings.ChannelId, settings.UserId!);
            var line = fromReports is not null ? new AskJsonLine(question, fromReports, [], null, 1) : AskJsonLine.From(content.Answers.Ask(question));
            if (settings.Json)
            {
                await console.Out.WriteLineAsync(JsonSerializer.Serialize(line, JsonLineOptions).AsMemory(), cancellationToken);
            }
            else
            {
                // A blank line between answers keeps several multi-line answers apart.
                if (!first)
                {
                    await console.Out.WriteLineAsync();
                }

                await console.Out.WriteLineAsync(line.Answer.AsMemory(), cancellationToken);
            }

            // Flushed per answer so a script reading the pipe gets each line as soon as it is ready.
            await console.Out.FlushAsync(cancellationToken);
            first = false;
        }

        return ExitCodes.Success;
    }
}
