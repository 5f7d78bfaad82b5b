using System.Net;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using PcgdBot.Storage.Reporting;
using PcgdBot.Zalo.Tests.StandIn;
using PcgdBot.Zalo.Tests.Support;

namespace PcgdBot.Zalo.Tests.Bot;

/// <summary>
/// The Bot Platform sends no documents: the coordinator's "xuất báo cáo" gives a signed link on the configured public
/// address, which gives the DOCX; the link altered in any part is refused with 403, an unknown file is 404.
/// </summary>
public sealed partial class ZaloBotReportLinkTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_coordinator_gets_a_signed_link_that_gives_the_docx_and_an_altered_one_is_refused()
    {
        await using var api = await ZaloBotStandIn.StartAsync();
        var chat = ZaloBotStandIn.NewUserId();
        var host = new ZaloBotHost(null, extra: new Dictionary<string, string?>
        {
            ["Zalo:Bot:Token"] = api.Token,
            ["Zalo:Bot:ApiBaseUrl"] = api.BaseUrl,
            ["Zalo:Bot:PollingTimeoutSeconds"] = "1",
        });
        host.Setting("Files:PublicUrl", host.BaseUrl);
        try
        {
            host.Start();
            async Task<string> Say(string text)
            {
                var before = api.SentTo(chat).Count;
                api.EnqueueText(chat, text);
                await api.WaitForSentAsync(m => m.ChatId == chat && api.SentTo(chat).Count > before, Wait);
                await Task.Delay(300);
                return string.Join("\n\n", api.SentTo(chat).Skip(before).Select(m => m.Text));
            }

            await Say("đăng ký " + host.Engine.CreateInvite("Phòng GD&ĐT", null, PersonRole.Coordinator, "test").Code);
            var reply = await Say("/xuatbaocao");

            var link = Link().Match(reply);
            Assert.True(link.Success, reply);
            Assert.StartsWith(host.BaseUrl + "/api/files/", link.Value, StringComparison.Ordinal);
            Assert.Contains("15 phút", reply);
            using var http = new HttpClient();
            using (var response = await http.GetAsync(link.Value))
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
                using var document = WordprocessingDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
                Assert.Contains("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", document.MainDocumentPart!.Document!.Body!.InnerText);
            }

            var parts = link.Value[(host.BaseUrl + "/api/files/").Length..].Split('.');
            var later = (long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) + 3600).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var flipped = (parts[2][0] == 'A' ? "B" : "A") + parts[2][1..];
            foreach (var (altered, status) in new[]
            {
                ($"{parts[0]}.{later}.{parts[2]}", HttpStatusCode.Forbidden),
                ($"{parts[0]}.{parts[1]}.{flipped}", HttpStatusCode.Forbidden),
                ($"{parts[0]}", HttpStatusCode.Forbidden),
                ($"AAAAAAAAAAAAAAAAAAAAAA.{parts[1]}.{parts[2]}", HttpStatusCode.NotFound),
            })
            {
                using var response = await http.GetAsync(host.BaseUrl + "/api/files/" + altered);
                Assert.Equal(status, response.StatusCode);
                Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.ToString());
            }
        }
        finally
        {
            await host.DisposeAsync();
            host.DeleteFiles();
        }
    }

    [GeneratedRegex(@"https?://\S+/api/files/[A-Za-z0-9_\-.]+")]
    private static partial Regex Link();
}
