using System.Text.RegularExpressions;
using PcgdBot.Conversations.Reporting;
using PcgdBot.Dialogs;
using PcgdBot.Dialogs.Recognition;
using PcgdBot.Plan;
using PcgdBot.Storage.Reporting;

namespace PcgdBot.Conversations;

/// <summary>
/// Reads what a one-shot update already says ("cập nhật nhiệm vụ 2: đang thực hiện 80%, đã mở 3 lớp XMC"):
/// the unit, the duty, the status, a key figure and a note. The dialog then asks only for the rest.
/// </summary>
internal static partial class OneShotReader
{
    public sealed record Reading(Dictionary<string, SlotValue> Known, UnitRecord? ForeignUnit);

    public static Reading Read(string rest, KnownPerson person, ReportingDialogData data, UnitDirectory units, StepDefinition statusStep)
    {
        var known = new Dictionary<string, SlotValue>(StringComparer.Ordinal);
        var myUnits = data.MyUnits();
        var consumed = new List<(int Start, int Length)>();

        // The unit: one of the person's own, or a unit that is not theirs (refused by the caller).
        foreach (var unit in units.Find(rest).Where(u => units.Reports(u.Id) || units.MembersOf(u.Id).Any()))
        {
            if (myUnits.FirstOrDefault(m => m.Key == unit.Id) is { } mine)
            {
                known["unit"] = new SlotValue(mine.Key, mine.Label);
                MarkConsumed(rest, unit, consumed);
            }
            else if (!myUnits.Any(m => units[m.Key]?.ParentId == unit.Id))
            {
                return new Reading(known, unit);
            }
        }

        // A person with one unit is not asked for it (the dialog takes the single option), but its duties are known.
        var unitKey = known.TryGetValue("unit", out var unitValue) ? unitValue.Key : myUnits.Count == 1 ? myUnits[0].Key : null;

        // The duty: "nhiệm vụ 2" is the 2nd line of the list the person would see; "IV.13.2" is the plan's number.
        if (unitKey is not null)
        {
            var duties = data.DutiesOf(unitKey);
            var byNumber = DutyNumber().Match(rest);
            var bySection = DutySection().Match(rest);
            DialogChoice? duty = null;
            if (bySection.Success)
            {
                duty = duties.FirstOrDefault(d => string.Equals(d.Key, bySection.Value.TrimEnd('.'), StringComparison.OrdinalIgnoreCase));
                consumed.Add((bySection.Index, bySection.Length));
            }
            else if (byNumber.Success && int.TryParse(byNumber.Groups[1].Value, out var number) && number >= 1 && number <= duties.Count)
            {
                duty = duties[number - 1];
                consumed.Add((byNumber.Index, byNumber.Length));
            }

            if (duty is not null && duty.Key != ReportingDialogData.OtherTaskKey)
            {
                known["duty"] = new SlotValue(duty.Key, duty.Label);
            }
        }

        var statusOptions = statusStep.Choices.Select(c => new ChoiceOption(c.Label, c.Synonyms)).ToList();
        var statuses = ChoiceRecognizer.FindIn(rest, statusOptions);
        if (statuses.Count > 0)
        {
            var (index, start, length) = statuses[0];
            known["status"] = new SlotValue(statusStep.Choices[index].Key, statusStep.Choices[index].Label);
            consumed.Add((start, length));
        }

        // The figure: the first one outside the duty reference ("nhiệm vụ 2" is not a figure).
        var withoutDuty = Blank(rest, consumed);
        if (KeyFigureRecognizer.RecognizeAll(withoutDuty).FirstOrDefault() is { } figure)
        {
            known["figure"] = new SlotValue(
                figure.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), figure.Display, figure.Value, figure.IsPercent ? "%" : figure.Unit, figure.IsPercent);
            var at = withoutDuty.IndexOf(figure.Text, StringComparison.Ordinal);
            if (at >= 0)
            {
                consumed.Add((at, figure.Text.Length));
            }
        }

        // The note: the parts of the message (between commas) that held none of the above.
        var note = string.Join(", ", Blank(rest, consumed)
            .Split([',', ';', '\n'])
            .Select(part => part.Trim(' ', ':', '.', '-', '\t'))
            .Where(part => part.Any(char.IsLetter))
            .Where(part => !OnlyFiller().IsMatch(VietnameseText.Fold(part))));
        if (note.Length > 0 && known.ContainsKey("status"))
        {
            known["note"] = new SlotValue(note, note);
        }

        return new Reading(known, null);
    }

    private static void MarkConsumed(string text, UnitRecord unit, List<(int Start, int Length)> consumed)
    {
        var folded = VietnameseText.Fold(text);
        foreach (var name in unit.Aliases.Append(unit.Name).OrderByDescending(n => n.Length))
        {
            var at = folded.IndexOf(VietnameseText.Fold(name), StringComparison.Ordinal);
            if (at >= 0)
            {
                var start = VietnameseText.OriginalLength(text, at);
                consumed.Add((start, VietnameseText.OriginalLength(text, at + VietnameseText.Fold(name).Length) - start));
                return;
            }
        }
    }

    /// <summary>The text with the given spans replaced by commas, so what is left splits into the note.</summary>
    private static string Blank(string text, List<(int Start, int Length)> spans)
    {
        var chars = text.ToCharArray();
        foreach (var (start, length) in spans)
        {
            for (var i = start; i < start + length && i < chars.Length; i++)
            {
                chars[i] = ',';
            }
        }

        return new string(chars);
    }

    [GeneratedRegex(@"(?:nhiệm vụ|nhiem vu|nv|mục|muc|việc|viec)\s*(?:số|so)?\s*(\d{1,2})(?![\d/.,]\d)", RegexOptions.IgnoreCase)]
    private static partial Regex DutyNumber();

    [GeneratedRegex(@"\b[IVX]+\.\d+\.\d+\b", RegexOptions.IgnoreCase)]
    private static partial Regex DutySection();

    [GeneratedRegex(@"^(cho|cua|ve|la|va|don vi|nhiem vu|tinh hinh|tien do|so lieu|ghi chu)?$")]
    private static partial Regex OnlyFiller();
}
