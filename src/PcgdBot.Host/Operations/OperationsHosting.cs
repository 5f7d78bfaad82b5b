namespace PcgdBot.Host.Operations;

/// <summary>Registers what keeps the bot running for a year: nightly backups (and, with it, health and metrics).</summary>
public static class OperationsHosting
{
    public static TBuilder AddPcgdBotOperations<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<BackupOptions>()
            .BindConfiguration(BackupOptions.SectionName)
            .Validate(options => options.IsValidTime, "Backup:At must be a time of day such as 02:00.")
            .Validate(options => options.IsValidZone, "Backup:TimeZone must be a time zone such as Asia/Ho_Chi_Minh.")
            .Validate(options => options.Keep is >= 1 and <= 1000, "Backup:Keep must be between 1 and 1000.")
            .ValidateOnStart();
        builder.Services.AddHostedService<NightlyBackupService>();
        return builder;
    }
}
