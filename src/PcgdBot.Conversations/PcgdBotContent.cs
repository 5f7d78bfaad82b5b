using PcgdBot.Answers;
using PcgdBot.Plan;

namespace PcgdBot.Conversations;

/// <summary>Everything the bot knows, loaded from the content folder (<c>dialogs/</c>): the plan, the lexicon and the reply templates.</summary>
public sealed class PcgdBotContent : IDisposable
{
    /// <summary>Where the plan documents live inside the content folder.</summary>
    public const string PlanFolder = "plan";

    private PcgdBotContent(PlanDocument plan, Lexicon lexicon, ReplyTemplates replies, AnswerService answers)
    {
        Plan = plan;
        Lexicon = lexicon;
        Replies = replies;
        Answers = answers;
    }

    /// <summary>The <c>dialogs</c> folder shipped beside the program.</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "dialogs");

    public PlanDocument Plan { get; }

    public Lexicon Lexicon { get; }

    public ReplyTemplates Replies { get; }

    public AnswerService Answers { get; }

    /// <summary>
    /// Loads and validates the content. A bad file stops the load with its name, line and reason
    /// (<see cref="PlanFormatException"/>, <see cref="TemplateException"/> or <see cref="ContentException"/>).
    /// </summary>
    /// <param name="planFile">The plan to use; by default the one document in <c>dialogs/plan/</c>.</param>
    public static PcgdBotContent Load(string directory, string? planFile = null)
    {
        if (!Directory.Exists(directory))
        {
            throw new ContentException($"{directory}: không tìm thấy thư mục nội dung (content folder not found)");
        }

        var lexicon = Lexicon.Load(directory);
        var plan = PlanParser.Load(planFile ?? DefaultPlanFile(directory), lexicon);
        var replies = ReplyTemplates.Load(directory);
        return new PcgdBotContent(plan, lexicon, replies, new AnswerService(plan, lexicon, replies));
    }

    private static string DefaultPlanFile(string directory)
    {
        var folder = Path.Combine(directory, PlanFolder);
        var candidates = Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.md").Concat(Directory.GetFiles(folder, "*.txt")).Order(StringComparer.Ordinal).ToList()
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
