using PcgdBot.Answers;
using PcgdBot.Plan;

namespace PcgdBot.Conversations;

/// <summary>Everything the bot knows, loaded from the content folder (<c>dialogs/</c>): the plan and the reply templates.</summary>
public sealed class PcgdBotContent : IDisposable
{
    /// <summary>The <c>dialogs</c> folder shipped beside the program.</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "dialogs");

    private PcgdBotContent(PlanDocument plan, AnswerService answers)
    {
        Plan = plan;
        Answers = answers;
    }

    public PlanDocument Plan { get; }

    public AnswerService Answers { get; }

    /// <summary>Loads and validates the content; throws <see cref="PlanFormatException"/> (or <see cref="ContentException"/>) with file and line.</summary>
    public static PcgdBotContent Load(string directory, string? planFile = null) => throw new NotImplementedException();

    public void Dispose() => Answers.Dispose();
}

/// <summary>A content file (templates, dialogs) that cannot be used; the message names the file and line.</summary>
public sealed class ContentException(string message) : Exception(message);
