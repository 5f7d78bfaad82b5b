namespace PcgdBot.Plan;

/// <summary>Reads a plan document (the district's "Kế hoạch", as Markdown-like text) into a <see cref="PlanDocument"/>.</summary>
public static class PlanParser
{
    public static PlanDocument Load(string path) => Parse(File.ReadAllText(path), Path.GetFileName(path));

    /// <exception cref="PlanFormatException">The text is not a plan of the expected shape.</exception>
    public static PlanDocument Parse(string text, string sourceName = "plan") => throw new NotImplementedException();
}
