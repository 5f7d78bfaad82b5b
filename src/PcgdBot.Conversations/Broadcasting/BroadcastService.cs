using System.Globalization;
using LiteDB;
using PcgdBot.Conversations.Reporting;
using PcgdBot.Reminders.Outbox;
using PcgdBot.Storage;
using PcgdBot.Storage.Reporting;

namespace PcgdBot.Conversations.Broadcasting;

/// <summary>Who a broadcast goes to.</summary>
public static class Audiences
{
    public const string Everyone = "everyone";
    public const string FocalPoints = "focal-points";
    public const string NotReported = "not-reported";
    public const string Communes = "communes";
    public const string Units = "units";
    public const string CommuneLeaders = "commune-leaders";
    public const string Coordinators = "coordinators";

    public static readonly IReadOnlySet<string> All = new HashSet<string>([Everyone, FocalPoints, NotReported, Communes, Units, CommuneLeaders, Coordinators], StringComparer.Ordinal);
}

/// <summary>One person a broadcast reaches, on the channel chosen for them (null when no channel can reach them).</summary>
public sealed record Recipient(PersonRecord Person, IdentityRecord? Identity);

/// <summary>A broadcast as stored: what was sent, to whom (described), by whom, when.</summary>
public sealed record BroadcastInfo(string Id, string Text, string Audience, string CreatedBy, DateTime CreatedAt, string Kind, int Recipients, IReadOnlyList<string> NotReachable);

/// <summary>
/// Broadcasts and reminders: picks the people of an audience, the channel each is reached on (the one they last used
/// that is not marked unreachable; the others are the fallback), and puts one outbox record per person.
/// </summary>
public sealed class BroadcastService(PcgdBotDatabase database, ReportingStore store, OutboxStore outbox, ReportingCalendar calendar, TimeProvider time)
{
    /// <summary>Channels the bot can start a conversation on.</summary>
    public static readonly IReadOnlySet<string> ProactiveChannels = new HashSet<string>(["telegram", "zalo", "zalo-bot", "webchat"], StringComparer.Ordinal);

    public const string AcknowledgeButton = "Đã nhận";
    public const string UpdateNowButton = "Cập nhật ngay";
    private const string Collection = "broadcasts";

    /// <summary>Wakes the sender when records were queued; set by the host.</summary>
    public Action? Queued { get; set; }

    /// <summary>The people of an audience, each with the channel they will be reached on.</summary>
    public IReadOnlyList<Recipient> Resolve(string audience, UnitDirectory units, string? unitNames, DateOnly today)
    {
        var memberships = store.AllMemberships();
        IEnumerable<MembershipRecord> chosen = audience switch
        {
            Audiences.Everyone => memberships,
            Audiences.FocalPoints => memberships.Where(m => m.Role == PersonRole.Focal),
            Audiences.CommuneLeaders => memberships.Where(m => m.Role == PersonRole.Leader),
            Audiences.Coordinators => memberships.Where(m => m.Role == PersonRole.Coordinator),
            Audiences.Communes => memberships.Where(m => units[m.UnitId]?.IsCommune == true),
            Audiences.NotReported => NotReported(memberships, units, today),
            Audiences.Units => Named(memberships, units, unitNames ?? string.Empty),
            _ => [],
        };

        return [.. chosen
            .Select(m => m.PersonId)
            .Distinct(StringComparer.Ordinal)
            .Select(store.Person)
            .OfType<PersonRecord>()
            .Select(person => new Recipient(person, ChannelFor(person.Id)))
            .OrderBy(r => r.Person.Name, StringComparer.Ordinal)];
    }

    /// <summary>The reporting units with no update this period.</summary>
    public IReadOnlyList<UnitRecord> UnitsNotReported(UnitDirectory units, DateOnly today)
    {
        var reported = store.UpdatesIn(calendar.PeriodOf(today)).Select(u => u.UnitId).ToHashSet(StringComparer.Ordinal);
        return [.. units.ReportingUnits.Where(u => !reported.Contains(u.Id))];
    }

    /// <summary>The channel a person is reached on: the one they last used, among those not marked unreachable.</summary>
    public IdentityRecord? ChannelFor(string personId) => ReachableChannels(personId).FirstOrDefault();

