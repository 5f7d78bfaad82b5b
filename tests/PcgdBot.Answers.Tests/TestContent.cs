using PcgdBot.Answers;
using PcgdBot.Plan;

namespace PcgdBot.Answers.Tests;

/// <summary>One answer service over the bundled plan, shared by the tests (building it is the slow part).</summary>
public sealed class AnswerServiceFixture : IDisposable
{
    public static string ContentDirectory => Path.Combine(AppContext.BaseDirectory, "dialogs");

    public AnswerServiceFixture()
    {
        var lexicon = Lexicon.Load(ContentDirectory);
        var plan = PlanParser.Load(Path.Combine(ContentDirectory, "plan", "ke-hoach-pcgd-phong-tho-2024.md"), lexicon);
        Service = new AnswerService(plan, lexicon, ReplyTemplates.Load(ContentDirectory));
    }

    public AnswerService Service { get; }

    public void Dispose() => Service.Dispose();
}
