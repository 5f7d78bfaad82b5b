using System.CommandLine;
using PcgdBot.Host.Operations;
using PcgdBot.Storage;

namespace PcgdBot.Host.CommandLine;

/// <summary>
/// <c>backup [--out DIR] [--keep N] [--db PATH]</c>: a verified copy of the data file, named with the date and time,
/// keeping the last N copies in the folder. <c>restore FILE [--db PATH]</c>: puts a copy back (bot stopped).
/// </summary>
public static class BackupCommand
{
    public static Command Create(CliConsole console)
    {
        var output = new Option<string?>("--out") { Description = "The backup folder (default: 'backups' beside the data file).", HelpName = "DIR" };
        var keep = new Option<int>("--keep") { Description = "How many copies to keep in the folder.", DefaultValueFactory = _ => 14 };
        keep.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 1000)
            {
                result.AddError("--keep must be between 1 and 1000.");
            }
        });
        var database = CommonOptions.Database();
        var command = new Command("backup", "Copy the data file (checked by reopening the copy) into a folder of dated copies.") { output, keep, database };
        command.SetAction(parseResult => Run(parseResult.GetRequiredValue(database), parseResult.GetValue(output), parseResult.GetValue(keep), console));
        return command;
    }

    public static Command CreateRestore(CliConsole console)
    {
        var file = new Argument<string>("FILE") { Description = "The backup copy to put back." }.RejectingUnknownOptions();
        var database = CommonOptions.Database();
        var command = new Command("restore", "Replace the data file by a backup copy (stop the bot first); the old file is kept aside.") { file, database };
        command.SetAction(parseResult => Restore(parseResult.GetRequiredValue(file), parseResult.GetRequiredValue(database), console));
        return command;
    }

    public static string DefaultFolder(string databasePath) => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(databasePath))!, "backups");

    public static int Run(string databasePath, string? outputFolder, int keep, CliConsole console)
    {
        try
        {
            using var database = PcgdBotDatabase.Open(Path.GetFullPath(databasePath));
            var done = DatabaseBackups.Run(database, outputFolder ?? DefaultFolder(databasePath), keep, OfficeClock.Now());
            console.Out.WriteLine(done.Describe());
            return ExitCodes.Success;
        }
        catch (DatabaseException error)
        {
            console.Error.WriteLine(error.Message);
            return ExitCodes.InvalidInput;
        }
    }

    public static int Restore(string backupFile, string databasePath, CliConsole console)
    {
        try
        {
            var (restored, keptAt) = PcgdBotDatabase.Restore(backupFile, databasePath);
            console.Out.WriteLine(
                $"Đã khôi phục {restored.File} từ {Path.GetFullPath(backupFile)} ({restored.Counts.GetValueOrDefault("people")} người, "
                + $"{restored.Counts.GetValueOrDefault("updates")} báo cáo tiến độ, {restored.Counts.Values.Sum()} bản ghi; tệp đã được đọc hết và kiểm tra)."
                + (keptAt is null ? "" : $" Tệp cũ được giữ lại ở {keptAt}."));
            return ExitCodes.Success;
        }
        catch (DatabaseException error)
        {
            console.Error.WriteLine(error.Message);
            return ExitCodes.InvalidInput;
        }
    }
}
