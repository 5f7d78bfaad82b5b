using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PcgdBot.Host.Bot;
using PcgdBot.Channels;
using PcgdBot.Storage;
using PcgdBot.Storage.Reporting;
using PcgdBot.Telegram;

namespace PcgdBot.Host.Channels;

/// <summary>The Telegram channel in the host: on when <c>Telegram:Token</c> is set, polling or webhook by configuration.</summary>
public static partial class TelegramChannel
{
    public static TBuilder AddTelegramChannel<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        var services = builder.Services;
        services.AddOptions<TelegramAdapterOptions>()
            .BindConfiguration(TelegramAdapterOptions.SectionName)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<TelegramAdapterOptions>>(new ProblemsValidator<TelegramAdapterOptions>(options => options.Problems()));

        var settings = builder.Configuration.GetSection(TelegramAdapterOptions.SectionName).Get<TelegramAdapterOptions>() ?? new TelegramAdapterOptions();
        if (!settings.IsEnabled)
        {
            services.AddHostedService(provider => new OffNotice(provider.GetRequiredService<ILogger<OffNotice>>(), "Telegram", "Telegram:Token (Telegram__Token)"));
            return builder;
        }

        services.AddHttpClient(nameof(TelegramBotApiClient)).AddHttpMessageHandler(() => new ContentLengthHandler());
        services.AddSingleton<ITelegramClient>(provider => new TelegramBotApiClient(
            provider.GetRequiredService<IOptions<TelegramAdapterOptions>>().Value,
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(TelegramBotApiClient))));
        services.AddSingleton<IProcessedUpdates>(provider => new ProcessedTelegramUpdates(
            new ProcessedEvents(provider.GetRequiredService<PcgdBotDatabase>(), provider.GetRequiredService<TimeProvider>())));
        services.TryAddSingleton<IChannelReachability>(provider => new StoreReachability(
            new ReportingStore(provider.GetRequiredService<PcgdBotDatabase>())));
        services.AddSingleton(provider => (TelegramAdapter)new TelegramAdapter(
            provider.GetRequiredService<ITelegramClient>(),
            provider.GetRequiredService<IOptions<TelegramAdapterOptions>>().Value,
            provider.GetRequiredService<IProcessedUpdates>(),
            provider.GetRequiredService<IChannelReachability>(),
            provider.GetRequiredService<ILogger<TelegramAdapter>>())
        {
            OnTurnError = provider.GetRequiredService<TurnErrorReporter>().ReportAsync,
            Attempts = new TurnAttempts(provider.GetRequiredService<IOptions<TelegramAdapterOptions>>().Value.MaxTurnAttempts),
            Circuit = provider.GetRequiredService<StorageCircuit>(),
        }.WithChannelSafety(provider).Use(provider.GetRequiredService<UndeliveredReplies>()));
        if (settings.EffectiveMode == TelegramMode.Webhook)
        {
            services.AddHostedService<TelegramWebhookRegistration>();
        }
        else
        {
            services.AddHostedService<TelegramPollingService>();
        }

        services.AddSingleton(provider => provider.GetRequiredService<IOptions<TelegramAdapterOptions>>().Value);
        return builder;
    }

    public static TEndpoints MapTelegramChannel<TEndpoints>(this TEndpoints endpoints)
        where TEndpoints : IEndpointRouteBuilder
    {
        endpoints.MapPost(TelegramAdapterOptions.WebhookPath, (HttpContext http, IServiceProvider services, IBot bot) =>
            services.GetService<TelegramAdapter>() is { } adapter
                ? adapter.ProcessAsync(http.Request, http.Response, bot, http.RequestAborted)
                : Task.FromResult(http.Response.StatusCode = StatusCodes.Status404NotFound));
        return endpoints;
    }

    private sealed class ProcessedTelegramUpdates(ProcessedEvents events) : IProcessedUpdates
    {
        public bool Contains(long updateId) => events.Contains("telegram", updateId.ToString(System.Globalization.CultureInfo.InvariantCulture));

        public void Add(long updateId) => events.Add("telegram", updateId.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }


}
