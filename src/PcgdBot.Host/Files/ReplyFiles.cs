using System.Globalization;
using Microsoft.Bot.Schema;
using PcgdBot.Channels;
using PcgdBot.Conversations;

namespace PcgdBot.Host.Files;

/// <summary>
/// A reply's file as the adapters get it: an attachment with the bytes (for uploads) and a download link made for the
/// one person the reply goes to, with its sentence from the content (<c>report.link</c>).
/// </summary>
public sealed class ReplyFiles(FileLinks links, Func<string, (string Name, string Value)[], string> render)
{
    /// <summary>A sentence of <c>dialogs/replies.report.vi.txt</c> ("report.link-expired").</summary>
    public string Sentence(string key) => render(key, []);

    public Attachment ToAttachment(ChatFile file, string channel, string userId)
    {
        var link = links.Create(file, channel, userId);
        var minutes = (int)Math.Ceiling(links.Validity.TotalMinutes);
        var sentence = render("report.link", [("link", link), ("minutes", minutes.ToString(CultureInfo.InvariantCulture))]);
        return new ChannelFile(file.Name, file.MediaType, file.Content, link, sentence).ToAttachment();
    }
}
