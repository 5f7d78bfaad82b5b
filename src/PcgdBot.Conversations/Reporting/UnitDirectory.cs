using PcgdBot.Plan;
using PcgdBot.Storage.Reporting;

namespace PcgdBot.Conversations.Reporting;

/// <summary>
/// The stored units, findable by the names people type ("xa muong so", "phòng LĐ-TB&amp;XH", "Mường So").
/// Built from a snapshot of the units; rebuild it when units are added.
/// </summary>
public sealed class UnitDirectory
{
    private readonly Dictionary<string, UnitRecord> byId;
    private readonly UnitMentionFinder finder;

    public UnitDirectory(IReadOnlyList<UnitRecord> units, Lexicon lexicon)
    {
        Units = units;
        byId = units.ToDictionary(u => u.Id, StringComparer.Ordinal);
        var parents = units.Where(u => u.ParentId is not null).Select(u => u.ParentId!).ToHashSet(StringComparer.Ordinal);
        ReportingUnits = [.. units.Where(u => u.Reports && !parents.Contains(u.Id)).OrderBy(u => u.Order)];
        finder = new UnitMentionFinder(units.Select(u => new PlanUnit(u.Id, u.Name, null, u.Aliases)), lexicon);
    }

    public IReadOnlyList<UnitRecord> Units { get; }

    /// <summary>The units that report on their own: members of collective units, and plan units without members.</summary>
    public IReadOnlyList<UnitRecord> ReportingUnits { get; }

    public UnitRecord? this[string id] => byId.GetValueOrDefault(id);

    public IEnumerable<UnitRecord> MembersOf(string unitId) => Units.Where(u => u.ParentId == unitId).OrderBy(u => u.Order);

    public bool Reports(string unitId) => ReportingUnits.Any(u => u.Id == unitId);

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
