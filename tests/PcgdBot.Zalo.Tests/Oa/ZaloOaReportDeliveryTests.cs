using System.Net;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using PcgdBot.Storage.Reporting;
using PcgdBot.Zalo.Tests.StandIn;
using PcgdBot.Zalo.Tests.Support;

namespace PcgdBot.Zalo.Tests.Oa;

/// <summary>
/// "xuất báo cáo" behind a Zalo OA, end to end on loopback: the DOCX is uploaded (upload/file, multipart) and then sent
/// as a file message; an Excel file, which Zalo does not take, comes as a download link; anyone else is refused.
/// </summary>
public sealed partial class ZaloOaReportDeliveryTests
{
    private const string Lan = "246845883529197922";
    private const string Boss = "246845883529190001";
    private const string Other = "246845883529190002";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_coordinators_report_is_uploaded_then_sent_as_a_file_message_that_opens()
    {
        await ZaloBotHost.WithOaStandInAsync(async (api, host) =>
        {
            await ReportOneUpdateAsync(api, host);
            await SayAsync(api, host, Boss, "đăng ký " + host.Engine.CreateInvite("Phòng GD&ĐT", null, PersonRole.Coordinator, "test").Code);

            Assert.Contains("báo cáo tổng hợp kỳ", await SayAsync(api, host, Boss, "xuat bao cao " + host.Engine.Calendar.PeriodOf(host.Engine.Today)));
            var sent = await api.WaitForSentFileAsync(f => f.UserId == Boss, Wait);

            var upload = Assert.Single(api.Uploads);
            Assert.Same(upload, sent.File);
            Assert.EndsWith(".docx", upload.FileName, StringComparison.Ordinal);
            Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", upload.ContentType);
            var calls = api.Calls.Select(c => c.Path).ToList();
            Assert.True(calls.LastIndexOf(ZaloOaStandIn.UploadFilePath) < calls.LastIndexOf(ZaloOaStandIn.SendPath), "the upload comes before the file message");
            using var stream = new MemoryStream(upload.Content);
            using var document = WordprocessingDocument.Open(stream, false);
            Assert.Single(Regex.Matches(document.MainDocumentPart!.Document!.Body!.InnerText, "BC-0001"));
        });
    }

    [Fact]
    public async Task An_excel_report_comes_as_a_download_link_that_gives_the_file_and_others_are_refused()
    {
        await ZaloBotHost.WithOaStandInAsync(async (api, host) =>
        {
            await SayAsync(api, host, Boss, "đăng ký " + host.Engine.CreateInvite("Phòng GD&ĐT", null, PersonRole.Coordinator, "test").Code);
            await SayAsync(api, host, Other, "đăng ký " + host.Engine.CreateInvite("Phòng Nội vụ", null, PersonRole.Focal, "test").Code);

            Assert.Contains("xin lỗi", await SayAsync(api, host, Other, "xuất báo cáo"), StringComparison.OrdinalIgnoreCase);
            var reply = await SayAsync(api, host, Boss, "xuất excel");

            Assert.Empty(api.Uploads);
            var link = Link().Match(reply);
            Assert.True(link.Success, reply);
            using var http = new HttpClient();
            var url = link.Value.StartsWith("http", StringComparison.Ordinal) ? link.Value : host.BaseUrl + link.Value;
            using var response = await http.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
            using var workbook = SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
            Assert.NotNull(workbook.WorkbookPart);
        });
    }

    [GeneratedRegex(@"(https?://\S+)?/api/files/[A-Za-z0-9_\-.]+")]
    private static partial Regex Link();

    private static async Task<string> SayAsync(ZaloOaStandIn api, ZaloBotHost host, string userId, string text)
    {
        var before = api.SentTo(userId).Count;
        using var response = await api.PostWebhookAsync(host.WebhookUrl, api.UserSendText(userId, text));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await api.WaitForSentAsync(m => m.UserId == userId && api.SentTo(userId).Count > before, Wait);
        await Task.Delay(300);
        return string.Join("\n\n", api.SentTo(userId).Skip(before).Select(m => m.Text));
    }

    private static async Task ReportOneUpdateAsync(ZaloOaStandIn api, ZaloBotHost host)
    {
        await SayAsync(api, host, Lan, "đăng ký " + host.Engine.CreateInvite("UBND các xã", "Mường So", PersonRole.Focal, "test").Code);
        foreach (var step in new[] { "cập nhật", "2", "đang thực hiện", "80%", "Đã mở 3 lớp XMC" })
        {
            await SayAsync(api, host, Lan, step);
        }

        Assert.Contains("Đã lưu báo cáo số BC-0001", await SayAsync(api, host, Lan, "có"));
    }

}
