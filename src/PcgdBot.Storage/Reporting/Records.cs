namespace PcgdBot.Storage.Reporting;

// Stored shapes of the reporting data. Mutable classes with parameterless constructors because that is
// what LiteDB's mapper reads; nothing outside PcgdBot.Storage changes them except through ReportingStore.

/// <summary>What a person may do for a unit.</summary>
public enum PersonRole
{
    /// <summary>Cán bộ đầu mối: reports for the unit.</summary>
    Focal,

    /// <summary>Lãnh đạo xã: leads one commune; sees the commune's reports and the district totals.</summary>
    Leader,

    /// <summary>Điều phối (Phòng GD&amp;ĐT): sees everything, creates invite codes.</summary>
    Coordinator,
}

/// <summary>Where a duty stands, as the person reports it.</summary>
public enum ProgressStatus
{
    NotStarted,
    InProgress,
    Done,
    Blocked,
}

/// <summary>One human being, whatever chat accounts they use.</summary>
public sealed class PersonRecord
{
    public string Id { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public DateTime CreatedAt { get; set; }
}

/// <summary>A chat account ("telegram:12345") linked to a person.</summary>
public sealed class IdentityRecord
{
    /// <summary>"{channel}:{user id on that channel}".</summary>
    public string Id { get; set; } = string.Empty;

    public string PersonId { get; set; } = string.Empty;

    public string Channel { get; set; } = string.Empty;

    public string UserId { get; set; } = string.Empty;

    public string? DisplayName { get; set; }

    /// <summary>The conversation the person last wrote in, for messages the bot starts.</summary>
    public string? ConversationId { get; set; }

    public DateTime LinkedAt { get; set; }

    public DateTime LastSeenAt { get; set; }

    /// <summary>The platform refused delivery (blocked bot, closed window); cleared when the person writes again.</summary>
    public bool Unreachable { get; set; }

    public static string KeyOf(string channel, string userId) => channel + ":" + userId;
}

/// <summary>
/// A unit that reports: a unit of the plan, or a named member of a collective one (a commune of
/// "UBND các xã, thị trấn", a school, a border post).
/// </summary>
public sealed class UnitRecord
{
    public string Id { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    /// <summary>The plan unit whose duties this unit carries.</summary>
    public string PlanUnitId { get; set; } = string.Empty;

    /// <summary>The collective plan unit it is a member of; null for a unit that is itself in the plan.</summary>
    public string? ParentId { get; set; }

    /// <summary>"unit", "commune", "town", "school", "border-post", "member".</summary>
    public string Kind { get; set; } = "unit";

    public List<string> Aliases { get; set; } = [];

    /// <summary>False for a collective unit whose members report instead, or one that does not report.</summary>
    public bool Reports { get; set; } = true;

    /// <summary>"content" (plan and data file) or "invite" (added when a coordinator invited a new member).</summary>
    public string Source { get; set; } = "content";

    /// <summary>Order in lists: the plan's order, members after their parent.</summary>
    public int Order { get; set; }

    public bool IsCommune => Kind is "commune" or "town";
}

/// <summary>A person's place in a unit.</summary>
public sealed class MembershipRecord
{
    /// <summary>"{person}:{unit}"; a person has one role per unit.</summary>
    public string Id { get; set; } = string.Empty;

    public string PersonId { get; set; } = string.Empty;

    public string UnitId { get; set; } = string.Empty;

    public PersonRole Role { get; set; }

    public DateTime Since { get; set; }
}

/// <summary>A one-time code: registers a new person for a unit and role, or links another chat account to a person.</summary>
public sealed class InviteRecord
{
    /// <summary>The code itself, upper case.</summary>
    public string Id { get; set; } = string.Empty;

    public string? UnitId { get; set; }

    public PersonRole Role { get; set; }

    /// <summary>Set for a linking code: the person the new account joins.</summary>
    public string? LinkPersonId { get; set; }

    public string CreatedBy { get; set; } = string.Empty;

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? UsedAt { get; set; }

    public string? UsedBy { get; set; }
}

/// <summary>Wrong codes typed from one chat account, for rate limiting.</summary>
public sealed class CodeAttemptRecord
{
    public string Id { get; set; } = string.Empty;

    public List<DateTime> Failures { get; set; } = [];
}

/// <summary>One status update of one unit about one duty.</summary>
public sealed class StatusUpdateRecord
{
    public long Id { get; set; }

    /// <summary>The short number the person is given, e.g. "BC-0042".</summary>
    public string Receipt { get; set; } = string.Empty;

    public string PersonId { get; set; } = string.Empty;

    public string UnitId { get; set; } = string.Empty;

    /// <summary>The plan duty ("IV.13.2"); null for "việc khác".</summary>
    public string? DutyId { get; set; }

    /// <summary>The duty's text, or what the person wrote for "việc khác".</summary>
    public string Task { get; set; } = string.Empty;

    public ProgressStatus Status { get; set; }

    public decimal? FigureValue { get; set; }

    public string? FigureUnit { get; set; }

    public bool FigureIsPercent { get; set; }

    /// <summary>The figure as shown ("80%", "3 lớp").</summary>
    public string? FigureText { get; set; }

    public string? Note { get; set; }

    /// <summary>The reporting period, named by the year it ends in ("2026").</summary>
    public string Period { get; set; } = string.Empty;

    public string Channel { get; set; } = string.Empty;

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public int Revision { get; set; } = 1;

    /// <summary>The dialog run that produced it; saving the same run twice gives the same record.</summary>
    public string SourceKey { get; set; } = string.Empty;
}

/// <summary>One change to the reporting data: who did what, with the record before and after (JSON).</summary>
public sealed class AuditRecord
{
    public long Id { get; set; }

    public string Collection { get; set; } = string.Empty;

    public string RecordId { get; set; } = string.Empty;

    /// <summary>"created", "edited", "registered", "linked", "invite-created".</summary>
    public string Action { get; set; } = string.Empty;

    public string? PersonId { get; set; }

    public DateTime At { get; set; }

    public string? Before { get; set; }

    public string? After { get; set; }
}

/// <summary>A named sequence (receipt numbers).</summary>
public sealed class CounterRecord
{
    public string Id { get; set; } = string.Empty;

    public long Value { get; set; }
}
