using System.Net;
using System.Text.RegularExpressions;
using PcgdBot.WebChat.Tests.Support;

namespace PcgdBot.WebChat.Tests;

/// <summary>How the page and its files are served: compressed, fingerprinted, cached, under a strict policy.</summary>
public sealed partial class WebChatPageTests
{
    [Fact]
    public async Task The_page_is_vietnamese_has_no_inline_script_and_its_files_are_compressed_and_immutable()
    {
        var host = await WebChatBotHost.StartAsync();
        try
        {
            using var http = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.All });
            var page = await http.GetAsync(host.BaseUrl + "/");
            var html = await page.Content.ReadAsStringAsync();
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            Assert.Contains("lang=\"vi\"", html, StringComparison.Ordinal);
            Assert.Equal(3, Regex.Matches(html, "data-question=").Count);
            Assert.All(ScriptTag().Matches(html), tag => Assert.Contains("src=\"/webchat/", tag.Value, StringComparison.Ordinal));
            var policy = page.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
            Assert.Equal("no-cache", page.Headers.CacheControl?.ToString());

            var bundle = Regex.Match(html, "/webchat/webchat-minimal\\.[0-9a-f]{12}\\.js").Value;
            Assert.NotEmpty(bundle);
            using var raw = new HttpClient();
            foreach (var encoding in new[] { "br", "gzip" })
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, host.BaseUrl + bundle);
                request.Headers.AcceptEncoding.ParseAdd(encoding);
                var response = await raw.SendAsync(request);
                Assert.Equal(encoding, response.Content.Headers.ContentEncoding.Single());
                Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
                Assert.InRange((await response.Content.ReadAsByteArrayAsync()).Length, 100_000, 700_000);
            }

            using var revalidate = new HttpRequestMessage(HttpMethod.Get, host.BaseUrl + "/");
            revalidate.Headers.TryAddWithoutValidation("If-None-Match", page.Headers.ETag!.Tag);
            Assert.Equal(HttpStatusCode.NotModified, (await raw.SendAsync(revalidate)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await raw.GetAsync(host.BaseUrl + "/webchat/webchat-minimal.js")).StatusCode);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task With_the_web_chat_off_the_root_is_the_one_line_status_and_there_is_no_direct_line()
    {
        var host = await WebChatBotHost.StartAsync(new Dictionary<string, string?> { ["WebChat:Enabled"] = "false" });
        try
        {
            using var http = new HttpClient();
            Assert.StartsWith("PcgdBot đang chạy", await http.GetStringAsync(host.BaseUrl + "/"), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync(host.BaseUrl + "/v3/directline/tokens/generate", null)).StatusCode);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [GeneratedRegex("<script[^>]*>")]
    private static partial Regex ScriptTag();
}
