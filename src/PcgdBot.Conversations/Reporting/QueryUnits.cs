using PcgdBot.Plan;
using PcgdBot.Storage.Reporting;

namespace PcgdBot.Conversations.Reporting;

/// <summary>
/// The stored units as the data queries see them: which ones report, which are collective units with members,
/// and where each is named in a question. Taken fresh per question because invites can add members at any time.
/// </summary>
internal sealed class QueryUnits
{
    private readonly Dictionary<string, UnitRecord> byId;
    private readonly ILookup<string, UnitRecord> membersByParent;

    public QueryUnits(IReadOnlyList<UnitRecord> all)
    {
        All = all;
        byId = all.ToDictionary(u => u.Id, StringComparer.Ordinal);
        membersByParent = all.Where(u => u.ParentId is not null).ToLookup(u => u.ParentId!, StringComparer.Ordinal);

        // A unit reports when it says so and no member reports in its place (invites can add members later).
        Reporters = [.. all.Where(u => u.Reports && !membersByParent.Contains(u.Id))];
    }

    public IReadOnlyList<UnitRecord> All { get; }

    /// <summary>The units expected to send reports, in list order.</summary>
    public IReadOnlyList<UnitRecord> Reporters { get; }

    public UnitRecord? Find(string id) => byId.GetValueOrDefault(id);

    public bool HasMembers(UnitRecord unit) => membersByParent.Contains(unit.Id);

    public bool IsReporter(UnitRecord unit) => unit.Reports && !HasMembers(unit);

    /// <summary>Whether <paramref name="unit"/> is one of <paramref name="unitIds"/> or a member (at any depth) of one.</summary>
    public bool IsWithin(UnitRecord unit, IReadOnlySet<string> unitIds)
    {
        // The depth guard only protects against a malformed parent cycle in the stored data.
        UnitRecord? current = unit;
        for (var depth = 0; current is not null && depth < 8; depth++)
        {
            if (unitIds.Contains(current.Id))
            {
                return true;
            }

            current = current.ParentId is { } parentId ? Find(parentId) : null;
        }

        return false;
    }

    /// <summary>The reporting units of a group: the unit itself if it reports, else its reporting members.</summary>
    public IReadOnlyList<UnitRecord> ReportersWithin(UnitRecord unit)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal) { unit.Id };
        return [.. Reporters.Where(r => IsWithin(r, ids))];
    }

    /// <summary>
    /// A finder over the units' names and aliases. Members come first so that when a member and a collective unit
    /// share an alias of the same length ("thị trấn"), the member wins; longer aliases always win.
    /// </summary>
    public UnitMentionFinder MentionFinder(Lexicon lexicon) => new(
        All.OrderBy(HasMembers).Select(u => new PlanUnit(u.Id, u.Name, null, u.Aliases)),
        lexicon);
}
