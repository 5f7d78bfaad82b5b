namespace PcgdBot.Conversations.Routing;

/// <summary>
/// What the conversation was last about — a unit of the plan, a duty, a section — kept for a few turns so that
/// "phòng nào phối hợp?", "đơn vị đó còn làm gì?" resolve against it. Stored with the conversation state (ETag).
/// </summary>
public sealed record ConversationSubject(string? UnitId, string? DutyId, string? Section, int TurnsLeft)
{
    /// <summary>How many messages a subject outlives when nothing new replaces it.</summary>
    public const int Lifetime = 4;

    public ConversationSubject? Aged() => TurnsLeft <= 1 ? null : this with { TurnsLeft = TurnsLeft - 1 };
}
