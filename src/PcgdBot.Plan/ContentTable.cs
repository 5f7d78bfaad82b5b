using System.Text;

namespace PcgdBot.Plan;

/// <summary>
/// The tab-separated files of the content folder (lexicon, reporting units, holidays): one row per line, blank lines
/// and lines starting with # skipped, text in NFC, cells trimmed. Each file checks its own columns.
/// </summary>
public static class ContentTable
{
    /// <returns>Each row with its 1-based line number, for "file:line: reason" errors.</returns>
    public static IEnumerable<(int Line, string[] Cells)> Rows(string text)
    {
        var lineNumber = 0;
        foreach (var rawLine in text.Replace("\r\n", "\n").Split('\n'))
        {
            lineNumber++;
            var line = rawLine.Normalize(NormalizationForm.FormC).Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            yield return (lineNumber, line.Split('\t', StringSplitOptions.TrimEntries));
        }
    }
}
