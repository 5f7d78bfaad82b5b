using PcgdBot.Storage.Reporting;

namespace PcgdBot.Conversations.Reporting;

/// <summary>
/// What one registered person may see of the reported data: a coordinator sees everything; a commune leader or a
/// focal point sees the details of their own units (and of those units' members) and only totals for the rest.
/// </summary>
internal sealed class QueryScope
{
    private readonly UnitDirectory units;
    private readonly HashSet<string> ownUnitIds;

    private QueryScope(UnitDirectory units, bool seesAll, HashSet<string> ownUnitIds)
    {
        this.units = units;
        SeesAll = seesAll;
        this.ownUnitIds = ownUnitIds;
        OwnUnits = [.. units.Units.Where(u => ownUnitIds.Contains(u.Id))];
    }

    public bool SeesAll { get; }

    /// <summary>The units of the person's memberships that still exist, in list order.</summary>
    public IReadOnlyList<UnitRecord> OwnUnits { get; }

    /// <summary>The reporting units the person answers for: their own units, or the members reporting for them.</summary>
    public IReadOnlyList<UnitRecord> OwnReporters => [.. units.ReportingUnits.Where(u => units.IsWithin(u, ownUnitIds))];

    /// <summary>Whether the person's own units are all communes, so replies can say "xã mình" rather than "đơn vị mình".</summary>
    public bool OwnAreCommunes => OwnUnits.Count > 0 && OwnUnits.All(u => u.IsCommune);

    public static QueryScope Of(KnownPerson person, UnitDirectory units) => new(
        units,
        person.IsCoordinator,
        person.Memberships.Select(m => m.UnitId).ToHashSet(StringComparer.Ordinal));

    public bool CanSeeDetailsOf(UnitRecord unit) => SeesAll || units.IsWithin(unit, ownUnitIds);
}
