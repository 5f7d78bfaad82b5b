using System.Globalization;
using System.Text;
using PcgdBot.Dialogs.Recognition;

namespace PcgdBot.Dialogs;

/// <summary>
/// The dialog runtime: a pure step from (state, message) to (new state, replies, ended dialog). It keeps no
/// state of its own and does no I/O; the application stores <see cref="DialogState"/> and runs the actions.
/// </summary>
public sealed class DialogEngine(DialogCatalog catalog)
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    public DialogCatalog Catalog { get; } = catalog;

    private RuntimeTexts Texts => Catalog.Texts;

    /// <summary>Starts a dialog on top of the stack; answers already known (from a one-shot message) are not asked.</summary>
    public DialogTurn Begin(DialogState state, string dialogId, string instanceId, IReadOnlyDictionary<string, SlotValue> known, IDialogData data)
    {
        var dialog = Catalog[dialogId];
        // Known answers are kept from the start: steps after the first question still need them when reached.
        var frame = new DialogFrame(dialogId, instanceId, 0, 0, new Dictionary<string, SlotValue>(known), []);
        var replies = new List<DialogReply>();
        if (dialog.Start is not null)
        {
            replies.Add(new DialogReply(dialog.Start, []));
        }

        return Advance(state.Push(frame), dialog, frame, 0, replies, data);
    }

    /// <summary>One message to the dialog on top of the stack. Call only when <see cref="DialogState.IsActive"/>.</summary>
    public DialogTurn Continue(DialogState state, string text, IDialogData data, DateOnly today)
    {
        var frame = state.Top ?? throw new InvalidOperationException("No dialog is running.");
        var dialog = Catalog[frame.DialogId];
        var step = dialog.Steps[frame.StepIndex];
        var replies = new List<DialogReply>();

        switch (Texts.Classify(text))
        {
            case Interruption.Cancel:
                return Cancel(state, dialog, frame, Texts.Text("cancelled", ("title", dialog.Title)), data);

            case Interruption.Help:
                var help = step.Help is null ? Texts.Text("no-help") : Render(step.Help, frame.Values);
                replies.Add(new DialogReply(help + "\n" + Texts.Text("help-footer"), []));
                replies.Add(Ask(dialog, step, frame.Values, data));
                return new DialogTurn(state, replies, null);

            case Interruption.Back:
                return Back(state, dialog, frame, data);

            case Interruption.Skip when step.Optional:
                return Answered(state, dialog, frame, step, SlotValue.Empty, replies, data);
        }

        var answer = Read(step, text, frame.Values, data, today, out var problem);
        if (answer is null)
        {
            var attempts = frame.Attempts + 1;
            if (attempts >= step.MaxAttempts)
            {
                return Cancel(state, dialog, frame, Texts.Text("too-many-attempts", ("title", dialog.Title)), data);
            }

            replies.Add(new DialogReply(step.Retry is null ? problem! : Render(step.Retry, frame.Values), []));
            if (attempts >= 2)
            {
                // The same line a third time helps nobody: say how to get out or back.
                replies.Add(new DialogReply(Texts.Text("ways-out"), []));
            }

            replies.Add(Ask(dialog, step, frame.Values, data));
            return new DialogTurn(state.ReplaceTop(frame with { Attempts = attempts }), replies, null);
        }

        if (step.Kind == PromptKind.Confirm && answer.Key == "no")
        {
            return Cancel(state, dialog, frame, step.OnNo ?? Texts.Text("cancelled", ("title", dialog.Title)), data);
        }

        return Answered(state, dialog, frame, step, answer, replies, data);
    }

    /// <summary>Whether the step now asked would take this message as its answer (nothing changes).</summary>
    public bool Accepts(DialogState state, string text, IDialogData data, DateOnly today)
    {
        var frame = state.Top ?? throw new InvalidOperationException("No dialog is running.");
        var step = Catalog[frame.DialogId].Steps[frame.StepIndex];
        return Read(step, text, frame.Values, data, today, out _) is not null;
    }

    /// <summary>The kind of the step now asked.</summary>
    public PromptKind CurrentKind(DialogState state)
    {
        var frame = state.Top ?? throw new InvalidOperationException("No dialog is running.");
        return Catalog[frame.DialogId].Steps[frame.StepIndex].Kind;
    }

    /// <summary>Whether the step now asked may be skipped.</summary>
    public bool CurrentIsOptional(DialogState state)
    {
        var frame = state.Top ?? throw new InvalidOperationException("No dialog is running.");
        return Catalog[frame.DialogId].Steps[frame.StepIndex].Optional;
    }

    /// <summary>Ends the dialog on top without its action ("thôi hủy đi" however it is said); nothing is kept.</summary>
    public DialogTurn CancelTop(DialogState state, IDialogData data)
    {
        var frame = state.Top ?? throw new InvalidOperationException("No dialog is running.");
        var dialog = Catalog[frame.DialogId];
        return Cancel(state, dialog, frame, Texts.Text("cancelled", ("title", dialog.Title)), data);
    }

    /// <summary>"Làm lại": the dialog on top starts again from its first question, answers forgotten, same run.</summary>
    public DialogTurn Restart(DialogState state, IDialogData data)
    {
        var frame = state.Top ?? throw new InvalidOperationException("No dialog is running.");
        var dialog = Catalog[frame.DialogId];
        var fresh = new DialogFrame(frame.DialogId, frame.InstanceId, 0, 0, new Dictionary<string, SlotValue>(), []);
        var replies = new List<DialogReply> { new(Texts.Text("restarted", ("title", dialog.Title)), []) };
        return Advance(state.ReplaceTop(fresh), dialog, fresh, 0, replies, data);
    }

    /// <summary>Asks the current question again, e.g. when a dialog below the top of the stack takes over again.</summary>
    public DialogReply Reprompt(DialogState state, IDialogData data)
    {
        var frame = state.Top ?? throw new InvalidOperationException("No dialog is running.");
        var dialog = Catalog[frame.DialogId];
        return Ask(dialog, dialog.Steps[frame.StepIndex], frame.Values, data);
    }

    private DialogTurn Answered(DialogState state, DialogDefinition dialog, DialogFrame frame, StepDefinition step, SlotValue answer, List<DialogReply> replies, IDialogData data)
    {
        var values = new Dictionary<string, SlotValue>(frame.Values) { [step.Id] = answer };
        var answered = frame with { Values = values, History = [.. frame.History, step.Id], Attempts = 0 };
        return Advance(state.ReplaceTop(answered), dialog, answered, frame.StepIndex + 1, replies, data);
    }

    /// <summary>
    /// Moves to the next step that needs asking, passing steps already answered (known from the first message) and
    /// single options on the way. Steps after the current one only hold answers that came with the first message:
    /// "quay lại" forgets everything after the step it returns to.
    /// </summary>
    private DialogTurn Advance(DialogState state, DialogDefinition dialog, DialogFrame frame, int from, List<DialogReply> replies, IDialogData data)
    {
        var values = new Dictionary<string, SlotValue>(frame.Values);
        var history = frame.History.ToList();
        for (var index = from; index < dialog.Steps.Count; index++)
        {
            var step = dialog.Steps[index];
            if (step.When is { } when && !(values.TryGetValue(when.Slot, out var condition) && when.Keys.Contains(condition.Key)))
            {
                values.Remove(step.Id);
                continue;
            }

            if (values.ContainsKey(step.Id))
            {
                history.Add(step.Id);
                continue;
            }

            if (step.Kind == PromptKind.Choice)
            {
                var options = Options(step, values, data);
                if (options.Count == 0 && step.Optional)
                {
                    // An optional run-time list that is empty today (e.g. a unit without members) is not asked.
                    values[step.Id] = SlotValue.Empty;
                    continue;
                }

                if (options.Count == 0)
                {
                    var ended = frame with { Values = values, History = history };
                    return Cancel(state.ReplaceTop(ended), dialog, ended, Texts.Text("no-choices", ("title", dialog.Title)), data);
                }

                if (options.Count == 1 && step.AutoSelectSingle)
                {
                    values[step.Id] = new SlotValue(options[0].Key, options[0].Label);
                    continue;
                }
            }

            var asking = frame with { StepIndex = index, Attempts = 0, Values = values, History = history };
            replies.Add(Ask(dialog, step, values, data));
            return new DialogTurn(state.ReplaceTop(asking), replies, null);
        }

        var done = state.Pop();
        var result = new DialogResult(dialog.Id, frame.InstanceId, dialog.Action, DialogOutcome.Completed, values);
        return new DialogTurn(done, replies, result);
    }

    private DialogTurn Back(DialogState state, DialogDefinition dialog, DialogFrame frame, IDialogData data)
    {
        if (frame.History.Count == 0)
        {
            var step = dialog.Steps[frame.StepIndex];
            return new DialogTurn(state, [new DialogReply(Texts.Text("back-at-start"), []), Ask(dialog, step, frame.Values, data)], null);
        }

        // Forget the last answered step and everything after it, then ask that step again.
        var previousId = frame.History[^1];
        var previousIndex = dialog.IndexOf(previousId);
        var values = frame.Values
            .Where(v => dialog.IndexOf(v.Key) < previousIndex)
            .ToDictionary(v => v.Key, v => v.Value);
        var back = frame with { StepIndex = previousIndex, Attempts = 0, Values = values, History = [.. frame.History.Take(frame.History.Count - 1)] };
        return new DialogTurn(state.ReplaceTop(back), [Ask(dialog, dialog.Steps[previousIndex], values, data)], null);
    }

    private DialogTurn Cancel(DialogState state, DialogDefinition dialog, DialogFrame frame, string message, IDialogData data)
    {
        var remaining = state.Pop();
        var replies = new List<DialogReply> { new(message, []) };
        if (remaining.Top is { } below)
        {
            var belowDialog = Catalog[below.DialogId];
            replies.Add(new DialogReply(Texts.Text("resume", ("title", belowDialog.Title)), []));
            replies.Add(Reprompt(remaining, data));
        }

        return new DialogTurn(remaining, replies, new DialogResult(dialog.Id, frame.InstanceId, dialog.Action, DialogOutcome.Cancelled, frame.Values));
    }

    private DialogReply Ask(DialogDefinition dialog, StepDefinition step, IReadOnlyDictionary<string, SlotValue> values, IDialogData data)
    {
        var text = new StringBuilder(Render(step.Ask, values, data));
        if (step.Optional)
        {
            text.Append(' ').Append(Texts.Text("optional-hint"));
        }

        if (step.Kind != PromptKind.Choice)
        {
            return new DialogReply(text.ToString(), step.Kind is PromptKind.Confirm or PromptKind.YesNo ? YesNoButtons : []);
        }

        // Numbered lines always (they can be typed), buttons too where the channel has them.
        var options = Options(step, values, data);
        for (var i = 0; i < options.Count; i++)
        {
            text.Append('\n').Append(i + 1).Append(". ").Append(options[i].Label);
        }

        return new DialogReply(text.ToString(), [.. options.Select((o, i) => o.Button ?? o.Label)]);
    }

    private static readonly IReadOnlyList<string> YesNoButtons = ["Có", "Không"];

    private SlotValue? Read(StepDefinition step, string text, IReadOnlyDictionary<string, SlotValue> values, IDialogData data, DateOnly today, out string? problem)
    {
        problem = null;
        var trimmed = text.Trim();
        switch (step.Kind)
        {
            case PromptKind.Text:
                if (trimmed.Length == 0)
                {
                    problem = Texts.Text("invalid.text");
                    return null;
                }

                if (trimmed.Length > step.MaxLength)
                {
                    problem = Texts.Text("too-long", ("length", trimmed.Length.ToString(Vietnamese)), ("max", step.MaxLength.ToString(Vietnamese)));
                    return null;
                }

                return new SlotValue(trimmed, trimmed);

            case PromptKind.Choice:
                var options = Options(step, values, data);
                var match = ChoiceRecognizer.Recognize(trimmed, [.. options.Select(o => new ChoiceOption(o.Label, [.. o.Synonyms ?? [], .. o.Button is null ? Array.Empty<string>() : [o.Button]]))]);
                if (match is null)
                {
                    problem = Texts.Text("invalid.choice", ("count", options.Count.ToString(Vietnamese)));
                    return null;
                }

                return new SlotValue(options[match.Index].Key, options[match.Index].Label);

            case PromptKind.Number:
                var number = NumberRecognizer.Recognize(trimmed);
                if (number is null)
                {
                    problem = Texts.Text("invalid.number");
                    return null;
                }

                return InRange(step, number.Value, out problem) ? NumberValue(number.Value, null, false) : null;

            case PromptKind.Percent:
                var percentFigure = KeyFigureRecognizer.Recognize(trimmed);
                // "80%", "80 phần trăm", or a bare "80" / "tám mươi" at a question that asks for a percentage.
                decimal? percent = percentFigure is { IsPercent: true } or { Unit: null } ? percentFigure.Value : percentFigure is null ? NumberRecognizer.Recognize(trimmed) : null;
                if (percent is null || percent < 0 || percent > 100)
                {
                    problem = Texts.Text("invalid.percent");
                    return null;
                }

                return InRange(step, percent.Value, out problem) ? NumberValue(percent.Value, "%", true) : null;

            case PromptKind.Figure:
                var figure = KeyFigureRecognizer.Recognize(trimmed);
                if (figure is null)
                {
                    problem = Texts.Text("invalid.figure");
                    return null;
                }

                return InRange(step, figure.Value, out problem)
                    ? new SlotValue(figure.Value.ToString(CultureInfo.InvariantCulture), figure.Display, figure.Value, figure.IsPercent ? "%" : figure.Unit, figure.IsPercent)
                    : null;

            case PromptKind.Date:
                var date = DateRecognizer.Recognize(trimmed, today);
                if (date is null)
                {
                    problem = Texts.Text("invalid.date");
                    return null;
                }

                return new SlotValue(date.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), date.Value.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));

            case PromptKind.YesNo:
            case PromptKind.Confirm:
                var yes = YesNoRecognizer.Recognize(trimmed);
                if (yes is null)
                {
                    problem = Texts.Text("invalid.yesno");
                    return null;
                }

                return yes.Value ? new SlotValue("yes", "Có") : new SlotValue("no", "Không");

            default:
                throw new InvalidOperationException($"Unknown prompt kind {step.Kind}.");
        }
    }

    private bool InRange(StepDefinition step, decimal value, out string? problem)
    {
        problem = null;
        if ((step.Min is { } min && value < min) || (step.Max is { } max && value > max))
        {
            problem = Texts.Text("out-of-range", ("min", Format(step.Min ?? decimal.MinValue)), ("max", Format(step.Max ?? decimal.MaxValue)));
            return false;
        }

        return true;
    }

    private static SlotValue NumberValue(decimal value, string? unit, bool isPercent) =>
        new(value.ToString(CultureInfo.InvariantCulture), isPercent ? Format(value) + "%" : Format(value), value, unit, isPercent);

    private static string Format(decimal value) => value.ToString("#,##0.##", Vietnamese);

    private static IReadOnlyList<DialogChoice> Options(StepDefinition step, IReadOnlyDictionary<string, SlotValue> values, IDialogData data) =>
        step.ChoicesFrom is { } source
            ? data.Choices(source, values)
            : [.. step.Choices.Select(c => new DialogChoice(c.Key, c.Label, null, c.Synonyms))];

    /// <summary>Fills "{slot}" with earlier answers; a skipped answer reads "(không có)".</summary>
    private string Render(string template, IReadOnlyDictionary<string, SlotValue> values, IDialogData? data = null)
    {
        if (!template.Contains('{'))
        {
            return template;
        }

        var text = template;
        foreach (var (slot, value) in values)
        {
            text = text.Replace("{" + slot + "}", value.IsEmpty ? Texts.Text("empty-value") : value.Display, StringComparison.Ordinal);
        }

        // What the application computes from the answers so far ("{preview}" of a broadcast).
        if (data is not null)
        {
            text = System.Text.RegularExpressions.Regex.Replace(text, @"\{([a-z0-9\-]+)\}", m => data.Placeholder(m.Groups[1].Value, values) ?? m.Value);
        }

        // Placeholders of steps not asked (skipped by a condition) read as nothing at all.
        return System.Text.RegularExpressions.Regex.Replace(text, @" ?\{[a-z0-9\-]+\}", string.Empty);
    }
}
