using PcgdBot.Answers;
using PcgdBot.Conversations;

namespace PcgdBot.Dashboard;

/// <summary>What the desk sends through the bot, from <c>dialogs/replies.dashboard.vi.txt</c> (checked with file:line errors).</summary>
public sealed class DashboardTexts(ChatEngine engine)
{
    public const string FileName = "replies.dashboard.vi.txt";

    public static readonly IReadOnlyDictionary<string, string[]> Required = new Dictionary<string, string[]>
    {
        ["remind.not-reported"] = ["period", "deadline"],
        ["remind.signature"] = ["name"],
    };

    private readonly Lazy<ReplyTemplates> templates = new(() => ReplyTemplates.Load(engine.Content.Directory, FileName, Required));

    public string Render(string key, params (string Name, string Value)[] values) => templates.Value.Render(key, values);
}
