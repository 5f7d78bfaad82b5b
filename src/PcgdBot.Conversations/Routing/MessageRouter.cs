using PcgdBot.Dialogs;
using PcgdBot.Dialogs.Understanding;
using PcgdBot.Plan;

namespace PcgdBot.Conversations.Routing;

/// <summary>Where a message goes; see <see cref="MessageRouter"/> for the order.</summary>
public enum RouteTarget
{
    /// <summary>The answer to the step now asked (or one of the runtime's words: hủy, quay lại, trợ giúp, bỏ qua).</summary>
    DialogStep,

    /// <summary>Starts a dialog (status update, edit, registration, invite, broadcast), with what came after its trigger.</summary>
    StartDialog,

    /// <summary>An intent with its own handler (my reports, small talk, cancel…); inside a dialog the step is asked again after it.</summary>
    Intent,

    /// <summary>A question about the reported data, or about the plan (answered, then the step asked again inside a dialog).</summary>
    Question,
}

/// <summary>The decision for one message.</summary>
/// <param name="StepText">What the step is given instead of the message: the runtime's own word for a help, back or skip intent.</param>
public sealed record Route(RouteTarget Target, string Intent, double Confidence, DialogMatch? Dialog = null, string? StepText = null);

/// <summary>
/// The one routing table of the bot. In order, the first that applies wins:
/// <list type="number">
/// <item>Inside a dialog: a slash command of another dialog starts it on top; the runtime's own words
/// (<c>_runtime.yaml</c>: hủy, quay lại, trợ giúp, bỏ qua) go to the step.</item>
/// <item>Inside a dialog: "làm lại" (intent <c>restart</c>) and a confident <c>cancel</c> ("thôi không báo nữa") act at once.</item>
/// <item>Inside a dialog: an answer the step takes (a choice, a number, yes/no…) goes to the step; at a free-text step
/// everything does, except a clear question.</item>
/// <item>Inside a dialog, an answer the step cannot take: a confident intent that is not a dialog's (my reports, a plan or
/// data question, small talk) is handled and the step asked again; anything else goes to the step (which asks again).</item>
/// <item>Outside dialogs: a slash command or a trigger of a dialog at the start of the message, unless the classifier is
/// confident it is something else ("báo cáo của tôi", "báo cáo gửi ai?").</item>
/// <item>Outside dialogs: a confident intent: dialog intents start their dialog, the others run their handler.</item>
/// <item>Everything else is a question: reported data first, then the plan.</item>
/// </list>
/// </summary>
public sealed class MessageRouter(IntentClassifier classifier, DialogCatalog dialogs)
{
    /// <summary>Intents that start a dialog, by the dialog's action.</summary>
    public static readonly IReadOnlyDictionary<string, string> DialogIntents = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [IntentNames.StatusUpdate] = ChatActions.SaveStatusUpdate,
        [IntentNames.EditReport] = ChatActions.EditLastUpdate,
        [IntentNames.Register] = ChatActions.Register,
        [IntentNames.CreateInvite] = ChatActions.CreateInvite,
        [IntentNames.Broadcast] = ChatActions.Broadcast,
    };

    private const double CancelConfidence = 0.7;

    public IntentClassifier Classifier => classifier;

    public Route InDialog(string text, DialogEngine engine, DialogState state, IDialogData data, DateOnly today)
    {
        if (text.StartsWith('/') && dialogs.Match(text) is { } started && started.Dialog.Id != state.Top!.DialogId)
        {
            return new Route(RouteTarget.StartDialog, IntentNames.Command, 1, started);
        }

        if (dialogs.Texts.Classify(text) != Interruption.None)
        {
            return new Route(RouteTarget.DialogStep, IntentNames.Command, 1);
        }

        var prediction = classifier.Predict(text);
        var kind = engine.CurrentKind(state);
        var words = IntentText.Words(text).Count;
        if (prediction.Intent == IntentNames.Restart && prediction.IsConfident && words <= 6)
        {
            return new Route(RouteTarget.Intent, IntentNames.Restart, prediction.Confidence);
        }

        // "thôi không báo nữa" at a yes/no step is a "no", which the step itself takes as "do not save".
        if (prediction.Intent == IntentNames.Cancel && prediction.Confidence >= CancelConfidence && words <= 8
            && kind is not (PromptKind.Confirm or PromptKind.YesNo))
        {
            return new Route(RouteTarget.Intent, IntentNames.Cancel, prediction.Confidence);
        }

        var accepted = engine.Accepts(state, text, data, today);
        if (accepted && kind != PromptKind.Text)
        {
            return new Route(RouteTarget.DialogStep, prediction.Intent, prediction.Confidence);
        }

        if (kind == PromptKind.Text && !(LooksLikeQuestion(text) && IsInterruption(prediction)))
        {
            return new Route(RouteTarget.DialogStep, prediction.Intent, prediction.Confidence);
        }

        // "giúp em với", "nhầm rồi quay lại", "không có gì": the runtime's help, back and skip, said another way.
        if (prediction.IsConfident && RuntimeWord(prediction.Intent) is { } command && dialogs.Texts.Commands.TryGetValue(command, out var commandWords))
        {
            return new Route(RouteTarget.DialogStep, prediction.Intent, prediction.Confidence, StepText: commandWords[0]);
        }

        if (prediction.IsConfident && IsInterruption(prediction))
        {
            return IntentNames.IsQuestion(prediction.Intent)
                ? new Route(RouteTarget.Question, prediction.Intent, prediction.Confidence)
                : new Route(RouteTarget.Intent, prediction.Intent, prediction.Confidence);
        }

        // A status at the figure step, a wrong number…: the step says what it needs.
        return new Route(RouteTarget.DialogStep, prediction.Intent, prediction.Confidence);
    }

    public Route Idle(string text)
    {
        var prediction = classifier.Predict(text);
        var match = dialogs.Match(text);
        if (match is not null && text.StartsWith('/'))
        {
            return new Route(RouteTarget.StartDialog, IntentNames.Command, 1, match);
        }

        var intentDialog = DialogIntents.GetValueOrDefault(prediction.Intent);
        // A trigger at the start wins unless the classifier is sure of something else: a question ("báo cáo gửi ai?")
        // or another command ("báo cáo của tôi").
        var otherwise = prediction.IsConfident && intentDialog != match?.Dialog.Action
            && (IntentNames.IsQuestion(prediction.Intent) ? LooksLikeQuestion(text) : prediction.Confidence >= 0.8);
        if (match is not null && !otherwise
            && !(match.Dialog.Action == ChatActions.SaveStatusUpdate && LooksLikeQuestion(match.Rest)))
        {
            return new Route(RouteTarget.StartDialog, prediction.Intent, prediction.Confidence, match);
        }

        if (prediction.IsConfident && intentDialog is not null)
        {
            // "em báo cáo nhiệm vụ 2", "dạ em xin phép đăng ký CODE": the dialog's trigger inside the message.
            var dialog = dialogs.Dialogs.First(d => d.Action == intentDialog);
            return new Route(RouteTarget.StartDialog, prediction.Intent, prediction.Confidence, new DialogMatch(dialog, RestAfterTrigger(text, dialog)));
        }

        if (prediction.IsConfident && !IntentNames.IsQuestion(prediction.Intent) && prediction.Intent != IntentNames.OutOfScope)
        {
            return new Route(RouteTarget.Intent, prediction.Intent, prediction.Confidence);
        }

        return new Route(RouteTarget.Question, prediction.Intent, prediction.Confidence);
    }

    private static Interruption? RuntimeWord(string intent) => intent switch
    {
        IntentNames.Help => Interruption.Help,
        IntentNames.Back => Interruption.Back,
        IntentNames.Skip => Interruption.Skip,
        _ => null,
    };

    /// <summary>Intents that may interrupt a dialog: not another dialog, not the answers a step itself reads.</summary>
    private static bool IsInterruption(IntentPrediction prediction) =>
        IntentNames.IsQuestion(prediction.Intent) || prediction.Intent is IntentNames.MyReports or IntentNames.WhoAreYou
            or IntentNames.Thanks or IntentNames.Greeting or IntentNames.OutOfScope;

    /// <summary>"?" or a question word: "mà hạn nộp là ngày nào vậy", "báo cáo gửi ai".</summary>
    public static bool LooksLikeQuestion(string text)
    {
        if (text.Contains('?'))
        {
            return true;
        }

        var padded = " " + string.Join(' ', IntentText.Words(text)) + " ";
        return QuestionWords.Any(w => padded.Contains(w, StringComparison.Ordinal));
    }

    private static readonly string[] QuestionWords =
        [" ai ", " gi ", " nao ", " khi nao ", " bao gio ", " o dau ", " the nao ", " nhu the nao ", " bao nhieu ", " may ", " sao ", " khong "];

    private static string RestAfterTrigger(string text, DialogDefinition dialog)
    {
        var folded = VietnameseText.Fold(text);
        foreach (var trigger in dialog.Triggers.Select(t => VietnameseText.Fold(t).Trim()).Where(t => !t.StartsWith('/')).OrderByDescending(t => t.Length))
        {
            var at = folded.IndexOf(trigger, StringComparison.Ordinal);
            while (at >= 0)
            {
                var end = at + trigger.Length;
                var wholeWord = (at == 0 || !char.IsLetterOrDigit(folded[at - 1])) && (end == folded.Length || !char.IsLetterOrDigit(folded[end]));
                if (wholeWord)
                {
                    var rest = text[VietnameseText.OriginalLength(text, end)..];
                    return rest.Trim().TrimStart(':', ',', '-').Trim();
                }

                at = folded.IndexOf(trigger, at + 1, StringComparison.Ordinal);
            }
        }

        return string.Empty;
    }
}

