using PcgdBot.Plan;
using PcgdBot.Storage.Reporting;

namespace PcgdBot.Conversations.Reporting;

/// <summary>A task a count can be about: a duty of the plan, or a "việc khác" that units reported in their own words.</summary>
internal sealed record QueryTask(string? DutyId, string Text, IReadOnlySet<string> Words)
{
    public static QueryTask Of(PlanDuty duty, Lexicon lexicon) => new(duty.Id, duty.Text, lexicon.CanonicalWords(duty.Text).ToHashSet(StringComparer.Ordinal));

    public static QueryTask Other(string task, Lexicon lexicon) => new(null, task, lexicon.CanonicalWords(task).ToHashSet(StringComparer.Ordinal));

    /// <summary>Whether an update reports on this task.</summary>
    public bool Covers(StatusUpdateRecord update, Lexicon lexicon) => DutyId is not null
        ? update.DutyId == DutyId
        : update.DutyId is null && lexicon.Canonical(update.Task) == lexicon.Canonical(Text);
}

/// <summary>
/// Finds the task a question means from the words it shares with each task's text: "bố trí ngân sách" → IV.13.3.
/// Words every task has ("phổ cập giáo dục" in all the communes' duties) tell nothing apart and are not counted.
/// </summary>
internal static class QueryTaskMatcher
{
    public static QueryTask? Best(IReadOnlyList<string> questionWords, IReadOnlyList<QueryTask> tasks)
    {
        var wanted = questionWords.ToHashSet(StringComparer.Ordinal);
        if (wanted.Count == 0 || tasks.Count == 0)
        {
            return null;
        }

        var shared = tasks.Count > 1
            ? tasks.Skip(1).Aggregate(new HashSet<string>(tasks[0].Words, StringComparer.Ordinal), (common, task) => { common.IntersectWith(task.Words); return common; })
            : [];
        var scored = tasks
            .Select(task => (Task: task, Score: wanted.Count(w => task.Words.Contains(w) && !shared.Contains(w))))
            .Where(t => t.Score > 0)
            .OrderByDescending(t => t.Score)
            // On a tie, the task whose text the question covers best (shorter, more specific) wins.
            .ThenByDescending(t => (double)t.Score / t.Task.Words.Count)
            .ToList();

        // Vietnamese words are mostly two syllables: one shared syllable ("cấp", "học") is too little to go on.
        var needed = Math.Min(2, wanted.Count);
        return scored.Count > 0 && scored[0].Score >= needed ? scored[0].Task : null;
    }
}
