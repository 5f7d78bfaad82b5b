using System.Security.Cryptography;
using JsonSerializer = System.Text.Json.JsonSerializer;
using JsonSerializerOptions = System.Text.Json.JsonSerializerOptions;
using LiteDB;

namespace PcgdBot.Storage.Reporting;

/// <summary>How redeeming a code went.</summary>
public enum RedeemOutcome
{
    /// <summary>A new person, or a new unit for a known person.</summary>
    Registered,

    /// <summary>This chat account now belongs to the person who made the linking code.</summary>
    Linked,

    /// <summary>This account is already this person's and already has this place.</summary>
    AlreadyRegistered,

    NotFound,
    Expired,
    AlreadyUsed,

    /// <summary>Too many wrong codes from this account lately; nothing was checked.</summary>
    RateLimited,

    /// <summary>A linking code used from an account that already belongs to someone else.</summary>
    AccountBelongsToAnotherPerson,
}

public sealed record RedeemResult(RedeemOutcome Outcome, PersonRecord? Person = null, UnitRecord? Unit = null, PersonRole? Role = null, TimeSpan? RetryAfter = null);

/// <summary>A person as the bot meets them: who, through which account, and their places.</summary>
public sealed record KnownPerson(PersonRecord Person, IdentityRecord Identity, IReadOnlyList<MembershipRecord> Memberships)
{
    public bool Has(PersonRole role) => Memberships.Any(m => m.Role == role);

    public bool IsCoordinator => Has(PersonRole.Coordinator);
}

/// <summary>
/// People, chat identities, units, invite codes, status updates and the audit trail in the bot's LiteDB file.
/// Every change is one transaction together with its audit entry: a crash leaves either all of it or none.
/// </summary>
public sealed class ReportingStore(PcgdBotDatabase database)
{
    /// <summary>Letters and digits that cannot be confused when read aloud or typed on a phone (no 0/O, 1/I/L).</summary>
    private const string CodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    public const int CodeLength = 8;
    public const int MaxWrongCodes = 5;
    public static readonly TimeSpan WrongCodeWindow = TimeSpan.FromMinutes(15);

    private const string UnitsVersion = "units-version";

    private static readonly JsonSerializerOptions AuditJson = new() { WriteIndented = false };

    private UnitsSnapshot? unitsCache;

    private LiteDatabase Db => database.Raw;

    private ILiteCollection<PersonRecord> People => Db.GetCollection<PersonRecord>("people");

    private ILiteCollection<IdentityRecord> Identities => Db.GetCollection<IdentityRecord>("identities");

    private ILiteCollection<UnitRecord> Units => Db.GetCollection<UnitRecord>("units");

    private ILiteCollection<MembershipRecord> Memberships => Db.GetCollection<MembershipRecord>("memberships");

    private ILiteCollection<InviteRecord> Invites => Db.GetCollection<InviteRecord>("invites");

    private ILiteCollection<CodeAttemptRecord> CodeAttempts => Db.GetCollection<CodeAttemptRecord>("code_attempts");

    private ILiteCollection<StatusUpdateRecord> Updates => Db.GetCollection<StatusUpdateRecord>("updates");

    private ILiteCollection<AuditRecord> Audit => Db.GetCollection<AuditRecord>("audit");

    private ILiteCollection<CounterRecord> Counters => Db.GetCollection<CounterRecord>("counters");

    // ---- Units -------------------------------------------------------------------------------------