/// <summary>The intent names the code acts on; the examples live in <c>dialogs/nlu/*.yml</c>.</summary>
public static class IntentNames
{
    public const string Command = "command";
    public const string StatusUpdate = "status_update";
    public const string EditReport = "edit_report";
    public const string MyReports = "my_reports";
    public const string Register = "register";
    public const string LinkAccount = "link_account";
    public const string CreateInvite = "create_invite";
    public const string Broadcast = "broadcast";
    public const string BroadcastStats = "broadcast_stats";
    public const string Acknowledge = "acknowledge";
    public const string ExportReport = "export_report";
    public const string WebLogin = "web_login";
    public const string Cancel = "cancel";
    public const string Back = "back";
    public const string Restart = "restart";
    public const string Skip = "skip";
    public const string Yes = "yes";
    public const string No = "no";
    public const string Help = "help";
    public const string Greeting = "greeting";
    public const string Thanks = "thanks";
    public const string Acknowledgement = "acknowledgement";
    public const string Goodbye = "goodbye";
    public const string WhoAreYou = "who_are_you";
    public const string OutOfScope = "out_of_scope";
    public const string PlanSection = "plan_section";
    public const string DontKnow = "dont_know";

    /// <summary>The intents the bot needs examples of (the load fails without them).</summary>
    public static readonly IReadOnlySet<string> Required = new HashSet<string>(StringComparer.Ordinal)
    {
        StatusUpdate, EditReport, MyReports, Register, LinkAccount, CreateInvite, Broadcast, BroadcastStats, Acknowledge,
        ExportReport, WebLogin, Cancel, Back, Restart, Skip, Yes, No, Help, Greeting, Thanks, Acknowledgement, WhoAreYou,
        OutOfScope, PlanSection, DontKnow,
    };

    /// <summary>Questions about the plan ("plan_…") or the reported data ("data_…").</summary>
    public static bool IsQuestion(string intent) => intent.StartsWith("plan_", StringComparison.Ordinal) || intent.StartsWith("data_", StringComparison.Ordinal);

    public static bool IsDataQuestion(string intent) => intent.StartsWith("data_", StringComparison.Ordinal);
}
