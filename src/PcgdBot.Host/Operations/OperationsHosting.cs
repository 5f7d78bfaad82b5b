using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;
using PcgdBot.Channels;
using PcgdBot.Host.Bot;
using PcgdBot.Host.Web;

namespace PcgdBot.Host.Operations;

/// <summary>Registers what keeps the bot running for a year: nightly backups, readiness, metrics.</summary>
public static class OperationsHosting
{
    public static TBuilder AddPcgdBotOperations<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        var services = builder.Services;
        services.AddOptions<BackupOptions>()
            .BindConfiguration(BackupOptions.SectionName)
            .Validate(options => options.IsValidTime, "Backup:At must be a time of day such as 02:00.")
            .Validate(options => options.IsValidZone, "Backup:TimeZone must be a time zone such as Asia/Ho_Chi_Minh.")
            .Validate(options => options.Keep is >= 1 and <= 1000, "Backup:Keep must be between 1 and 1000.")
            .ValidateOnStart();
        services.AddHostedService<NightlyBackupService>();

        services.AddOptions<HealthOptions>()
            .BindConfiguration(HealthOptions.SectionName)
            .Validate(options => options.OutboxStuckAfter > TimeSpan.Zero, "Health:OutboxStuckAfter must be positive (e.g. 00:30:00).")
            .ValidateOnStart();
        services.AddSingleton(ConfiguredChannels.From(builder.Configuration));
        services.AddSingleton<ChannelContacts>();
        services.AddSingleton<ReadinessReport>();
        services.AddSingleton<BotMetrics>();

        // Every adapter runs the one IBot: measuring it there covers all channels, however their updates arrive.
        services.TryAddSingleton<PcgdBotTurnHandler>();
        services.Replace(ServiceDescriptor.Singleton<IBot>(provider => new MeasuredBot(
            provider.GetRequiredService<PcgdBotTurnHandler>(),
            provider.GetRequiredService<BotMetrics>(),
            provider.GetRequiredService<ChannelContacts>(),
            provider.GetRequiredService<ILogger<MeasuredBot>>())));

        var metricsOn = builder.Configuration.GetSection(HealthOptions.SectionName).Get<HealthOptions>()?.Metrics ?? true;
        if (metricsOn)
        {
            services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(BotMetrics.MeterName).AddPrometheusExporter());
        }

        services.AddSingleton<IStartupFilter>(new OperationsStartupFilter(metricsOn));
        return builder;
    }

    /// <summary>First in the pipeline: rejections are counted whatever answered them; /metrics only to this machine.</summary>
    private sealed class OperationsStartupFilter(bool metricsOn) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseMiddleware<WebhookRejections>();
            if (metricsOn)
            {
                // A reverse proxy on this machine also connects from loopback, but it says so (X-Forwarded-For…).
                app.UseOpenTelemetryPrometheusScrapingEndpoint(context =>
                    context.Request.Path == HealthOptions.MetricsPath
                    && LoopbackAddresses.IsLoopback(context.Connection.RemoteIpAddress)
                    && !LoopbackAddresses.IsForwarded(context.Request.Headers));
            }

            next(app);
        };
    }
}
