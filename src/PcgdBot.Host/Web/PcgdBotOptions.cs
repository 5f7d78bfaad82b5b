using PcgdBot.Conversations;

namespace PcgdBot.Host.Web;

/// <summary>The "Bot" configuration section: where the bot's content is.</summary>
public sealed class PcgdBotOptions
{
    public const string SectionName = "Bot";

    /// <summary>The content folder (plan, reply templates); relative paths are relative to the content root.</summary>
    public string ContentDirectory { get; set; } = PcgdBotContent.DefaultDirectory;

    /// <summary>A plan file to use instead of the one in the content folder; null for the bundled plan.</summary>
    public string? PlanFile { get; set; }

    /// <summary>The LiteDB file (people, updates, conversation state); relative paths are relative to the content root.</summary>
    public string DatabasePath { get; set; } = Storage.PcgdBotDatabase.DefaultPath;
}
