using PcgdBot.Dialogs.Recognition;

namespace PcgdBot.Dialogs.Tests.Recognition;

public sealed class ThreadSafetyTests
{
    [Fact]
    public void The_recognizers_can_be_called_from_many_threads_at_once()
    {
        var today = new DateOnly(2025, 3, 5);
        var failures = 0;

        Parallel.For(0, 200, i =>
        {
            var ok = DateRecognizer.Recognize($"{(i % 28) + 1}/12/2024", today) == new DateOnly(2024, 12, (i % 28) + 1)
                && KeyFigureRecognizer.Recognize($"đã mở {i} lớp")?.Value == i
                && YesNoRecognizer.Recognize("đồng ý") == true
                && ChoiceRecognizer.Recognize("2", [new("A"), new("B")]) == new ChoiceMatch(1, true);
            if (!ok)
            {
                Interlocked.Increment(ref failures);
            }
        });

        Assert.Equal(0, failures);
    }
}