    /// <summary>
    /// Makes the stored units match the content (plan + data file). Units added by invites stay; content units that
    /// disappeared stop reporting but are kept, so their old updates still have a name.
    /// </summary>
    public void SyncUnits(IReadOnlyList<UnitRecord> contentUnits) => database.Write(db =>
    {
        var units = db.GetCollection<UnitRecord>("units");
        NextValue(db, UnitsVersion);
        var wanted = contentUnits.Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var unit in contentUnits)
        {
            units.Upsert(unit);
        }

        foreach (var stale in units.Find(u => u.Source == "content").Where(u => !wanted.Contains(u.Id)).ToList())
        {
            stale.Reports = false;
            units.Update(stale);
        }
    });

    public UnitRecord? Unit(string id) => Units.FindById(id);

    /// <summary>
    /// All units in list order. Read on every question, so the list is kept and read again only when the units'
    /// version (bumped by every change, in the same transaction) moves. Callers must not change the records.
    /// </summary>
    public IReadOnlyList<UnitRecord> AllUnits()
    {
        var version = Counters.FindById(UnitsVersion)?.Value ?? 0;
        if (Volatile.Read(ref unitsCache) is { } cached && cached.Version == version)
        {
            return cached.Units;
        }

        IReadOnlyList<UnitRecord> units = [.. Units.FindAll().OrderBy(u => u.Order).ThenBy(u => u.Name, StringComparer.Ordinal)];
        Volatile.Write(ref unitsCache, new UnitsSnapshot(version, units));
        return units;
    }

    private sealed record UnitsSnapshot(long Version, IReadOnlyList<UnitRecord> Units);

    /// <summary>Adds a member (e.g. a school) to a collective unit, or returns the one already there with that name.</summary>
    public UnitRecord AddMemberUnit(UnitRecord parent, string id, string name, string kind, string createdBy, DateTime now) => database.Write(db =>
    {
        var units = db.GetCollection<UnitRecord>("units");
        if (units.FindById(id) is { } existing)
        {
            return existing;
        }

        NextValue(db, UnitsVersion);
        var order = units.Find(u => u.ParentId == parent.Id).Select(u => u.Order).DefaultIfEmpty(parent.Order).Max() + 1;
        var unit = new UnitRecord { Id = id, Name = name, PlanUnitId = parent.PlanUnitId, ParentId = parent.Id, Kind = kind, Source = "invite", Order = order };
        units.Insert(unit);
        AddAudit(db, "units", id, "created", createdBy, now, null, unit);
        return unit;
    });

    // ---- People ------------------------------------------------------------------------------------

    /// <summary>The person behind a chat account, or null for someone not registered. Notes when they were last seen.</summary>
    public KnownPerson? FindByIdentity(string channel, string userId)
    {
        var identity = Identities.FindById(IdentityRecord.KeyOf(channel, userId));
        if (identity is null || People.FindById(identity.PersonId) is not { } person)
        {
            return null;
        }

        return new KnownPerson(person, identity, MembershipsOf(person.Id));
    }

    public PersonRecord? Person(string personId) => People.FindById(personId);

    public IReadOnlyList<MembershipRecord> MembershipsOf(string personId) => [.. Memberships.Find(m => m.PersonId == personId)];

    public IReadOnlyList<MembershipRecord> AllMemberships() => [.. Memberships.FindAll()];

    public IReadOnlyList<IdentityRecord> IdentitiesOf(string personId) => [.. Identities.Find(i => i.PersonId == personId)];

    public IReadOnlyList<PersonRecord> AllPeople() => [.. People.FindAll()];

    /// <summary>Remembers where a registered person last wrote from; a person who writes is reachable again.</summary>
    public void Seen(string channel, string userId, string conversationId, string? displayName, DateTime now) => database.Write(db =>
    {
        var identities = db.GetCollection<IdentityRecord>("identities");
        if (identities.FindById(IdentityRecord.KeyOf(channel, userId)) is { } identity)
        {
            identity.ConversationId = conversationId;
            identity.LastSeenAt = now;
            identity.Unreachable = false;
            identity.DisplayName = displayName ?? identity.DisplayName;
            identities.Update(identity);
        }
    });

    /// <summary>The platform will not deliver to this account (blocked bot, closed window) until the person writes again.</summary>
    public bool MarkUnreachable(string channel, string userId) => database.Write(db =>
    {
        var identities = db.GetCollection<IdentityRecord>("identities");
        if (identities.FindById(IdentityRecord.KeyOf(channel, userId)) is not { } identity || identity.Unreachable)
        {
            return false;
        }

        identity.Unreachable = true;
        return identities.Update(identity);
    });

    // ---- Invite codes ------------------------------------------------------------------------------

    /// <summary>Creates a one-time code for a unit and role, valid for <paramref name="validFor"/>.</summary>
    public InviteRecord CreateInvite(string unitId, PersonRole role, string createdBy, DateTime now, TimeSpan validFor) =>
        NewCode(new InviteRecord { UnitId = unitId, Role = role, CreatedBy = createdBy, CreatedAt = now, ExpiresAt = now + validFor });

    /// <summary>Creates a code that joins another chat account to <paramref name="personId"/>.</summary>
    public InviteRecord CreateLinkCode(string personId, DateTime now, TimeSpan validFor) =>
        NewCode(new InviteRecord { LinkPersonId = personId, CreatedBy = personId, CreatedAt = now, ExpiresAt = now + validFor });

    private InviteRecord NewCode(InviteRecord invite) => database.Write(db =>
    {
        var invites = db.GetCollection<InviteRecord>("invites");
        do
        {
            invite.Id = RandomNumberGenerator.GetString(CodeAlphabet, CodeLength);
        }
        while (invites.FindById(invite.Id) is not null);

        invites.Insert(invite);
        AddAudit(db, "invites", invite.Id, "invite-created", invite.CreatedBy, invite.CreatedAt, null, invite);
        return invite;
    });

    /// <summary>Codes as people type them: any case, with spaces or dashes.</summary>
    public static string NormalizeCode(string code) => new([.. code.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant)]);

    /// <summary>
    /// Uses a code from a chat account: registers the person (creating them on first use) for the code's unit and
    /// role, or links the account to the code's person. Wrong codes count against the account.
    /// </summary>
    public RedeemResult Redeem(string code, string channel, string userId, string? displayName, string conversationId, DateTime now) => database.Write(db =>
    {
        var identityKey = IdentityRecord.KeyOf(channel, userId);
        var attempts = db.GetCollection<CodeAttemptRecord>("code_attempts");
        var attempt = attempts.FindById(identityKey) ?? new CodeAttemptRecord { Id = identityKey };
        attempt.Failures.RemoveAll(f => now - f > WrongCodeWindow);
        if (attempt.Failures.Count >= MaxWrongCodes)
        {
            return new RedeemResult(RedeemOutcome.RateLimited, RetryAfter: attempt.Failures.Min() + WrongCodeWindow - now);
        }

        var invites = db.GetCollection<InviteRecord>("invites");
        var invite = invites.FindById(NormalizeCode(code));
        var failure = invite switch
        {
            null => RedeemOutcome.NotFound,
            { UsedAt: not null } => RedeemOutcome.AlreadyUsed,
            _ when invite.ExpiresAt <= now => RedeemOutcome.Expired,
            _ => (RedeemOutcome?)null,
        };
        if (failure is { } outcome)
        {
            attempt.Failures.Add(now);
            attempts.Upsert(attempt);
            return new RedeemResult(outcome);
        }

        var identities = db.GetCollection<IdentityRecord>("identities");
        var people = db.GetCollection<PersonRecord>("people");
        var identity = identities.FindById(identityKey);
        PersonRecord person;
        RedeemOutcome result;
        UnitRecord? unit = null;
        if (invite!.LinkPersonId is { } linkPersonId)
        {
            if (identity is not null && identity.PersonId != linkPersonId)
            {
                return new RedeemResult(RedeemOutcome.AccountBelongsToAnotherPerson);
            }

            person = people.FindById(linkPersonId);
            result = identity is null ? RedeemOutcome.Linked : RedeemOutcome.AlreadyRegistered;
        }
        else
        {
            person = identity is null ? null! : people.FindById(identity.PersonId);
            if (person is null)
            {
                person = new PersonRecord { Id = NewId(), Name = displayName?.Trim() is { Length: > 0 } name ? name : "Người dùng " + userId, CreatedAt = now };
                people.Insert(person);
                AddAudit(db, "people", person.Id, "created", person.Id, now, null, person);
            }

            unit = db.GetCollection<UnitRecord>("units").FindById(invite.UnitId);
            var memberships = db.GetCollection<MembershipRecord>("memberships");
            var membershipId = person.Id + ":" + invite.UnitId;
            var existing = memberships.FindById(membershipId);
            result = existing?.Role == invite.Role ? RedeemOutcome.AlreadyRegistered : RedeemOutcome.Registered;
            var membership = new MembershipRecord { Id = membershipId, PersonId = person.Id, UnitId = invite.UnitId!, Role = invite.Role, Since = now };
            memberships.Upsert(membership);
            AddAudit(db, "memberships", membershipId, "registered", person.Id, now, existing, membership);
        }

        if (identity is null)
        {
            identity = new IdentityRecord
            {
                Id = identityKey, PersonId = person.Id, Channel = channel, UserId = userId, DisplayName = displayName,
                ConversationId = conversationId, LinkedAt = now, LastSeenAt = now,
            };
            identities.Insert(identity);
            AddAudit(db, "identities", identityKey, invite.LinkPersonId is null ? "registered" : "linked", person.Id, now, null, identity);
        }

        invite.UsedAt = now;
        invite.UsedBy = identityKey;
        invites.Update(invite);
        attempts.Delete(identityKey);
        return new RedeemResult(result, person, unit, invite.LinkPersonId is null ? invite.Role : null);
    });

    // ---- Status updates ----------------------------------------------------------------------------

    /// <summary>
    /// Saves a new update with its receipt number and audit entry in one transaction. Saving the same
    /// <see cref="StatusUpdateRecord.SourceKey"/> again returns the record already saved (a retried turn never duplicates).
    /// </summary>
    public StatusUpdateRecord SaveUpdate(StatusUpdateRecord update) => database.Write(db =>
    {
        var updates = db.GetCollection<StatusUpdateRecord>("updates");
        if (updates.FindOne(u => u.SourceKey == update.SourceKey) is { } saved)
        {
            return saved;
        }

        var number = NextValue(db, "receipt");
        update.Id = number;
        update.Receipt = FormatReceipt(number);
        update.Revision = 1;
        updates.Insert(update);
        AddAudit(db, "updates", update.Receipt, "created", update.PersonId, update.CreatedAt, null, update);
        return update;
    });

    /// <summary>Changes an update; the audit trail keeps the version before. Idempotent per <paramref name="sourceKey"/>.</summary>
    public StatusUpdateRecord? EditUpdate(long id, string personId, string sourceKey, DateTime now, Action<StatusUpdateRecord> change) => database.Write(db =>
    {
        var updates = db.GetCollection<StatusUpdateRecord>("updates");
        var update = updates.FindById(id);
        if (update is null)
        {
            return null;
        }

        var audit = db.GetCollection<AuditRecord>("audit");
        if (audit.Exists(a => a.RecordId == update.Receipt && a.Action == "edited:" + sourceKey))
        {
            return update;
        }

        var before = JsonSerializer.Serialize(update, AuditJson);
        change(update);
        update.Revision++;
        update.UpdatedAt = now;
        updates.Update(update);
        audit.Insert(new AuditRecord { Collection = "updates", RecordId = update.Receipt, Action = "edited:" + sourceKey, PersonId = personId, At = now, Before = before, After = JsonSerializer.Serialize(update, AuditJson) });
        return update;
    });

    public StatusUpdateRecord? UpdateByReceipt(string receipt) => Updates.FindOne(u => u.Receipt == receipt);

    public IReadOnlyList<StatusUpdateRecord> UpdatesOfPerson(string personId, string period) =>
        [.. Updates.Find(u => u.PersonId == personId && u.Period == period).OrderBy(u => u.Id)];

    public IReadOnlyList<StatusUpdateRecord> UpdatesOfUnit(string unitId, string period) =>
        [.. Updates.Find(u => u.UnitId == unitId && u.Period == period).OrderBy(u => u.Id)];

    public IReadOnlyList<StatusUpdateRecord> UpdatesIn(string period) => [.. Updates.Find(u => u.Period == period).OrderBy(u => u.Id)];

    public int CountUpdates() => Updates.Count();

    /// <summary>The oldest and newest periods with updates (read from the period index); nulls when there are none.</summary>
    public (string? Oldest, string? Newest) UpdatePeriods() => Updates.Count() == 0
        ? (null, null)
        : (Updates.Min(u => u.Period), Updates.Max(u => u.Period));

    public IReadOnlyList<AuditRecord> AuditOf(string recordId) => [.. Audit.Find(a => a.RecordId == recordId).OrderBy(a => a.Id)];

    public static string FormatReceipt(long number) => "BC-" + number.ToString("0000", System.Globalization.CultureInfo.InvariantCulture);

    private static long NextValue(LiteDatabase db, string name)
    {
        var counters = db.GetCollection<CounterRecord>("counters");
        var counter = counters.FindById(name) ?? new CounterRecord { Id = name };
        counter.Value++;
        counters.Upsert(counter);
        return counter.Value;
    }

    private static void AddAudit<T>(LiteDatabase db, string collection, string recordId, string action, string? personId, DateTime at, T? before, T after)
    {
        db.GetCollection<AuditRecord>("audit").Insert(new AuditRecord
        {
            Collection = collection,
            RecordId = recordId,
            Action = action,
            PersonId = personId,
            At = at,
            Before = before is null ? null : JsonSerializer.Serialize(before, AuditJson),
            After = JsonSerializer.Serialize(after, AuditJson),
        });
    }

    private static string NewId() => RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyz23456789", 10);
}
