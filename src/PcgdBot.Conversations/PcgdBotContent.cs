using PcgdBot.Answers;
using PcgdBot.Conversations.Reporting;
using PcgdBot.Dialogs;
using PcgdBot.Plan;
using PcgdBot.Storage.Reporting;

namespace PcgdBot.Conversations;

/// <summary>
/// Everything the bot knows, loaded from the content folder (<c>dialogs/</c>): the plan, the lexicon, the reply templates,
/// the dialogs and the reporting units.
/// </summary>
public sealed class PcgdBotContent : IDisposable
{
    /// <summary>Where the plan documents live inside the content folder.</summary>
    public const string PlanFolder = "plan";

    /// <summary>Small talk, refusals and follow-ups (<c>replies.chat.vi.txt</c>).</summary>
    public const string ChatTemplateFile = "replies.chat.vi.txt";

    public static readonly IReadOnlyDictionary<string, string[]> ChatTemplates = new Dictionary<string, string[]>
    {
        ["thanks"] = [], ["acknowledgement"] = [], ["goodbye"] = [], ["who-are-you"] = ["district"], ["nothing-to-cancel"] = [],
        ["nothing-to-continue"] = [], ["refusal"] = ["suggestions"], ["suggest.plan"] = [], ["suggest.unit"] = [],
        ["suggest.deadline"] = [], ["suggest.target"] = [], ["suggest.report"] = [], ["suggest.data"] = [], ["suggest.help"] = [],
        ["help.focal"] = ["role", "unit", "deadline"], ["help.leader"] = ["role", "unit"], ["help.coordinator"] = ["role", "unit"],
        ["followup.roles"] = ["unit", "items"], ["followup.roles.item"] = ["section", "lead", "partners", "text"],
        ["followup.partners"] = ["units"], ["followup.duty"] = ["section", "lead", "partners", "text"],
        ["section"] = ["section", "title", "text"], ["section.unknown"] = ["section", "last"], ["interrupted"] = ["title"],
        ["web-login.link"] = ["link", "code", "minutes"], ["web-login.refused"] = [],
    };

    private PcgdBotContent(PlanDocument plan, Lexicon lexicon, ReplyTemplates replies, AnswerService answers, DialogCatalog dialogs, IReadOnlyList<UnitRecord> units, string directory, ReplyTemplates reportingReplies, ReplyTemplates queryReplies, ReplyTemplates chatReplies, PcgdBot.Dialogs.Understanding.IntentClassifier intents)
    {
        ChatReplies = chatReplies;
        Router = new Routing.MessageRouter(intents, dialogs);
        FollowUps = new Routing.PlanFollowUps(plan, lexicon, chatReplies);
        ReportingReplies = reportingReplies;
        QueryReplies = queryReplies;
        Plan = plan;
        Lexicon = lexicon;
        Replies = replies;
        Answers = answers;
        Dialogs = dialogs;
        ReportingUnits = units;
        Directory = directory;
    }

    /// <summary>The <c>dialogs</c> folder shipped beside the program.</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "dialogs");

    public PlanDocument Plan { get; }

    public Lexicon Lexicon { get; }

    public ReplyTemplates Replies { get; }

    public AnswerService Answers { get; }

    /// <summary>The dialogs of <c>dialogs/flows/</c>, checked against what the bot can do.</summary>
    public DialogCatalog Dialogs { get; }

    /// <summary>The units that report and the collective units above them, from the plan and <c>reporting-units.tsv</c>.</summary>
    public IReadOnlyList<UnitRecord> ReportingUnits { get; }

    public string Directory { get; }

    /// <summary>Replies about registration, updates and invites (<c>replies.reporting.vi.txt</c>).</summary>
    public ReplyTemplates ReportingReplies { get; }

    /// <summary>Small talk, refusals with suggestions, follow-up answers.</summary>
    public ReplyTemplates ChatReplies { get; }

    /// <summary>The routing table with the intent classifier trained on <c>dialogs/nlu/</c>.</summary>
    public Routing.MessageRouter Router { get; }

    public Routing.PlanFollowUps FollowUps { get; }

    /// <summary>Replies to questions about reported data (<c>replies.queries.vi.txt</c>).</summary>
    public ReplyTemplates QueryReplies { get; }

