using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using PcgdBot.Storage.Reporting;
using PcgdBot.Telegram.Tests.StandIn;
using PcgdBot.Telegram.Tests.Support;

namespace PcgdBot.Telegram.Tests;

/// <summary>
/// "xuất báo cáo" over Telegram, end to end on loopback: the coordinator gets the district's DOCX through a multipart
/// sendDocument (opened back with the OpenXML SDK), a commune leader their commune's part, anyone else a polite refusal.
/// </summary>
public sealed class TelegramReportDeliveryTests
{
    private const long Lan = 5123456789;
    private const long Boss = 5000000001;
    private const long Leader = 5000000002;
    private const long Other = 5000000003;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_coordinators_xuat_bao_cao_arrives_as_a_sent_docx_holding_the_saved_update()
    {
        await using var api = await TelegramStandIn.StartAsync();
        var host = new TelegramBotHost(api.BaseUrl, api.Token, TelegramMode.Polling);
        try
        {
            host.Start();
            await ReportOneUpdateAsync(api, host);
            var boss = new TelegramUser(api, Boss);
            await boss.SayAsync("đăng ký " + host.Engine.CreateInvite("Phòng GD&ĐT", null, PersonRole.Coordinator, "test").Code);

            var reply = await boss.SayAsync("xuat bao cao nam " + CurrentPeriod(host));
            var document = Assert.Single(await api.WaitForDocumentsAsync(1, Wait));

            Assert.Contains("báo cáo tổng hợp kỳ", reply);
            Assert.Equal(Boss, document.ChatId);
            Assert.EndsWith(".docx", document.FileName);
            var text = DocxText(document.Content, out var heading);
            Assert.Contains("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", heading);
            Assert.Contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", heading);
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, "BC-0001"));
            Assert.DoesNotContain(api.SentTo(Boss), m => m.PlainText?.Contains("/api/files/", StringComparison.Ordinal) == true);
        }
        finally
        {
            await host.DisposeAsync();
            host.DeleteFiles();
        }
    }

    [Fact]
    public async Task A_commune_leader_gets_their_communes_part_and_a_focal_point_a_polite_refusal()
    {
        await using var api = await TelegramStandIn.StartAsync();
        var host = new TelegramBotHost(api.BaseUrl, api.Token, TelegramMode.Polling);
        try
        {
            host.Start();
            await ReportOneUpdateAsync(api, host);
            var leader = new TelegramUser(api, Leader);
            await leader.SayAsync("đăng ký " + host.Engine.CreateInvite("UBND các xã", "Mường So", PersonRole.Leader, "test").Code);
            var other = new TelegramUser(api, Other);
            await other.SayAsync("đăng ký " + host.Engine.CreateInvite("Phòng Nội vụ", null, PersonRole.Focal, "test").Code);

            var refusal = await other.SayAsync("xuất báo cáo");
            Assert.Contains("xin lỗi", refusal, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(0, api.CallCount("sendDocument"));

            Assert.Contains("Mường So", await leader.SayAsync("/xuatbaocao " + CurrentPeriod(host)));
            var document = Assert.Single(await api.WaitForDocumentsAsync(1, Wait));
            Assert.Equal(Leader, document.ChatId);
            Assert.Contains("muong-so", document.FileName, StringComparison.Ordinal);
            var text = DocxText(document.Content, out _);
            Assert.Contains("BC-0001", text);
            Assert.DoesNotContain("Phòng Nội vụ", text.Split("Nơi nhận")[0]);
        }
        finally
        {
            await host.DisposeAsync();
            host.DeleteFiles();
        }
    }

    private static string CurrentPeriod(TelegramBotHost host) => host.Engine.Calendar.PeriodOf(host.Engine.Today);

    /// <summary>A focal point of xã Mường So registers and saves BC-0001 by typing.</summary>
    private static async Task ReportOneUpdateAsync(TelegramStandIn api, TelegramBotHost host)
    {
        var lan = new TelegramUser(api, Lan);
        await lan.SayAsync("đăng ký " + host.Engine.CreateInvite("UBND các xã", "Mường So", PersonRole.Focal, "test").Code);
        await lan.SayAsync("cập nhật");
        await lan.SayAsync("2");
        await lan.SayAsync("đang thực hiện");
        await lan.SayAsync("80%");
        await lan.SayAsync("Đã mở 3 lớp XMC");
        Assert.Contains("Đã lưu báo cáo số BC-0001", await lan.SayAsync("có"));
    }

    private static string DocxText(byte[] content, out string heading)
    {
        using var stream = new MemoryStream(content);
        using var document = WordprocessingDocument.Open(stream, false);
        var body = document.MainDocumentPart!.Document!.Body!;
        heading = body.Elements<Table>().First().InnerText;
        return string.Join('\n', body.Descendants<Paragraph>().Select(p => p.InnerText));
    }
}
