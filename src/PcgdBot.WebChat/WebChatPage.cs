using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace PcgdBot.WebChat;

/// <summary>
/// <c>GET /</c>: the Vietnamese page running Web Chat, and its fingerprinted files under <c>/webchat/</c>. Everything is
/// served from the host (no CDN, no web fonts), compressed (Brotli, else gzip), under a strict Content-Security-Policy
/// with no inline script. The page itself is revalidated (ETag); its files are immutable for a year.
/// </summary>
public static class WebChatPage
{
    private const string Immutable = "public, max-age=31536000, immutable";

    public static IEndpointRouteBuilder MapWebChatPage(this IEndpointRouteBuilder endpoints)
    {
        var assets = endpoints.ServiceProvider.GetService(typeof(WebChatAssets)) as WebChatAssets ?? new WebChatAssets();
        var page = Page(assets);
        endpoints.MapGet("/", (HttpContext http) => Serve(http, page, "no-cache"));
        endpoints.MapGet(WebChatAssets.PathPrefix + "{file}", (HttpContext http, string file) =>
            assets.ByPath(WebChatAssets.PathPrefix + file) is { } asset ? Serve(http, asset, Immutable) : Results.NotFound());
        return endpoints;
    }

    /// <summary>The page with its files' fingerprinted addresses filled in.</summary>
    internal static WebChatAsset Page(WebChatAssets assets)
    {
        var html = System.Text.Encoding.UTF8.GetString(assets["index.html"].Identity);
        foreach (var name in new[] { "page.js", "page.css", "icon.svg", "webchat-minimal.js" })
        {
            html = html.Replace("{{" + name + "}}", assets[name].Path, StringComparison.Ordinal);
        }

        return WebChatAssets.Make("index.html", "/", html);
    }

    private static IResult Serve(HttpContext http, WebChatAsset asset, string cacheControl)
    {
        var response = http.Response;
        var headers = response.Headers;
        headers.CacheControl = cacheControl;
        headers.ETag = asset.ETag;
        headers.Vary = HeaderNames.AcceptEncoding;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        if (asset.ContentType.StartsWith("text/html", StringComparison.Ordinal))
        {
            var host = http.Request.Host.ToString();
            // The WebSocket is named with its scheme as well: older browsers do not let 'self' cover ws:/wss:.
            headers.ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
                + $"font-src 'self'; connect-src 'self' ws://{host} wss://{host}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
            headers.XFrameOptions = "DENY";
        }

        if (http.Request.Headers.IfNoneMatch.ToString() == asset.ETag)
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        var accepted = http.Request.Headers.AcceptEncoding.ToString();
        if (accepted.Contains("br", StringComparison.OrdinalIgnoreCase))
        {
            headers.ContentEncoding = "br";
            return Results.Bytes(asset.Brotli, asset.ContentType);
        }

        if (accepted.Contains("gzip", StringComparison.OrdinalIgnoreCase))
        {
            headers.ContentEncoding = "gzip";
            return Results.Bytes(asset.Gzip, asset.ContentType);
        }

        return Results.Bytes(asset.Identity, asset.ContentType);
    }
}
