using Microsoft.Bot.Schema;

namespace PcgdBot.Channels;

/// <summary>
/// A file the bot sends (the consolidated report), as it rides on a reply activity: the bytes for channels that upload
/// (Telegram sendDocument, Zalo OA upload), and a signed download link with its sentence for those that cannot.
/// </summary>
/// <param name="Link">A short-lived link to the same file, made for the one person the reply goes to.</param>
/// <param name="LinkText">What the person reads with the link ("tải báo cáo tại đường dẫn sau…"), from the content.</param>
public sealed record ChannelFile(string Name, string MediaType, byte[] Content, string Link, string LinkText)
{
    /// <summary>The attachment's property holding <see cref="LinkText"/> (Bot Framework has no field for it).</summary>
    public const string LinkTextProperty = "pcgdbotLinkText";

    /// <summary>An attachment carrying the file: Content the bytes, ContentUrl the link.</summary>
    public Attachment ToAttachment()
    {
        var attachment = new Attachment(MediaType, Link, Content, Name);
        attachment.Properties[LinkTextProperty] = LinkText;
        return attachment;
    }

    /// <summary>The file on a reply, or null when it carries none.</summary>
    public static ChannelFile? From(IActivity activity)
    {
        if (activity is not IMessageActivity message || message.Attachments is not { Count: > 0 } attachments)
        {
            return null;
        }

        foreach (var attachment in attachments)
        {
            if (attachment.Content is byte[] bytes && attachment.Name is { Length: > 0 } name && attachment.ContentUrl is { Length: > 0 } link)
            {
                var text = attachment.Properties?[LinkTextProperty]?.ToString() ?? link;
                return new ChannelFile(name, attachment.ContentType ?? "application/octet-stream", bytes, link, text);
            }
        }

        return null;
    }
}
