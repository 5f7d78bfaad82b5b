using Microsoft.Extensions.Options;
using PcgdBot.Host.Bot;
using PcgdBot.Storage;
using PcgdBot.WebChat;

namespace PcgdBot.Host.Channels;

/// <summary>The web chat channel in the host: the page at <c>/</c> and its Direct Line at <c>/v3/directline</c>, on by default.</summary>
public static class WebChatChannel
{
    public static TBuilder AddWebChatChannel<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        var services = builder.Services;
        services.AddOptions<WebChatOptions>()
            .BindConfiguration(WebChatOptions.SectionName)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebChatOptions>>(new ProblemsValidator<WebChatOptions>(options => options.Problems()));
        var settings = builder.Configuration.GetSection(WebChatOptions.SectionName).Get<WebChatOptions>() ?? new WebChatOptions();
        if (!settings.Enabled)
        {
            return builder;
        }

        services.AddSingleton(provider => provider.GetRequiredService<IOptions<WebChatOptions>>().Value);
        services.AddSingleton(provider => new WebChatTokens(
            WebChatSigningKey.Resolve(provider.GetRequiredService<WebChatOptions>(), provider.GetRequiredService<PcgdBotDatabase>()),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<WebChatOptions>()));
        services.AddSingleton<WebChatConversations>();
        services.AddSingleton<WebChatAssets>();
        services.AddSingleton(provider => (WebChatAdapter)new WebChatAdapter(
            provider.GetRequiredService<WebChatConversations>(),
            provider.GetRequiredService<WebChatOptions>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<WebChatAdapter>>())
        {
            OnTurnError = provider.GetRequiredService<TurnErrorReporter>().ReportAsync,
        });
        services.AddRateLimiter(limits => limits.AddWebChatPolicies());
        return builder;
    }

    public static TEndpoints MapWebChatChannel<TEndpoints>(this TEndpoints endpoints)
        where TEndpoints : IEndpointRouteBuilder
    {
        if (endpoints.ServiceProvider.GetService<WebChatAdapter>() is null)
        {
            endpoints.MapGet("/", () => Results.Text("PcgdBot đang chạy. Bot Framework: POST /api/messages", "text/plain; charset=utf-8"));
            return endpoints;
        }

        // The Direct Line stream is a WebSocket, and its limits are endpoint policies: both need their middleware.
        if (endpoints is IApplicationBuilder app)
        {
            app.UseWebSockets();
            app.UseRateLimiter();
        }

        endpoints.MapWebChatPage();
        endpoints.MapDirectLine();
        return endpoints;
    }
}
