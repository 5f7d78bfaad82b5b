using PcgdBot.Plan;

namespace PcgdBot.Reminders.Schedule;

/// <summary>A content file of the schedule that cannot be used: "file:line: reason".</summary>
public sealed class ReminderFormatException(string fileName, int line, string reason) : ContentFileException(fileName, line, reason);

/// <summary>Who a reminder goes to. The application turns it into a list of chats when it builds the broadcast.</summary>
public enum ReminderAudience
{
    /// <summary><c>not-reported</c>: the units that have not reported in the current period.</summary>
    NotReported,

    /// <summary><c>coordinators</c>: the standing office (Phòng GD&amp;ĐT) that follows up and sums up.</summary>
    Coordinators,

    /// <summary><c>everyone</c>: every registered person.</summary>
    Everyone,

    /// <summary><c>focal-points</c>: each unit's focal point.</summary>
    FocalPoints,

    /// <summary><c>communes</c>: the communes and towns.</summary>
    Communes,

    /// <summary><c>commune-leaders</c>: the communes' leaders.</summary>
    CommuneLeaders,
}

/// <summary>The names <c>audience:</c> takes in <c>dialogs/reminders.yaml</c>.</summary>
public static class ReminderAudiences
{
    private static readonly Dictionary<string, ReminderAudience> ByName = new(StringComparer.Ordinal)
    {
        ["not-reported"] = ReminderAudience.NotReported,
        ["coordinators"] = ReminderAudience.Coordinators,
        ["everyone"] = ReminderAudience.Everyone,
        ["focal-points"] = ReminderAudience.FocalPoints,
        ["communes"] = ReminderAudience.Communes,
        ["commune-leaders"] = ReminderAudience.CommuneLeaders,
    };

    public static IReadOnlyCollection<string> Names => ByName.Keys;

    public static bool TryParse(string name, out ReminderAudience audience) => ByName.TryGetValue(name, out audience);

    public static string Name(ReminderAudience audience) => ByName.First(pair => pair.Value == audience).Key;
}

/// <summary>
/// One entry of <c>dialogs/reminders.yaml</c>: a yearly deadline (day/month) and the days around it on which a message
/// goes out at <see cref="Time"/> local time.
/// </summary>
/// <param name="Offsets">Days relative to the deadline: -7 is a week before, 1 the day after.</param>
/// <param name="Message">The text with <c>{deadline}</c>, <c>{days}</c>, <c>{period}</c> (filled by the schedule) and
/// <c>{late}</c> (left for the application).</param>
/// <param name="OfferUpdate">Whether the message carries the "Cập nhật ngay" button.</param>
public sealed record ReminderDefinition(
    string Id,
    int DeadlineDay,
    int DeadlineMonth,
    IReadOnlyList<int> Offsets,
    TimeOnly Time,
    ReminderAudience Audience,
    string Message,
    bool OfferUpdate)
{
    public DateOnly DeadlineIn(int year) => new(year, DeadlineMonth, DeadlineDay);
}

/// <summary>The whole of <c>dialogs/reminders.yaml</c>.</summary>
public sealed record ReminderCatalog(TimeZoneInfo TimeZone, IReadOnlyList<ReminderDefinition> Reminders);
