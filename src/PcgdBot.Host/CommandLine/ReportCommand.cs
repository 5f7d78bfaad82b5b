using System.CommandLine;
using Microsoft.Extensions.Configuration;
using PcgdBot.Conversations.Reports;
using PcgdBot.Reports;

namespace PcgdBot.Host.CommandLine;

/// <summary>What <c>report</c> was asked to make.</summary>
/// <param name="Period">The reporting year ("2026"); null takes the usual one (the period that just closed).</param>
/// <param name="Unit">One unit's part, by name or alias; null for the whole district.</param>
/// <param name="OutputPath">Where to write; null writes the file's own name ("bao-cao-2026.docx") in the current folder.</param>
public sealed record ReportCommandSettings(string? Period, ReportFormat Format, string? Unit, string? OutputPath, string DatabasePath, string ContentDirectory);

/// <summary>
/// <c>report [--period 2026] [--format docx|xlsx] [--unit U] [--out FILE] [--db PATH]</c>: the consolidated report
/// from the database, the same document the coordinator gets in chat. The signer and the document number come from
/// the <c>Report</c> settings (environment variables <c>Report__DocumentNumber</c>, <c>Report__SignerName</c>…).
/// </summary>
public static class ReportCommand
{
    public static Command Create(CliConsole console)
    {
        var period = new Option<string?>("--period")
        {
            Description = "The reporting year, e.g. 2026 (default: the period that has just closed).",
            HelpName = "YEAR",
        };
        var format = new Option<string>("--format")
        {
            Description = "docx (Word, the official layout) or xlsx (Excel tables).",
            HelpName = "FORMAT",
            DefaultValueFactory = _ => "docx",
        };
        format.AcceptOnlyFromAmong("docx", "xlsx");
        var unit = new Option<string?>("--unit")
        {
            Description = "Only this unit's part, by name or usual short name (\"xã Mường So\", \"Phòng Nội vụ\").",
            HelpName = "UNIT",
        };
        var output = new Option<string?>("--out")
        {
            Description = "The file to write (default: bao-cao-YEAR.docx or .xlsx in the current folder).",
            HelpName = "FILE",
        };
        var database = CommonOptions.Database();
        var content = CommonOptions.ContentDirectory();
        var command = new Command("report", "Write the consolidated report (Word or Excel) from the collected status updates.") { period, format, unit, output, database, content };
        command.SetAction((parseResult, _) => Task.FromResult(Run(
            new ReportCommandSettings(
                parseResult.GetValue(period),
                parseResult.GetRequiredValue(format) == "xlsx" ? ReportFormat.Xlsx : ReportFormat.Docx,
                parseResult.GetValue(unit),
                parseResult.GetValue(output),
                parseResult.GetRequiredValue(database),
                parseResult.GetRequiredValue(content)),
            console)));
        return command;
    }

    public static int Run(ReportCommandSettings settings, CliConsole console)
    {
        using var bot = CliEngine.TryOpen(settings.ContentDirectory, settings.DatabasePath, console, ReadReportSettings());
        if (bot is null)
        {
            return ExitCodes.InvalidInput;
        }

        var service = bot.Engine.Reports.Service;
        var outcome = service.Create(settings.Period, settings.Format, settings.Unit, bot.Engine.Today);
        if (outcome.Error is { } error)
        {
            console.Error.WriteLine(error);
            return ExitCodes.InvalidInput;
        }

        var file = outcome.File!;
        var path = Path.GetFullPath(settings.OutputPath is { Length: > 0 } asked ? asked : file.Name);
        try
        {
            WriteWhole(path, file.Content);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            console.Error.WriteLine($"{path}: không ghi được tệp báo cáo (cannot write the report): {failure.Message}");
            return ExitCodes.InvalidInput;
        }

        console.Out.WriteLine(service.Describe(outcome.Report!, settings.Format).Split('\n')[0].Trim());
        console.Out.WriteLine(path);
        return ExitCodes.Success;
    }

    /// <summary>Written next to the target and moved over it, so a failure never leaves half a document under the name.</summary>
    private static void WriteWhole(string path, byte[] content)
    {
        var folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        try
        {
            File.WriteAllBytes(temporary, content);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>The <c>Report</c> section as the web host reads it, from the environment (Report__SignerName=…).</summary>
    private static ReportSettings ReadReportSettings()
    {
        var settings = new ReportSettings();
        new ConfigurationBuilder().AddEnvironmentVariables().Build().GetSection(ReportSettings.SectionName).Bind(settings);
        return settings;
    }
}
