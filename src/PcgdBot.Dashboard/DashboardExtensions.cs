using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PcgdBot.Conversations;

namespace PcgdBot.Dashboard;

/// <summary>Registers and maps the web desk (/dieu-phoi) in the host.</summary>
public static class DashboardExtensions
{
    public static TBuilder AddDashboard<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        var services = builder.Services;
        services.AddOptions<DashboardOptions>()
            .BindConfiguration(DashboardOptions.SectionName)
            .Validate(options => !options.Problems().Any(), "Dashboard settings are invalid: check Dashboard:PublicUrl and the durations.")
            .ValidateOnStart();
        // The bot's sign-in links point at this desk, with the code's validity from the same settings.
        services.AddOptions<ChatOptions>().PostConfigure<IOptions<DashboardOptions>>((chat, dashboard) =>
        {
            chat.DashboardUrl = dashboard.Value.PublicUrl.TrimEnd('/') + DashboardOptions.BasePath;
            chat.WebSignInValidity = dashboard.Value.CodeValidity;
        });
        services.AddSingleton<SignInRateLimiter>();
        services.AddSingleton<DashboardSessions>();
        services.AddSingleton<DashboardTexts>();
        services.AddRazorPages().AddApplicationPart(typeof(DashboardExtensions).Assembly);
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "pcgd_dieu_phoi_af";
            options.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict;
            options.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
        });
        return builder;
    }

    public static TEndpoints MapDashboard<TEndpoints>(this TEndpoints endpoints)
        where TEndpoints : IEndpointRouteBuilder
    {
        endpoints.MapRazorPages();
        return endpoints;
    }
}
