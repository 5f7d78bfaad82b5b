using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PcgdBot.Channels;
using PcgdBot.Host.Bot;
using PcgdBot.Storage;
using PcgdBot.Storage.Reporting;
using PcgdBot.Zalo.Bot;
using PcgdBot.Zalo.Oa;

namespace PcgdBot.Host.Channels;

/// <summary>The Zalo channels in the host: the Official Account when its app id and OA secret key are set, the Bot Platform with its token.</summary>
public static partial class ZaloChannels
{
    public static TBuilder AddZaloChannels<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        var services = builder.Services;
        services.AddOptions<ZaloOaOptions>().BindConfiguration(ZaloOaOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ZaloOaOptions>>(new ProblemsValidator<ZaloOaOptions>(options => options.Problems()));
        services.TryAddSingleton<IChannelReachability>(provider => new StoreReachability(new ReportingStore(provider.GetRequiredService<PcgdBotDatabase>())));

        AddZaloBot(builder);
        var oa = builder.Configuration.GetSection(ZaloOaOptions.SectionName).Get<ZaloOaOptions>() ?? new ZaloOaOptions();
        if (!oa.IsEnabled)
        {
            services.AddHostedService(provider => new OffNotice(provider.GetRequiredService<ILogger<OffNotice>>(), "Zalo OA", "Zalo:Oa:AppId and Zalo:Oa:OaSecretKey"));
            return builder;
        }

        services.AddSingleton(provider => provider.GetRequiredService<IOptions<ZaloOaOptions>>().Value);
        services.AddHttpClient(nameof(ZaloOaApiClient)).AddHttpMessageHandler(() => new ContentLengthHandler());
        services.AddSingleton<IZaloOaClient>(provider => new ZaloOaApiClient(
            provider.GetRequiredService<ZaloOaOptions>(),
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(ZaloOaApiClient))));
        services.AddSingleton(provider =>
        {
            var store = new ZaloTokenStore(provider.GetRequiredService<PcgdBotDatabase>());
            var options = provider.GetRequiredService<ZaloOaOptions>();
            store.SeedFromConfiguration(options.OaId, options.AccessToken, options.RefreshToken, provider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
            return store;
        });
        services.AddSingleton<ZaloTokenKeeper>();
        services.AddSingleton(provider => new ZaloOaInbox(provider.GetRequiredService<PcgdBotDatabase>(), provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(provider => (ZaloOaAdapter)new ZaloOaAdapter(
            provider.GetRequiredService<IZaloOaClient>(),
            provider.GetRequiredService<ZaloTokenKeeper>(),
            provider.GetRequiredService<ZaloOaInbox>(),
            provider.GetRequiredService<ZaloOaOptions>(),
            provider.GetRequiredService<IChannelReachability>(),
            provider.GetRequiredService<ILogger<ZaloOaAdapter>>())
        {
            OnTurnError = provider.GetRequiredService<TurnErrorReporter>().ReportAsync,
            Time = provider.GetRequiredService<TimeProvider>(),
            Circuit = provider.GetRequiredService<StorageCircuit>(),
        }.WithChannelSafety(provider).Use(provider.GetRequiredService<UndeliveredReplies>()));
        services.AddHostedService<ZaloOaInboxProcessor>();
        services.AddHostedService<ZaloTokenRenewal>();
        return builder;
    }

    /// <summary>The Zalo Bot Platform (Telegram-shaped): on when <c>Zalo:Bot:Token</c> is set, polling or webhook.</summary>
    private static void AddZaloBot(IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ZaloBotOptions>().BindConfiguration(ZaloBotOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ZaloBotOptions>>(new ProblemsValidator<ZaloBotOptions>(options => options.Problems()));
        var settings = builder.Configuration.GetSection(ZaloBotOptions.SectionName).Get<ZaloBotOptions>() ?? new ZaloBotOptions();
        if (!settings.IsEnabled)
        {
            services.AddHostedService(provider => new OffNotice(provider.GetRequiredService<ILogger<OffNotice>>(), "Zalo Bot", "Zalo:Bot:Token"));
            return;
        }

        services.AddSingleton(provider => provider.GetRequiredService<IOptions<ZaloBotOptions>>().Value);
        services.AddHttpClient(nameof(ZaloBotApiClient)).AddHttpMessageHandler(() => new ContentLengthHandler());
        services.AddSingleton<IZaloBotClient>(provider => new ZaloBotApiClient(
            provider.GetRequiredService<ZaloBotOptions>(),
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(ZaloBotApiClient))));
        services.AddSingleton(provider => (ZaloBotAdapter)new ZaloBotAdapter(
            provider.GetRequiredService<IZaloBotClient>(),
            provider.GetRequiredService<ZaloBotOptions>(),
            new ProcessedEvents(provider.GetRequiredService<PcgdBotDatabase>(), provider.GetRequiredService<TimeProvider>()),
            provider.GetRequiredService<IChannelReachability>(),
            provider.GetRequiredService<ILogger<ZaloBotAdapter>>())
        {
            OnTurnError = provider.GetRequiredService<TurnErrorReporter>().ReportAsync,
            Attempts = new TurnAttempts(provider.GetRequiredService<ZaloBotOptions>().MaxTurnAttempts),
            Circuit = provider.GetRequiredService<StorageCircuit>(),
        }.WithChannelSafety(provider).Use(provider.GetRequiredService<UndeliveredReplies>()));
        if (settings.EffectiveMode == ZaloBotMode.Webhook)
        {
            services.AddHostedService<ZaloBotWebhookRegistration>();
        }
        else
        {
            services.AddHostedService<ZaloBotPollingService>();
        }
    }

    public static TEndpoints MapZaloChannels<TEndpoints>(this TEndpoints endpoints)
        where TEndpoints : IEndpointRouteBuilder
    {
        endpoints.MapPost(ZaloBotOptions.WebhookPath, (HttpContext http, IServiceProvider services, IBot bot) =>
            services.GetService<ZaloBotAdapter>() is { } adapter
                ? adapter.ProcessAsync(http.Request, http.Response, bot, http.RequestAborted)
                : Task.FromResult(http.Response.StatusCode = StatusCodes.Status404NotFound));
        endpoints.MapPost(ZaloOaOptions.WebhookPath, (HttpContext http, IServiceProvider services, IBot bot) =>
            services.GetService<ZaloOaAdapter>() is { } adapter
                ? adapter.ProcessAsync(http.Request, http.Response, bot, http.RequestAborted)
                : Task.FromResult(http.Response.StatusCode = StatusCodes.Status404NotFound));
        return endpoints;
    }
}

/// <summary>Says once, at start, that a channel is off and which settings turn it on.</summary>
internal sealed partial class OffNotice(ILogger<OffNotice> logger, string channel, string settings) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogOff(channel, settings);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "{Channel} is off: set {Settings} to turn it on")]
    private partial void LogOff(string channel, string settings);
}

/// <summary>Names every problem of a settings section in the start-up error.</summary>
internal sealed class ProblemsValidator<TOptions>(Func<TOptions, IEnumerable<string>> problems) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options) =>
        problems(options).ToList() is { Count: > 0 } found ? ValidateOptionsResult.Fail(found) : ValidateOptionsResult.Success;
}
