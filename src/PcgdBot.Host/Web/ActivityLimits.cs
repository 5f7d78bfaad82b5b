using Microsoft.Bot.Schema;

namespace PcgdBot.Host.Web;

/// <summary>
/// What an activity posted to /api/messages must have, and how long its fields may be, checked before any turn runs:
/// a missing or malformed field is the caller's mistake (400), never a failure inside the bot (500).
/// </summary>
public static class ActivityLimits
{
    public const int MaxBodyBytes = 256 * 1024;
    public const int MaxIdLength = 256;
    public const int MaxConversationIdLength = 512;
    public const int MaxChannelIdLength = 64;
    public const int MaxTypeLength = 64;
    public const int MaxServiceUrlLength = 2048;

    /// <summary>Longer than the bot reads (MessageText.MaxLength, answered with a note) but bounded.</summary>
    public const int MaxTextLength = 10_000;

    public const int MaxMembers = 50;

    /// <returns>What is wrong (English, for the 400 body and the log), or null when the activity can run.</returns>
    public static string? Problem(Activity? activity)
    {
        if (activity is null)
        {
            return "the body is not an activity";
        }

        return Required(activity.Type, "type", MaxTypeLength)
            ?? ServiceUrlProblem(activity.ServiceUrl)
            ?? RequiredId(activity.ChannelId, "channelId", MaxChannelIdLength)
            ?? (activity.Conversation is null ? "conversation is missing" : RequiredId(activity.Conversation.Id, "conversation.id", MaxConversationIdLength))
            ?? (activity.From is null ? "from is missing" : RequiredId(activity.From.Id, "from.id", MaxIdLength))
            ?? Optional(activity.From!.Name, "from.name", MaxIdLength)
            ?? OptionalId(activity.Id, "id", MaxIdLength)
            ?? OptionalId(activity.ReplyToId, "replyToId", MaxIdLength)
            ?? OptionalId(activity.Recipient?.Id, "recipient.id", MaxIdLength)
            ?? (activity.Text is { Length: > MaxTextLength } ? $"text is longer than {MaxTextLength} characters" : null)
            ?? MembersProblem(activity.MembersAdded, "membersAdded")
            ?? MembersProblem(activity.MembersRemoved, "membersRemoved");
    }

    private static string? ServiceUrlProblem(string? serviceUrl)
    {
        if (string.IsNullOrEmpty(serviceUrl))
        {
            return "serviceUrl is missing";
        }

        if (serviceUrl.Length > MaxServiceUrlLength
            || !Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return "serviceUrl is not an absolute http(s) URL";
        }

        return null;
    }

    private static string? MembersProblem(IList<ChannelAccount>? members, string name)
    {
        if (members is null)
        {
            return null;
        }

        if (members.Count > MaxMembers)
        {
            return $"{name} has more than {MaxMembers} members";
        }

        foreach (var member in members)
        {
            if ((member is null ? $"{name} holds an empty member" : RequiredId(member.Id, name + "[].id", MaxIdLength) ?? Optional(member.Name, name + "[].name", MaxIdLength)) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    /// <summary>
    /// Ids travel in reply URLs and in the Connector's headers, which take printable ASCII only; every Bot Framework
    /// channel's ids are of that kind (GUIDs, "19:…@thread.skype", digits).
    /// </summary>
    private static string? RequiredId(string? value, string name, int maxLength) =>
        string.IsNullOrWhiteSpace(value) ? $"{name} is missing" : OptionalId(value, name, maxLength);

    private static string? OptionalId(string? value, string name, int maxLength)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Length > maxLength)
        {
            return $"{name} is longer than {maxLength} characters";
        }

        return value.All(c => c is >= ' ' and <= '~') ? null : $"{name} holds characters other than printable ASCII";
    }

    private static string? Required(string? value, string name, int maxLength) =>
        string.IsNullOrWhiteSpace(value) ? $"{name} is missing" : Optional(value, name, maxLength);

    private static string? Optional(string? value, string name, int maxLength)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Length > maxLength)
        {
            return $"{name} is longer than {maxLength} characters";
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c) && name is not "from.name" && !name.EndsWith(".name", StringComparison.Ordinal))
            {
                return $"{name} holds a control character";
            }

            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return $"{name} holds an unpaired surrogate";
            }
        }

        return null;
    }
}
