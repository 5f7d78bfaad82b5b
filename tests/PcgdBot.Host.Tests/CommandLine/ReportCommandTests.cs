using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using PcgdBot.Host.Tests.Support;

namespace PcgdBot.Host.Tests.CommandLine;

/// <summary>
/// <c>report</c> against a real database file: a focal point reports through a scripted <c>chat</c>, then the command
/// writes the DOCX (opened back with the OpenXML SDK) or the XLSX; bad periods and units are refused in Vietnamese.
/// </summary>
public sealed class ReportCommandTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "pcgdbot-report-" + Guid.NewGuid().ToString("N"));

    public ReportCommandTests() => Directory.CreateDirectory(folder);

    private string DatabasePath => Path.Combine(folder, "bot.db");

    public void Dispose()
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }

    [Fact]
    public async Task The_report_command_writes_a_docx_holding_the_saved_update_and_the_district_heading()
    {
        await ReportOneUpdateAsync();
        var path = Path.Combine(folder, "out", "bc.docx");

        var result = await CommandLineRun.RunAsync("", "report", "--db", DatabasePath, "--out", path);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains(path, result.Output);
        Assert.Contains("báo cáo tổng hợp", result.Output);
        using var document = WordprocessingDocument.Open(path, false);
        var body = document.MainDocumentPart!.Document!.Body!;
        var heading = body.Elements<Table>().First().InnerText;
        Assert.Contains("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", heading);
        Assert.Contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", heading);
        var text = string.Join('\n', body.Descendants<Paragraph>().Select(p => p.InnerText));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, "BC-0001"));
        Assert.Contains("Đã mở 3 lớp XMC", text);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp"));
    }

    [Fact]
    public async Task One_communes_part_as_xlsx_lists_only_that_communes_update()
    {
        await ReportOneUpdateAsync();
        var path = Path.Combine(folder, "muong-so.xlsx");

        var result = await CommandLineRun.RunAsync("", "report", "--format", "xlsx", "--unit", "xã Mường So", "--db", DatabasePath, "--out", path);

        Assert.True(result.ExitCode == 0, result.Error);
        using var workbook = SpreadsheetDocument.Open(path, false);
        var sheets = workbook.WorkbookPart!.Workbook!.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(s => s.Name!.Value).ToList();
        Assert.Contains("Báo cáo", sheets);
        Assert.Contains("Mường So", result.Output);
    }

    [Fact]
    public async Task An_unknown_period_is_refused_in_vietnamese_with_a_non_zero_exit_and_no_file()
    {
        var path = Path.Combine(folder, "x.docx");

        var result = await CommandLineRun.RunAsync("", "report", "--period", "1999", "--db", DatabasePath, "--out", path);

        Assert.Equal(ExitCodesInvalidInput, result.ExitCode);
        Assert.Contains("Không có kỳ báo cáo \"1999\"", result.Error);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task An_unknown_unit_is_refused_in_vietnamese_with_a_non_zero_exit()
    {
        var result = await CommandLineRun.RunAsync("", "report", "--unit", "Phòng Y tế", "--db", DatabasePath, "--out", Path.Combine(folder, "y.docx"));

        Assert.Equal(ExitCodesInvalidInput, result.ExitCode);
        Assert.Contains("Không tìm thấy đơn vị \"Phòng Y tế\"", result.Error);
    }

    [Fact]
    public async Task An_empty_database_still_gives_a_valid_document_saying_nothing_was_reported()
    {
        var path = Path.Combine(folder, "empty.docx");

        var result = await CommandLineRun.RunAsync("", "report", "--db", DatabasePath, "--out", path);

        Assert.True(result.ExitCode == 0, result.Error);
        using var document = WordprocessingDocument.Open(path, false);
        Assert.Contains("chưa báo cáo", document.MainDocumentPart!.Document!.Body!.InnerText);
    }

    [Fact]
    public async Task An_unknown_format_is_a_usage_error()
    {
        var result = await CommandLineRun.RunAsync("", "report", "--format", "pdf", "--db", DatabasePath);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("pdf", result.Error);
    }

    private const int ExitCodesInvalidInput = PcgdBot.Host.CommandLine.ExitCodes.InvalidInput;

    /// <summary>A focal point of xã Mường So registers and reports one duty, as in the chat.</summary>
    private async Task ReportOneUpdateAsync()
    {
        var invite = await CommandLineRun.RunAsync("", "invite", "--unit", "UBND các xã", "--member", "Mường So", "--role", "focal", "--db", DatabasePath);
        Assert.True(invite.ExitCode == 0, invite.Error);
        var code = invite.Output.Trim().Split('\n')[^1].Trim();
        var chat = await CommandLineRun.RunAsync($"dang ky {code}\ncập nhật\n2\nđang thực hiện\n80%\nĐã mở 3 lớp XMC\ncó\n", "chat", "--user", "lan", "--db", DatabasePath);
        Assert.Contains("Đã lưu báo cáo số BC-0001", chat.Output);
    }
}
