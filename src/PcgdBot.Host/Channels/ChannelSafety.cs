using Microsoft.Extensions.Options;
using PcgdBot.Answers;
using PcgdBot.Channels;
using PcgdBot.Conversations;
using PcgdBot.Storage;
using PcgdBot.Zalo.Oa;

namespace PcgdBot.Host.Channels;

/// <summary>The "Channels" section: how long the platform adapters keep processed ids and handled inbox events.</summary>
public sealed class ChannelSafetyOptions
{
    public const string SectionName = "Channels";

    /// <summary>
    /// Processed update ids (Telegram, Zalo Bot) and handled Zalo OA inbox events are forgotten after this; platforms
    /// re-deliver for hours at most, and Zalo OA events older than Zalo:Oa:MaxEventAge are dropped before the inbox.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How often the pruning runs.</summary>
    public TimeSpan PruneEvery { get; set; } = TimeSpan.FromHours(1);

    /// <summary>After a storage failure, webhooks answer 503 at once for this long instead of waiting on the disk again.</summary>
    public TimeSpan StorageCooldown { get; set; } = TimeSpan.FromSeconds(5);

    public IEnumerable<string> Problems()
    {
        if (Retention < TimeSpan.FromHours(1))
        {
            yield return "Channels:Retention must be at least 1 hour (platforms re-deliver for hours).";
        }

        if (PruneEvery < TimeSpan.FromSeconds(1) || PruneEvery > TimeSpan.FromDays(1))
        {
            yield return "Channels:PruneEvery must be between 1 second and 1 day.";
        }

        if (StorageCooldown < TimeSpan.Zero || StorageCooldown > TimeSpan.FromMinutes(5))
        {
            yield return "Channels:StorageCooldown must be between 0 and 5 minutes.";
        }
    }
}

/// <summary>What the platform adapters share in the host: the give-up note from <c>dialogs/</c>, the storage circuit, pruning.</summary>
public static class ChannelSafety
{
    public const string TemplateFile = "replies.channels.vi.txt";

    public static readonly IReadOnlyDictionary<string, string[]> RequiredTemplates = new Dictionary<string, string[]> { ["turn.failed"] = [] };

    public static TBuilder AddChannelSafety<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        var services = builder.Services;
        services.AddOptions<ChannelSafetyOptions>().BindConfiguration(ChannelSafetyOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ChannelSafetyOptions>>(new ProblemsValidator<ChannelSafetyOptions>(options => options.Problems()));
        services.AddSingleton(provider => new StorageCircuit(
            provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<IOptions<ChannelSafetyOptions>>().Value.StorageCooldown));
        services.AddHostedService<ChannelRetention>();
        return builder;
    }

    /// <summary>The sentence a person gets when their message failed on every try (<c>dialogs/replies.channels.vi.txt</c>).</summary>
    public static string TurnFailedNote(IServiceProvider services)
    {
        var content = services.GetRequiredService<PcgdBotContent>();
        return ReplyTemplates.Load(content.Directory, TemplateFile, RequiredTemplates).Render("turn.failed");
    }

    /// <summary>The give-up note, the tries and the shared circuit on an adapter built by the host.</summary>
    public static TAdapter WithChannelSafety<TAdapter>(this TAdapter adapter, IServiceProvider services)
        where TAdapter : PlatformAdapter
    {
        adapter.TurnFailedNote = TurnFailedNote(services);
        return adapter;
    }
}

/// <summary>
/// Prunes, in the background, what the webhooks keep to recognise re-deliveries: processed update ids and handled Zalo OA
/// inbox events (with their bodies) older than <see cref="ChannelSafetyOptions.Retention"/>. Time from TimeProvider.
/// </summary>
public sealed partial class ChannelRetention(IServiceProvider services, TimeProvider time, IOptions<ChannelSafetyOptions> options, ILogger<ChannelRetention> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var timer = new PeriodicTimer(settings.PruneEvery, time);
        do
        {
            PruneOnce();
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).AsTask().ContinueWith(t => !t.IsCanceled && t.Result, TaskScheduler.Default));
    }

    /// <summary>One pass; returns how many processed ids and inbox events were forgotten.</summary>
    public (int ProcessedIds, int InboxEvents) PruneOnce()
    {
        var before = time.GetUtcNow().UtcDateTime - options.Value.Retention;
        try
        {
            var ids = new ProcessedEvents(services.GetRequiredService<PcgdBotDatabase>(), time).Prune(before);
            var events = services.GetService<ZaloOaInbox>()?.Prune(before) ?? 0;
            if (ids + events > 0)
            {
                LogPruned(ids, events, before);
            }

            return (ids, events);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // A failed pass loses nothing: the next one prunes the same records.
            LogPruneFailed(error.Message);
            return (0, 0);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Channels: forgot {ProcessedIds} processed update ids and {InboxEvents} handled Zalo OA events received before {Before}")]
    private partial void LogPruned(int processedIds, int inboxEvents, DateTime before);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Channels: pruning processed ids and the inbox failed: {Reason}; tried again later")]
    private partial void LogPruneFailed(string reason);
}
