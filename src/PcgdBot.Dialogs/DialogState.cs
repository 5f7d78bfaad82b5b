namespace PcgdBot.Dialogs;

/// <summary>An answer kept by a dialog: a key for the application, and how it is shown back to the person.</summary>
/// <param name="Key">The machine value: a choice key, "80", "2024-12-10", "yes"; empty when skipped.</param>
/// <param name="Display">How the answer reads in summaries ("Đang thực hiện", "80%", "3 lớp").</param>
public sealed record SlotValue(string Key, string Display, decimal? Number = null, string? Unit = null, bool IsPercent = false)
{
    public static SlotValue Empty { get; } = new(string.Empty, string.Empty);

    public bool IsEmpty => Key.Length == 0;
}

/// <summary>One running dialog: where it is and what it has been told.</summary>
/// <param name="InstanceId">Unique per run; the application uses it to make the dialog's action idempotent.</param>
/// <param name="History">Steps answered (or filled from the first message), in order; "quay lại" walks it back.</param>
public sealed record DialogFrame(
    string DialogId,
    string InstanceId,
    int StepIndex,
    int Attempts,
    IReadOnlyDictionary<string, SlotValue> Values,
    IReadOnlyList<string> History);

/// <summary>The dialog stack of one conversation; the top frame is the one talking. Serialisable as JSON.</summary>
public sealed record DialogState(IReadOnlyList<DialogFrame> Stack)
{
    public static DialogState Empty { get; } = new([]);

    public bool IsActive => Stack.Count > 0;

    public DialogFrame? Top => Stack.Count > 0 ? Stack[^1] : null;

    internal DialogState ReplaceTop(DialogFrame frame) => new([.. Stack.Take(Stack.Count - 1), frame]);

    internal DialogState Pop() => new([.. Stack.Take(Stack.Count - 1)]);

    internal DialogState Push(DialogFrame frame) => new([.. Stack, frame]);
}

/// <summary>An option the application offers at run time (e.g. the duties of the person's unit).</summary>
/// <param name="Button">Short text for a button; the button sends it back as the answer. Null uses the label.</param>
public sealed record DialogChoice(string Key, string Label, string? Button = null, IReadOnlyList<string>? Synonyms = null);

/// <summary>The application's side of a dialog: the lists named by <c>choices-from</c>.</summary>
public interface IDialogData
{
    IReadOnlyList<DialogChoice> Choices(string source, IReadOnlyDictionary<string, SlotValue> values);

    /// <summary>Text the application computes for a placeholder the dialog file may use (e.g. "{preview}" of a broadcast).</summary>
    string? Placeholder(string name, IReadOnlyDictionary<string, SlotValue> values) => null;
}

/// <summary>A message of the dialog to the person; <paramref name="Buttons"/> are sent back as typed text when pressed.</summary>
public sealed record DialogReply(string Text, IReadOnlyList<string> Buttons);

/// <summary>How a dialog ended.</summary>
public enum DialogOutcome
{
    /// <summary>All steps answered (and confirmed): the application runs the action.</summary>
    Completed,

    /// <summary>"hủy", "no" at the confirmation, or too many unusable answers: nothing is done.</summary>
    Cancelled,
}

/// <summary>A dialog that ended this turn, with everything it collected.</summary>
public sealed record DialogResult(string DialogId, string InstanceId, string Action, DialogOutcome Outcome, IReadOnlyDictionary<string, SlotValue> Values)
{
    public string Value(string slot) => Values.TryGetValue(slot, out var value) ? value.Key : string.Empty;

    public SlotValue? Slot(string slot) => Values.TryGetValue(slot, out var value) && !value.IsEmpty ? value : null;
}

/// <summary>One turn of the dialog runtime: the new state, what to say, and the dialog that ended, if any.</summary>
public sealed record DialogTurn(DialogState State, IReadOnlyList<DialogReply> Replies, DialogResult? Ended);
