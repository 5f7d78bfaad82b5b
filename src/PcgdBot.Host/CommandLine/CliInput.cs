using System.Runtime.CompilerServices;

namespace PcgdBot.Host.CommandLine;

/// <summary>Reading a command's input one line at a time, as people and scripts write it.</summary>
internal static class CliInput
{
    /// <summary>The non-blank lines of <paramref name="reader"/>, trimmed, until end of input.</summary>
    public static async IAsyncEnumerable<string> ReadNonBlankLinesAsync(TextReader reader, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            // A byte-order mark is not whitespace to string.Trim, so strip it explicitly.
            var text = line.Trim().Trim('\uFEFF').Trim();
            if (text.Length > 0)
            {
                yield return text;
            }
        }
    }
}
