namespace PcgdBot.Host.CommandLine;

/// <summary>
/// ASP.NET Core settings given on the command line ("--environment=Development", "--urls http://+:5000", "--Bot:PlanFile=x.md").
/// <c>serve</c> passes them to WebApplication.CreateBuilder; WebApplicationFactory starts the program with such arguments only.
/// </summary>
internal static class HostSettingArguments
{
    /// <returns>The first token that is not part of a "--key=value" or "--key value" setting, or null when all are settings.</returns>
    public static string? FindUnrecognized(IReadOnlyList<string> tokens)
    {
        for (var index = 0; index < tokens.Count; index++)
        {
            var token = tokens[index];
            if (token.Length <= 2 || !token.StartsWith("--", StringComparison.Ordinal) || token[2] is '=' or '-')
            {
                return token;
            }

            if (token.Contains('=', StringComparison.Ordinal))
            {
                continue;
            }

            // "--key value": the value is the next token, unless that is another option or missing.
            if (index + 1 < tokens.Count && !tokens[index + 1].StartsWith('-'))
            {
                index++;
                continue;
            }

            return token;
        }

        return null;
    }
}
