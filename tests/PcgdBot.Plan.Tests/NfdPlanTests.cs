using System.Text;

namespace PcgdBot.Plan.Tests;

/// <summary>
/// The real plan saved in Unicode NFD (decomposed diacritics, as some editors and macOS file systems write it)
/// reads like the same plan in NFC: the parser promises Vietnamese "in NFC or NFD".
/// </summary>
public class NfdPlanTests
{
    private static readonly Lazy<(PlanDocument Nfc, PlanDocument Nfd)> Plans = new(() =>
    {
        var text = File.ReadAllText(TestContent.PlanPath);
        return (
            PlanParser.Parse(text.Normalize(NormalizationForm.FormC), TestContent.PlanFileName, TestContent.Lexicon),
            PlanParser.Parse(text.Normalize(NormalizationForm.FormD), TestContent.PlanFileName, TestContent.Lexicon));
    });

    private static PlanDocument Nfc => Plans.Value.Nfc;

    private static PlanDocument Nfd => Plans.Value.Nfd;

    [Fact]
    public void The_district_of_a_plan_in_NFD_is_found()
    {
        Assert.Equal("phong tho", VietnameseText.Fold(Nfd.District ?? "(none)"));
    }

    [Fact]
    public void A_plan_in_NFD_has_the_same_units_and_sections()
    {
        Assert.Equal(Nfc.Units.Select(u => $"{u.Section ?? "-"} {u.Id}"), Nfd.Units.Select(u => $"{u.Section ?? "-"} {u.Id}"));
    }

    [Fact]
    public void A_plan_in_NFD_has_the_same_duties_and_roles()
    {
        Assert.Equal(
            Nfc.Duties.Select(Summary),
            Nfd.Duties.Select(Summary));

        static string Summary(PlanDuty d) => $"{d.Id} L{d.Line} {string.Join(", ", d.Roles.Select(r => $"{r.UnitId}:{r.Role}"))}";
    }

    [Fact]
    public void A_plan_in_NFD_has_the_same_targets_and_their_year()
    {
        Assert.Equal(Nfc.Targets.Select(t => $"{t.Value} {t.Year}"), Nfd.Targets.Select(t => $"{t.Value} {t.Year}"));
    }

    [Fact]
    public void A_plan_in_NFD_has_the_same_deadlines()
    {
        Assert.Equal(
            Nfc.Deadlines.Select(d => $"{d.DayMonth} {string.Join(",", d.Reporters)} {VietnameseText.Fold(d.Recipient)}"),
            Nfd.Deadlines.Select(d => $"{d.DayMonth} {string.Join(",", d.Reporters)} {VietnameseText.Fold(d.Recipient)}"));
    }

    [Fact]
    public void A_plan_in_NFD_has_the_same_base_documents_and_warnings()
    {
        Assert.Equal(Nfc.BaseDocuments.Select(d => d.Number), Nfd.BaseDocuments.Select(d => d.Number));
        Assert.Equal(Nfc.Warnings.Count, Nfd.Warnings.Count);
    }
}
