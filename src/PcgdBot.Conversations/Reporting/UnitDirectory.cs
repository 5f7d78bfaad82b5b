using PcgdBot.Plan;
using PcgdBot.Storage.Reporting;

namespace PcgdBot.Conversations.Reporting;

/// <summary>
/// The stored units, findable by the names people type ("xa muong so", "phòng LĐ-TB&amp;XH", "Mường So"): which ones
/// report, which are collective units with members. Built from a snapshot of the units; rebuilt when units change.
/// </summary>
public sealed class UnitDirectory
{
    private readonly Dictionary<string, UnitRecord> byId;
    private readonly ILookup<string, UnitRecord> membersByParent;
    private readonly UnitMentionFinder finder;

    public UnitDirectory(IReadOnlyList<UnitRecord> units, Lexicon lexicon)
    {
        Units = units;
        byId = units.ToDictionary(u => u.Id, StringComparer.Ordinal);
        membersByParent = units.Where(u => u.ParentId is not null).ToLookup(u => u.ParentId!, StringComparer.Ordinal);

        // A unit reports when it says so and no member reports in its place (invites can add members later).
        ReportingUnits = [.. units.Where(IsReporter).OrderBy(u => u.Order)];

        // Members come first so that when a member and a collective unit share an alias of the same length
        // ("thị trấn"), the member wins; longer aliases always win.
        finder = new UnitMentionFinder(units.OrderBy(HasMembers).Select(u => new PlanUnit(u.Id, u.Name, null, u.Aliases)), lexicon);
    }

    public IReadOnlyList<UnitRecord> Units { get; }

    /// <summary>The units that report on their own: members of collective units, and plan units without members.</summary>
    public IReadOnlyList<UnitRecord> ReportingUnits { get; }

    public UnitRecord? this[string id] => byId.GetValueOrDefault(id);

    public IEnumerable<UnitRecord> MembersOf(string unitId) => membersByParent[unitId].OrderBy(u => u.Order);

    public bool Reports(string unitId) => byId.GetValueOrDefault(unitId) is { } unit && IsReporter(unit);

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

            current = current.ParentId is { } parentId ? this[parentId] : null;
        }

        return false;
    }

    /// <summary>The reporting units of a group: the unit itself if it reports, else its reporting members.</summary>
    public IReadOnlyList<UnitRecord> ReportingUnitsWithin(UnitRecord unit)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal) { unit.Id };
        return [.. ReportingUnits.Where(r => IsWithin(r, ids))];
    }

    /// <summary>Finds the units' names and aliases in canonical words (for readers that work on words already).</summary>
    public UnitMentionFinder Finder => finder;

    /// <summary>The units a text names, longest name first; "xã Mường So" is the commune, not all communes.</summary>
    public IReadOnlyList<UnitRecord> Find(string text) =>
        [.. finder.Find(text).Select(m => byId[m.UnitId]).DistinctBy(u => u.Id)];

    /// <summary>The one unit a name stands for (exactly, or as the only unit it mentions); null when none or ambiguous.</summary>
    public UnitRecord? Resolve(string name)
    {
        var folded = VietnameseText.Fold(name);
        var exact = Units.Where(u => VietnameseText.Fold(u.Name) == folded || u.Aliases.Any(a => VietnameseText.Fold(a) == folded)).ToList();
        if (exact.Count == 1)
        {
            return exact[0];
        }

        var found = Find(name);
        return found.Count == 1 ? found[0] : null;
    }
}
