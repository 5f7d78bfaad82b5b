namespace PcgdBot.Dialogs;

/// <summary>What kind of answer a step asks for; decides how the answer is read and checked.</summary>
public enum PromptKind
{
    /// <summary>Free text, length-limited.</summary>
    Text,

    /// <summary>One of a list, by number, button or words.</summary>
    Choice,

    /// <summary>A plain number ("12", "1.200", "mười hai").</summary>
    Number,

    /// <summary>A percentage 0–100 ("80%", "80 phần trăm", "80").</summary>
    Percent,

    /// <summary>A key figure with its unit ("3 lớp", "45 học viên", "80%").</summary>
    Figure,

    /// <summary>A day ("10/12", "ngày mai", "thứ hai").</summary>
    Date,

    /// <summary>Yes or no, stored as the answer.</summary>
    YesNo,

    /// <summary>Yes goes on, no ends the dialog without its action (the summary before saving).</summary>
    Confirm,
}

/// <summary>A fixed option of a choice step, with other words that select it.</summary>
public sealed record ChoiceDefinition(string Key, string Label, IReadOnlyList<string> Synonyms);

/// <summary>"Ask this step only when the answer stored as <paramref name="Slot"/> is one of <paramref name="Keys"/>."</summary>
public sealed record StepCondition(string Slot, IReadOnlyList<string> Keys);

/// <summary>One question of a dialog, as written in a dialog file.</summary>
/// <param name="Id">Unique in its dialog; the answer is stored under it.</param>
/// <param name="Ask">The question; "{slot}" placeholders show earlier answers.</param>
/// <param name="Retry">Said when an answer cannot be used, before asking again; null uses the runtime's text for the kind.</param>
/// <param name="Help">Said for "trợ giúp" at this step.</param>
/// <param name="Choices">Fixed options of a choice step.</param>
/// <param name="ChoicesFrom">Name of a list the application supplies at run time (e.g. "my-units").</param>
/// <param name="Optional">The person may answer "bỏ qua"/"không có"; the answer is then empty.</param>
/// <param name="MaxAttempts">Unusable answers accepted before the dialog stops.</param>
/// <param name="MaxLength">Longest text accepted (text steps).</param>
/// <param name="AutoSelectSingle">A choice with one option is taken without asking.</param>
public sealed record StepDefinition(
    string Id,
    PromptKind Kind,
    string Ask,
    string? Retry,
    string? Help,
    IReadOnlyList<ChoiceDefinition> Choices,
    string? ChoicesFrom,
    bool Optional,
    int MaxAttempts,
    int MaxLength,
    decimal? Min,
    decimal? Max,
    bool AutoSelectSingle,
    StepCondition? When,
    string? OnNo,
    int Line);

/// <summary>A dialog as written in <c>dialogs/flows/*.yaml</c>.</summary>
/// <param name="Triggers">Phrases that start it when a message begins with them (compared without diacritics).</param>
/// <param name="Action">What the application does with the answers when the dialog completes.</param>
/// <param name="Start">Said once when the dialog starts, before the first question.</param>
public sealed record DialogDefinition(
    string Id,
    string Title,
    IReadOnlyList<string> Triggers,
    string Action,
    string? Start,
    IReadOnlyList<StepDefinition> Steps,
    string FileName)
{
    public int IndexOf(string stepId)
    {
        for (var i = 0; i < Steps.Count; i++)
        {
            if (Steps[i].Id == stepId)
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>A dialog file that cannot be used; the message names the file and line.</summary>
public sealed class DialogFormatException(string fileName, int line, string reason) : Plan.ContentFileException(fileName, line, reason);
