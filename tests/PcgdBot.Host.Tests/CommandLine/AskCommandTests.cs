using System.Text.Json;
using PcgdBot.Host.Tests.Support;

namespace PcgdBot.Host.Tests.CommandLine;

public sealed class AskCommandTests
{
    private const string RecruitmentQuestion = "Ai chủ trì tham mưu tuyển dụng giáo viên?";
    private const string DeadlineQuestion = "Hạn nộp báo cáo hằng năm về phòng Giáo dục là khi nào?";

    [Fact]
    public async Task Ask_prints_the_answer_text_for_one_question()
    {
        var result = await CommandLineRun.RunAsync(["ask", RecruitmentQuestion]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Phòng Nội vụ", result.Output);
        Assert.Equal("", result.Error);
    }

    [Fact]
    public async Task Ask_json_answers_each_line_of_stdin_with_one_json_object_in_order()
    {
        var result = await CommandLineRun.RunAsync($"{RecruitmentQuestion}\n\n{DeadlineQuestion}\n", "ask", "--json");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Collection(
            lines,
            line =>
            {
                var answer = AskJson.Parse(line);
                Assert.Equal(RecruitmentQuestion, answer.Question);
                Assert.Contains("Phòng Nội vụ", answer.Answer);
                Assert.Equal(("Phòng Nội vụ", "lead"), answer.Units[0]);
                Assert.StartsWith("IV.4", answer.Source);
            },
            line =>
            {
                var answer = AskJson.Parse(line);
                Assert.Equal(DeadlineQuestion, answer.Question);
                Assert.Contains("10/12", answer.Answer);
            });
    }

    [Fact]
    public async Task Ask_json_writes_vietnamese_as_is_not_as_unicode_escapes()
    {
        var result = await CommandLineRun.RunAsync(RecruitmentQuestion, "ask", "--json");

        Assert.Contains("\"question\":\"Ai chủ trì tham mưu tuyển dụng giáo viên?\"", result.Output);
        Assert.DoesNotContain("\\u", result.Output);
    }

    [Fact]
    public async Task Ask_reports_a_missing_content_folder_without_a_stack_trace()
    {
        var result = await CommandLineRun.RunAsync(["ask", "--content", "/no/such/folder", RecruitmentQuestion]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("/no/such/folder", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }
}

/// <summary>One line of <c>ask --json</c>, read strictly: every field present with the documented type.</summary>
public sealed record AskJson(string Question, string Answer, IReadOnlyList<(string Name, string Role)> Units, string? Source, double Confidence)
{
    public static AskJson Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        Assert.Equal(["question", "answer", "units", "source", "confidence"], root.EnumerateObject().Select(property => property.Name));
        var units = root.GetProperty("units").EnumerateArray()
            .Select(unit => (unit.GetProperty("name").GetString()!, unit.GetProperty("role").GetString()!))
            .ToList();
        Assert.All(units, unit => Assert.Contains(unit.Item2, new[] { "lead", "support" }));
        var confidence = root.GetProperty("confidence").GetDouble();
        Assert.InRange(confidence, 0, 1);
        return new AskJson(
            root.GetProperty("question").GetString()!,
            root.GetProperty("answer").GetString()!,
            units,
            root.GetProperty("source").GetString(),
            confidence);
    }
}
