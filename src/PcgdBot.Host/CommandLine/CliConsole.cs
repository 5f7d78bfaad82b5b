using System.Text;

namespace PcgdBot.Host.CommandLine;

/// <summary>The streams a command reads and writes, passed in so tests can run commands in-process.</summary>
/// <param name="IsInputTerminal">True when a person types the input (not a pipe or file): only then do commands greet and prompt.</param>
public sealed record CliConsole(TextReader In, TextWriter Out, TextWriter Error, bool IsInputTerminal = false)
{
    public static CliConsole FromSystemConsole()
    {
        // A redirected stdin is read as UTF-8 and a byte-order mark (some Windows tools write one) is dropped;
        // a terminal keeps Console.In, which already uses Console.InputEncoding.
        var input = Console.IsInputRedirected
            ? new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), detectEncodingFromByteOrderMarks: true)
            : Console.In;
        return new CliConsole(input, Console.Out, Console.Error, IsInputTerminal: !Console.IsInputRedirected);
    }
}
