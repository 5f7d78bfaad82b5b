using Xunit.Abstractions;

namespace PcgdBot.Answers.Tests;

public sealed class EvaluationTests(AnswerServiceFixture fixture, ITestOutputHelper output) : IClassFixture<AnswerServiceFixture>
{
    [Theory]
    [InlineData("qa-dev.tsv", 0.90)]
    [InlineData("qa-heldout.tsv", 0.85)]
    public void The_bot_answers_enough_rows_of_the_evaluation_set_right(string file, double required)
    {
        var set = EvaluationSet.Load(Path.Combine(AppContext.BaseDirectory, "Data", file));
        var failures = new List<string>();
        foreach (var row in set.Rows)
        {
            var answer = fixture.Service.Ask(row.Question);
            if (set.Judge(row, answer) is { } why)
            {
                failures.Add($"  line {row.Line}: {row.Question} → {why} [{answer.Kind}, {answer.Source}, {answer.Confidence:0.00}]");
            }
        }

        var score = (double)(set.Rows.Count - failures.Count) / set.Rows.Count;
        output.WriteLine($"{file}: {set.Rows.Count - failures.Count}/{set.Rows.Count} right ({score:P1})");
        failures.ForEach(output.WriteLine);
        Console.WriteLine($"{file}: {set.Rows.Count - failures.Count}/{set.Rows.Count} right ({score:P1})");
        Assert.True(score >= required, $"{file}: {score:P1} right, below {required:P0}:\n{string.Join('\n', failures)}");
    }
}