    /// <summary>The person's channels the bot can write to, most recently used first.</summary>
    public IReadOnlyList<IdentityRecord> ReachableChannels(string personId) =>
        [.. store.IdentitiesOf(personId)
            .Where(i => ProactiveChannels.Contains(i.Channel) && !i.Unreachable && i.ConversationId is not null)
            .OrderByDescending(i => i.LastSeenAt)];

    /// <summary>"Sẽ gửi tới 12 người: Telegram 7, Zalo 5…" for the confirmation step.</summary>
    public static (int Total, IReadOnlyDictionary<string, int> PerChannel, IReadOnlyList<string> NotReachable) Count(IReadOnlyList<Recipient> recipients) =>
        (recipients.Count(r => r.Identity is not null),
         recipients.Where(r => r.Identity is not null).GroupBy(r => r.Identity!.Channel).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
         [.. recipients.Where(r => r.Identity is null).Select(r => r.Person.Name)]);

    /// <summary>Stores the broadcast and queues one message per reachable person, all in one transaction.</summary>
    public BroadcastInfo Send(string text, string audienceLabel, IReadOnlyList<Recipient> recipients, string createdBy, string kind, bool offerUpdate)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var id = database.Write(db =>
        {
            var counters = db.GetCollection<CounterRecord>("counters");
            var counter = counters.FindById("broadcast") ?? new CounterRecord { Id = "broadcast" };
            counter.Value++;
            counters.Upsert(counter);
            return "TB-" + counter.Value.ToString("0000", CultureInfo.InvariantCulture);
        });

        var reachable = recipients.Where(r => r.Identity is not null).ToList();
        var notReachable = recipients.Where(r => r.Identity is null).Select(r => r.Person.Name).ToList();
        IReadOnlyList<string> buttons = offerUpdate ? [UpdateNowButton, AcknowledgeButton] : [AcknowledgeButton];
        database.Write(db =>
        {
            db.GetCollection(Collection).Insert(new BsonDocument
            {
                ["_id"] = id,
                ["text"] = text,
                ["audience"] = audienceLabel,
                ["createdBy"] = createdBy,
                ["createdAt"] = now,
                ["kind"] = kind,
                ["recipients"] = reachable.Count,
                ["notReachable"] = new BsonArray(notReachable.Select(n => new BsonValue(n))),
            });
            outbox.Enqueue(reachable.Select(r => new OutboxMessage(
                id + ":" + r.Person.Id, id, r.Person.Id, r.Identity!.Channel, r.Identity.UserId, r.Identity.ConversationId!, text, buttons)));
            return 0;
        });
        Queued?.Invoke();
        return new BroadcastInfo(id, text, audienceLabel, createdBy, now, kind, reachable.Count, notReachable);
    }

    public BroadcastInfo? Find(string id) => database.Raw.GetCollection(Collection).FindById(id) is { } document ? Read(document) : null;

    public BroadcastInfo? Latest() => database.Raw.GetCollection(Collection).Query().OrderByDescending("createdAt").FirstOrDefault() is { } document ? Read(document) : null;

    private static BroadcastInfo Read(BsonDocument document) => new(
        document["_id"].AsString,
        document["text"].AsString,
        document["audience"].AsString,
        document["createdBy"].AsString,
        document["createdAt"].AsDateTime,
        document["kind"].AsString,
        document["recipients"].AsInt32,
        [.. document["notReachable"].AsArray.Select(v => v.AsString)]);

    private IEnumerable<MembershipRecord> NotReported(IReadOnlyList<MembershipRecord> memberships, UnitDirectory units, DateOnly today)
    {
        var late = UnitsNotReported(units, today).Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
        return memberships.Where(m => m.Role != PersonRole.Coordinator && late.Contains(m.UnitId));
    }

    private static IEnumerable<MembershipRecord> Named(IReadOnlyList<MembershipRecord> memberships, UnitDirectory units, string names)
    {
        // "xã Mường So, Phòng Nội vụ": each named unit, and the members of a named collective unit.
        var named = names.Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .SelectMany(units.Find)
            .SelectMany(u => units.MembersOf(u.Id).Prepend(u))
            .Select(u => u.Id)
            .ToHashSet(StringComparer.Ordinal);
        return memberships.Where(m => named.Contains(m.UnitId));
    }
}
