using System.Diagnostics;
using PcgdBot.Dialogs.Understanding;
using Xunit.Abstractions;

namespace PcgdBot.Dialogs.Tests.Understanding;

public sealed class IntentClassifierTests(ITestOutputHelper output)
{
    private static readonly string Content = Path.Combine(AppContext.BaseDirectory, "dialogs");

    private static IReadOnlyList<IntentExample> Examples => IntentExamples.Load(Content);

    [Fact]
    public void Held_out_examples_of_each_intent_are_mostly_recognised()
    {
        // Every fourth example of each intent is held out; the model trains on the rest.
        var examples = Examples;
        var byIntent = examples.GroupBy(e => e.Intent).ToList();
        var training = byIntent.SelectMany(g => g.Where((_, i) => i % 4 != 3)).ToList();
        var heldOut = byIntent.SelectMany(g => g.Where((_, i) => i % 4 == 3)).ToList();
        var classifier = IntentClassifier.Train(training);

        var right = 0;
        var confidentRight = 0;
        var confident = 0;
        foreach (var group in heldOut.GroupBy(e => e.Intent).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var hits = 0;
            foreach (var example in group)
            {
                var prediction = classifier.Predict(example.Text);
                var ok = prediction.Intent == example.Intent;
                hits += ok ? 1 : 0;
                if (prediction.IsConfident)
                {
                    confident++;
                    confidentRight += ok ? 1 : 0;
                }

                if (!ok)
                {
                    output.WriteLine($"  miss: \"{example.Text}\" ({example.Intent}) → {prediction.Intent} {prediction.Confidence:0.00}");
                }
            }

            right += hits;
            output.WriteLine($"{group.Key,-20} {hits}/{group.Count()}");
        }

        var accuracy = (double)right / heldOut.Count;
        var precision = confident == 0 ? 0 : (double)confidentRight / confident;
        output.WriteLine($"held-out accuracy {right}/{heldOut.Count} = {accuracy:P1}; above the threshold {confidentRight}/{confident} = {precision:P1}; temperature {classifier.Temperature}");
        Assert.True(accuracy >= 0.75, $"held-out accuracy {accuracy:P1}");
        Assert.True(precision >= accuracy, "predictions above the threshold are at least as often right as all predictions");
    }

    [Theory]
    [InlineData("dạ em muốn báo cáo tiến độ ạ", "status_update")]
    [InlineData("da em muon bao cao tien do a", "status_update")]
    [InlineData("em muốn sửa báo cáo", "edit_report")]
    [InlineData("thôi hủy đi", "cancel")]
    [InlineData("thoi khong bao nua", "cancel")]
    [InlineData("ok cảm ơn nhé", "thanks")]
    [InlineData("bạn là ai vậy", "who_are_you")]
    [InlineData("đơn vị nào chưa báo cáo?", "data_not_reported")]
    [InlineData("dạ vâng ạ", "acknowledgement")]
    public void Polite_and_unaccented_phrasings_reach_their_intent(string text, string intent)
    {
        var classifier = IntentClassifier.Train(Examples);
        var prediction = classifier.Predict(text);
        Assert.Equal(intent, prediction.Intent);
        Assert.True(prediction.IsConfident, $"{prediction.Intent} {prediction.Confidence}");
    }

    [Fact]
    public void A_one_letter_typo_keeps_the_intent()
    {
        var classifier = IntentClassifier.Train(Examples);
        Assert.Equal("edit_report", classifier.Predict("sửa báo cáoo").Intent);
        Assert.Equal("my_reports", classifier.Predict("bao cao cua toii").Intent);
    }

    [Fact]
    public void Training_is_deterministic_and_quick()
    {
        var examples = Examples;
        var watch = Stopwatch.StartNew();
        var first = IntentClassifier.Train(examples);
        output.WriteLine($"trained on {examples.Count} examples, {first.Intents.Count} intents in {watch.ElapsedMilliseconds} ms");
        watch.Restart();
        var second = IntentClassifier.Train(examples);
        output.WriteLine($"again (jitted) in {watch.ElapsedMilliseconds} ms");
        Assert.Equal(first.Predict("em muốn báo cáo").Confidence, second.Predict("em muốn báo cáo").Confidence);
    }

    [Fact]
    public void Unknown_entities_and_duplicate_examples_are_reported_with_their_line()
    {
        var unknown = Assert.Throws<NluFormatException>(() => IntentExamples.Parse("nlu:\n- intent: a\n  examples: |\n    - x\n    - xã [Mường So](village)\n", "nlu/x.yml"));
        Assert.Equal(5, unknown.Line);
        Assert.Contains("village", unknown.Message);

        var twice = IntentExamples.Parse("nlu:\n- intent: a\n  examples: |\n    - hủy\n    - thôi\n- intent: b\n  examples: |\n    - huy\n    - khác\n", "nlu/y.yml");
        var duplicate = Assert.Throws<NluFormatException>(() => IntentExamples.Check(twice, null));
        Assert.Equal(8, duplicate.Line);
    }

    [Fact]
    public void Marked_entities_are_read_out_of_the_example()
    {
        var examples = IntentExamples.Parse("nlu:\n- intent: a\n  examples: |\n    - cập nhật xã [Mường So](commune)\n    - b\n", "nlu/z.yml");
        Assert.Equal("cập nhật xã Mường So", examples[0].Text);
        Assert.Equal(new ExampleEntity("commune", "Mường So", 12, 8), examples[0].Entities[0]);
    }
}
