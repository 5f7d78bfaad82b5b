using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PcgdBot.Conversations;
using PcgdBot.Conversations.Reporting;
using PcgdBot.Dashboard;
using PcgdBot.Host.Bot;
using PcgdBot.Host.Channels;
using PcgdBot.Host.Operations;
using PcgdBot.Host.Files;
using PcgdBot.Host.BotStorage;
using PcgdBot.Storage;

namespace PcgdBot.Host.Web;

/// <summary>Registers and maps the bot in an ASP.NET Core application.</summary>
public static class PcgdBotHostingExtensions
{
    public const string MessagesPath = "/api/messages";
    public const string HealthPath = "/healthz";

    public static TBuilder AddPcgdBot<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        var services = builder.Services;
        services.AddOptions<PcgdBotOptions>()
            .BindConfiguration(PcgdBotOptions.SectionName)
            .Validate(options => !string.IsNullOrWhiteSpace(options.ContentDirectory), "Bot:ContentDirectory must name the content folder.")
            .ValidateOnStart();

        services.AddOptions<ChatOptions>().BindConfiguration("Reporting")
            .Validate(options => options.PeriodEnd is not { Length: > 0 } end || IsDayMonth(end), "Reporting:PeriodEnd must be a day/month such as 10/12.")
            .Validate(options => options.InviteValidity > TimeSpan.Zero && options.LinkCodeValidity > TimeSpan.Zero, "Reporting:InviteValidity and LinkCodeValidity must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        // One LiteDB file per process, shared by everything that stores (LiteDB direct mode allows one opener).
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<PcgdBotOptions>>().Value;
            var path = Path.GetFullPath(options.DatabasePath, provider.GetRequiredService<IHostEnvironment>().ContentRootPath);
            return PcgdBotDatabase.Open(path);
        });

        // The content (plan index, templates) is loaded once and shared: AnswerService and ChatEngine are thread-safe.
        services.AddSingleton(LoadContent);
        services.AddSingleton(provider => new ChatEngine(
            provider.GetRequiredService<PcgdBotContent>(),
            provider.GetRequiredService<PcgdBotDatabase>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<IOptions<ChatOptions>>().Value,
            provider.GetRequiredService<IOptions<PcgdBot.Reports.ReportSettings>>().Value));
        services.AddSingleton<IChatResponder, ChatEngineResponder>();
        services.AddSingleton<ContentStartupCheck>();
        services.AddHostedService(provider => provider.GetRequiredService<ContentStartupCheck>());

        // Bot Framework. Without MicrosoftAppId in configuration, unauthenticated (Emulator) traffic is accepted.
        services.AddHttpClient();
        services.AddSingleton<BotFrameworkAuthentication>(provider => new ConfigurationBotFrameworkAuthentication(
            provider.GetRequiredService<IConfiguration>(),
            httpClientFactory: provider.GetRequiredService<IHttpClientFactory>(),
            logger: provider.GetRequiredService<ILogger<ConfigurationBotFrameworkAuthentication>>()));
        services.AddSingleton<TurnErrorReporter>();
        // CloudAdapter's constructors are ambiguous for the container: build it explicitly. The guarded one checks
        // caller, size, fields and serviceUrl before a turn runs (Emulator mode is local: see GuardedCloudAdapter).
        services.AddSingleton<CloudAdapter>(provider => new GuardedCloudAdapter(
            provider.GetRequiredService<BotFrameworkAuthentication>(),
            hasCredentials: !string.IsNullOrWhiteSpace(provider.GetRequiredService<IConfiguration>()["MicrosoftAppId"]),
            provider.GetRequiredService<PcgdBotDatabase>(),
            provider.GetRequiredService<ILogger<CloudAdapter>>())
        {
            OnTurnError = provider.GetRequiredService<TurnErrorReporter>().ReportAsync,
        });
        services.AddSingleton<IBotFrameworkHttpAdapter>(provider => provider.GetRequiredService<CloudAdapter>());
        // Bot Framework's user state lives in the same LiteDB file: it keeps each user's conversation reference,
        // which messages the bot starts (reminders) need to reach them later.
        services.AddSingleton<IStorage>(provider => new LiteDbBotStorage(
            provider.GetRequiredService<PcgdBotDatabase>(), provider.GetRequiredService<ILogger<LiteDbBotStorage>>()));
        services.AddSingleton(provider => new UserState(provider.GetRequiredService<IStorage>()));
        services.AddSingleton<IBot, PcgdBotTurnHandler>();

        services.AddHealthChecks();
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = ReadinessEndpoint.MaxRequestBodyBytes);
        builder.AddChannelSafety();
        builder.AddTelegramChannel();
        builder.AddZaloChannels();
        builder.AddWebChatChannel();
        builder.AddReminders();
        builder.AddPcgdBotOperations();
        builder.AddReplyFiles();
        builder.AddDashboard();
        return builder;
    }

    public static TEndpoints MapPcgdBot<TEndpoints>(this TEndpoints endpoints)
        where TEndpoints : IEndpointRouteBuilder
    {
        endpoints.MapHealthChecks(HealthPath);
        endpoints.MapReadiness();
        endpoints.MapPost(MessagesPath, (HttpContext http, IBotFrameworkHttpAdapter adapter, IBot bot) =>
            adapter.ProcessAsync(http.Request, http.Response, bot, http.RequestAborted));
        endpoints.MapTelegramChannel();
        endpoints.MapZaloChannels();
        endpoints.MapWebChatChannel();
        endpoints.MapReplyFiles();
        endpoints.MapDashboard();
        return endpoints;
    }

    private static bool IsDayMonth(string text)
    {
        try
        {
            ReportingCalendar.Parse(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static PcgdBotContent LoadContent(IServiceProvider provider)
    {
        var options = provider.GetRequiredService<IOptions<PcgdBotOptions>>().Value;
        var contentRoot = provider.GetRequiredService<IHostEnvironment>().ContentRootPath;
        var directory = Path.GetFullPath(options.ContentDirectory, contentRoot);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"{directory}: không tìm thấy thư mục nội dung (content folder not found; set Bot:ContentDirectory).");
        }

        var planFile = options.PlanFile is { Length: > 0 } plan ? Path.GetFullPath(plan, contentRoot) : null;
        return PcgdBotContent.Load(directory, planFile);
    }
}
