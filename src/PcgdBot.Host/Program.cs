using System.Text;
using PcgdBot.Host.CommandLine;

// Vietnamese text must survive terminals and pipes whatever the system locale is.
Console.OutputEncoding = Encoding.UTF8;
Console.InputEncoding = Encoding.UTF8;

return await PcgdBotCommandLine.InvokeAsync(args, CliConsole.FromSystemConsole());

/// <summary>Visible to WebApplicationFactory&lt;Program&gt; in the tests.</summary>
public partial class Program;
