using System.Globalization;
using System.Text;

namespace PcgdBot.Plan.Tests;

/// <summary>The content folder copied next to the tests (dialogs/), its lexicon and the real plan, read once.</summary>
internal static class TestContent
{
    public const string PlanFileName = "ke-hoach-pcgd-phong-tho-2024.md";

    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "dialogs");

    public static string PlanPath { get; } = Path.Combine(Directory, "plan", PlanFileName);

    private static readonly Lazy<Lexicon> LazyLexicon = new(() => Lexicon.Load(Directory));
    private static readonly Lazy<PlanDocument> LazyPhongTho = new(() => PlanParser.Load(PlanPath, Lexicon));

    public static Lexicon Lexicon => LazyLexicon.Value;

    /// <summary>The Phong Thổ plan parsed with the real lexicon.</summary>
    public static PlanDocument PhongTho => LazyPhongTho.Value;

    /// <summary>The plan file's lines; line n of the file is <c>PlanLines[n - 1]</c>.</summary>
    public static string[] PlanLines => File.ReadAllLines(PlanPath);

    public static PlanUnit UnitNamed(this PlanDocument plan, string name) =>
        Assert.Single(plan.Units, u => u.Name == name);

    public static PlanDuty Duty(this PlanDocument plan, string id) =>
        Assert.Single(plan.Duties, d => d.Id == id);

    /// <summary>The 1-based number of the first line of <paramref name="text"/> that contains <paramref name="fragment"/>.</summary>
    public static int LineOf(string text, string fragment)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var index = Array.FindIndex(lines, l => l.Contains(fragment, StringComparison.Ordinal));
        Assert.True(index >= 0, $"no line contains \"{fragment}\"");
        return index + 1;
    }

    /// <summary>True when the text has Vietnamese letters (a diacritic or "đ"), i.e. it is written in Vietnamese.</summary>
    public static bool LooksVietnamese(string text) =>
        text.Contains('đ', StringComparison.OrdinalIgnoreCase)
        || text.Normalize(NormalizationForm.FormD).Any(c => CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark);
}
