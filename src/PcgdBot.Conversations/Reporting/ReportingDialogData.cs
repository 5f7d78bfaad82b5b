using PcgdBot.Dialogs;
using PcgdBot.Plan;
using PcgdBot.Storage.Reporting;

namespace PcgdBot.Conversations.Reporting;

/// <summary>The run-time lists the dialogs ask from: the person's units, a unit's duties, the plan's units and their members.</summary>
internal sealed class ReportingDialogData(PlanDocument plan, UnitDirectory units, KnownPerson? person, string otherTaskLabel, Func<string, IReadOnlyDictionary<string, SlotValue>, string?>? placeholders = null) : IDialogData
{
    public string? Placeholder(string name, IReadOnlyDictionary<string, SlotValue> values) => placeholders?.Invoke(name, values);

    public const string OtherTaskKey = "viec-khac";
    private const int ShortDutyLength = 90;

    public IReadOnlyList<DialogChoice> Choices(string source, IReadOnlyDictionary<string, SlotValue> values) => source switch
    {
        ChatActions.MyUnits => MyUnits(),
        ChatActions.UnitDuties => values.TryGetValue("unit", out var unit) ? DutiesOf(unit.Key) : [],
        ChatActions.PlanUnits => [.. units.Units
            .Where(u => u.ParentId is null && (u.Reports || units.MembersOf(u.Id).Any()))
            .Select(u => new DialogChoice(u.Id, u.Name, null, u.Aliases))],
        ChatActions.UnitMembers => values.TryGetValue("unit", out var parent)
            ? [.. units.MembersOf(parent.Key).Select(u => new DialogChoice(u.Id, u.Name, null, u.Aliases))]
            : [],
        _ => throw new InvalidOperationException($"Unknown choice list {source}."),
    };

    /// <summary>The units this person may report for.</summary>
    public IReadOnlyList<DialogChoice> MyUnits() =>
        person is null
            ? []
            : [.. person.Memberships
                .Select(m => units[m.UnitId])
                .OfType<UnitRecord>()
                .Where(u => units.Reports(u.Id))
                .DistinctBy(u => u.Id)
                .OrderBy(u => u.Order)
                .Select(u => new DialogChoice(u.Id, u.Name, null, u.Aliases))];

    /// <summary>The plan's duties for a unit ("IV.13.2 — Tham mưu …"), then "việc khác".</summary>
    public IReadOnlyList<DialogChoice> DutiesOf(string unitId)
    {
        if (units[unitId] is not { } unit)
        {
            return [];
        }

        var duties = plan.DutiesOf(unit.PlanUnitId)
            .Select(d => new DialogChoice(d.Id, d.Id + " — " + Shorten(d.Label, ShortDutyLength), d.Id, [d.Id]))
            .ToList();
        duties.Add(new DialogChoice(OtherTaskKey, otherTaskLabel, null, ["việc khác", "khác"]));
        return duties;
    }

    public static string Shorten(string text, int length)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (flat.Length <= length)
        {
            return flat;
        }

        var cut = flat.LastIndexOf(' ', length - 1);
        return flat[..(cut > length / 2 ? cut : length - 1)].TrimEnd(',', ';', ' ') + "…";
    }
}
