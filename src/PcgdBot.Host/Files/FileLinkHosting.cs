using Microsoft.Extensions.Options;
using PcgdBot.Conversations;
using PcgdBot.Host.Channels;
using PcgdBot.Reports;

namespace PcgdBot.Host.Files;

/// <summary>Files in replies (the consolidated report): the report's settings, the download links and their endpoint.</summary>
public static class FileLinkHosting
{
    public static TBuilder AddReplyFiles<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        var services = builder.Services;
        services.AddOptions<ReportSettings>().BindConfiguration(ReportSettings.SectionName);
        services.AddOptions<FileLinkOptions>().BindConfiguration(FileLinkOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<FileLinkOptions>>(new ProblemsValidator<FileLinkOptions>(options => options.Problems()));
        services.AddSingleton(provider => new FileLinks(provider.GetRequiredService<IOptions<FileLinkOptions>>().Value, provider.GetRequiredService<TimeProvider>()));
        // The engine is asked for the sentence only when a file is sent: tests that replace the responder never load it.
        services.AddSingleton(provider => new ReplyFiles(
            provider.GetRequiredService<FileLinks>(),
            (key, values) => provider.GetRequiredService<ChatEngine>().Reports.Service.Replies.Render(key, values)));
        return builder;
    }

    /// <summary>
    /// <c>GET /api/files/{token}</c>: the file for a valid link; 403 for a forged or expired one (with a sentence, since a
    /// person opens it in a browser), 404 when the file is not kept (any more). Never cached.
    /// </summary>
    public static TEndpoints MapReplyFiles<TEndpoints>(this TEndpoints endpoints)
        where TEndpoints : IEndpointRouteBuilder
    {
        endpoints.MapGet(FileLinks.PathPrefix + "{token}", (string token, FileLinks links, ReplyFiles replies, HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "no-store, private";
            if (token.Length > 200)
            {
                return Results.Text(replies.Sentence("report.link-forbidden"), "text/plain; charset=utf-8", statusCode: StatusCodes.Status403Forbidden);
            }

            var (file, refusal) = links.Open(token);
            return refusal switch
            {
                FileLinkRefusal.None => Results.File(file!.Content, file.MediaType, file.Name),
                FileLinkRefusal.Expired => Results.Text(replies.Sentence("report.link-expired"), "text/plain; charset=utf-8", statusCode: StatusCodes.Status403Forbidden),
                FileLinkRefusal.NotFound => Results.Text(replies.Sentence("report.link-not-found"), "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound),
                _ => Results.Text(replies.Sentence("report.link-forbidden"), "text/plain; charset=utf-8", statusCode: StatusCodes.Status403Forbidden),
            };
        });
        return endpoints;
    }
}
