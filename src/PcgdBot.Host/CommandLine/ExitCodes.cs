namespace PcgdBot.Host.CommandLine;

/// <summary>Process exit codes of the sub-commands (System.CommandLine itself returns 1 for usage errors).</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The input (plan, content folder, file) is missing or malformed; the message says where.</summary>
    public const int InvalidInput = 1;
}
