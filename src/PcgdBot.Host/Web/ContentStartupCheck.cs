using PcgdBot.Answers;
using PcgdBot.Conversations;
using PcgdBot.Host.Bot;
using PcgdBot.Plan;

namespace PcgdBot.Host.Web;

/// <summary>
/// Builds the bot (and so loads its content) before the server accepts requests, so a malformed plan stops
/// the start-up with one clear log line instead of failing the first user's message.
/// </summary>
internal sealed partial class ContentStartupCheck(IServiceProvider services, ILogger<ContentStartupCheck> logger) : IHostedLifecycleService
{
    /// <summary>Loads the content now; logs what is wrong and throws <see cref="BotStartupException"/> when it cannot be used.</summary>
    public void EnsureBotCanStart()
    {
        try
        {
            services.GetRequiredService<IChatResponder>();

            // reminders.yaml and holidays.tsv are content too: a bad one stops the start like a bad dialog file.
            services.GetRequiredService<Reminders.Schedule.ReminderSchedule>();
        }
        catch (PlanFormatException error)
        {
            LogMalformedPlan(error.FileName, error.Line, error.Reason);
            throw new BotStartupException($"Kế hoạch không hợp lệ (malformed plan): {error.FileName}:{error.Line}: {error.Reason}", error);
        }
        catch (TemplateException error)
        {
            LogMalformedTemplates(error.FileName, error.Line, error.Reason);
            throw new BotStartupException($"Mẫu câu trả lời không hợp lệ (malformed reply templates): {error.FileName}:{error.Line}: {error.Reason}", error);
        }
        catch (ContentFileException error)
        {
            // Dialog files, the reporting-units file, the lexicon: "file:line: reason".
            LogMalformedContent(error.FileName, error.Line, error.Reason);
            throw new BotStartupException($"Nội dung không hợp lệ (malformed content): {error.Message}", error);
        }
        catch (Exception error) when (Storage.DatabaseFullException.IsCauseOf(error))
        {
            // Whatever was writing at start-up (the data file, an index): the disk is full, not the content bad.
            LogDiskFull(error.Message);
            throw new BotStartupException(
                error is Storage.DatabaseFullException ? error.Message : $"Đĩa đầy, không ghi được dữ liệu (no space left on device): {error.Message}", error);
        }
        catch (Storage.DatabaseException error)
        {
            LogUnusableDatabase(error.Message);
            throw new BotStartupException(error.Message, error);
        }
        catch (Exception error) when (error is ContentException or IOException or UnauthorizedAccessException)
        {
            LogUnusableContent(error.Message);
            throw new BotStartupException($"Nội dung không dùng được (unusable content): {error.Message}", error);
        }
    }

    // StartingAsync runs before any hosted service's StartAsync, i.e. before Kestrel listens. `serve` has usually
    // checked already (then this is a no-op); this covers hosts started another way, such as WebApplicationFactory.
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        EnsureBotCanStart();
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Critical, Message = "The bot cannot start: the plan is malformed at {PlanFile}:{Line}: {Reason}")]
    private partial void LogMalformedPlan(string planFile, int line, string reason);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The bot cannot start: the reply templates are malformed at {TemplateFile}:{Line}: {Reason}")]
    private partial void LogMalformedTemplates(string templateFile, int line, string reason);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The bot cannot start: a content file is malformed at {ContentFile}:{Line}: {Reason}")]
    private partial void LogMalformedContent(string contentFile, int line, string reason);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The bot cannot start: đĩa đầy / no space left on device: {Problem}")]
    private partial void LogDiskFull(string problem);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The bot cannot start: its database cannot be used: {Problem}")]
    private partial void LogUnusableDatabase(string problem);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The bot cannot start: its content is unusable: {Problem}")]
    private partial void LogUnusableContent(string problem);
}