    /// <summary>
    /// Loads and validates the content. A bad file stops the load with its name, line and reason
    /// (<see cref="PlanFormatException"/>, <see cref="TemplateException"/> or <see cref="ContentException"/>).
    /// </summary>
    /// <param name="planFile">The plan to use; by default the one document in <c>dialogs/plan/</c>.</param>
    public static PcgdBotContent Load(string directory, string? planFile = null)
    {
        if (!System.IO.Directory.Exists(directory))
        {
            throw new ContentException($"{directory}: không tìm thấy thư mục nội dung (content folder not found)");
        }

        // The classifier trains on the second core while the plan is parsed and indexed.
        var training = Task.Run(() => PcgdBot.Dialogs.Understanding.IntentClassifier.Train(PcgdBot.Dialogs.Understanding.IntentExamples.Load(directory, Routing.IntentNames.Required)));
        var lexicon = Lexicon.Load(directory);
        var plan = PlanParser.Load(planFile ?? DefaultPlanFile(directory), lexicon);
        var replies = ReplyTemplates.Load(directory);
        var dialogs = DialogLoader.Load(directory, ChatActions.Capabilities);
        CheckStatusChoices(dialogs);
        var units = Reporting.ReportingUnits.Load(directory, plan, lexicon);
        var reportingReplies = ReplyTemplates.Load(directory, ChatActions.TemplateFile, ChatActions.RequiredTemplates);
        var queryReplies = ReplyTemplates.Load(directory, ReportQueries.TemplateFile, ReportQueries.RequiredTemplates);
        var chatReplies = ReplyTemplates.Load(directory, ChatTemplateFile, ChatTemplates);
        PcgdBot.Dialogs.Understanding.IntentClassifier intents;
        try
        {
            intents = training.GetAwaiter().GetResult();
        }
        catch (AggregateException error) when (error.InnerException is not null)
        {
            throw error.InnerException;
        }

        return new PcgdBotContent(plan, lexicon, replies, new AnswerService(plan, lexicon, replies), dialogs, units, directory, reportingReplies, queryReplies, chatReplies, intents);
    }

    /// <summary>The code reads the status answers by their keys: the dialogs that ask for a status must use those keys.</summary>
    private static void CheckStatusChoices(DialogCatalog dialogs)
    {
        foreach (var id in new[] { "status-update", "edit-update" })
        {
            if (!dialogs.Contains(id))
            {
                throw new DialogFormatException(DialogLoader.FolderName, 0, $"thiếu hội thoại \"{id}\" (missing dialog)");
            }

            var dialog = dialogs[id];
            var status = dialog.Steps.FirstOrDefault(s => s.Id == "status")
                ?? throw new DialogFormatException(dialog.FileName, 1, "hội thoại cần một bước \"status\" (missing status step)");
            foreach (var choice in status.Choices.Where(c => !ChatActions.StatusKeys.ContainsKey(c.Key)))
            {
                throw new DialogFormatException(dialog.FileName, status.Line, $"tình hình \"{choice.Key}\" không có; chỉ dùng key: {string.Join(", ", ChatActions.StatusKeys.Keys)} (unknown status key)");
            }
        }
    }

    private static string DefaultPlanFile(string directory)
    {
        var folder = Path.Combine(directory, PlanFolder);
        var candidates = System.IO.Directory.Exists(folder)
            ? System.IO.Directory.GetFiles(folder, "*.md").Concat(System.IO.Directory.GetFiles(folder, "*.txt")).Order(StringComparer.Ordinal).ToList()
            : [];
        return candidates.Count switch
        {
            1 => candidates[0],
            0 => throw new ContentException($"{folder}: không có tệp kế hoạch (.md hoặc .txt) (no plan document)"),
            _ => throw new ContentException($"{folder}: có {candidates.Count} tệp kế hoạch, hãy chỉ rõ tệp nào với Bot:PlanFile (several plan documents)"),
        };
    }

    public void Dispose() => Answers.Dispose();
}

/// <summary>A content folder or file that cannot be used; the message names the file.</summary>
public sealed class ContentException(string message) : Exception(message);
