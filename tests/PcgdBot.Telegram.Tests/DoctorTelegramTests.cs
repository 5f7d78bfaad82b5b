using PcgdBot.Telegram.Tests.StandIn;

namespace PcgdBot.Telegram.Tests;

/// <summary><c>doctor</c> against the Telegram stand-in over loopback HTTP: getMe and getWebhookInfo.</summary>
public sealed class DoctorTelegramTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "pcgdbot-doctor-tg-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Doctor_calls_getMe_and_getWebhookInfo_and_reports_the_bot_and_the_pending_updates()
    {
        await using var telegram = await TelegramStandIn.StartAsync();
        telegram.EnqueueText(7001, 7001, "dạ em muốn báo cáo ạ");
        telegram.EnqueueText(7001, 7001, "xã em phải làm gì");

        var result = await DoctorAsync($"--Telegram:Token={telegram.Token}", $"--Telegram:ApiBaseUrl={telegram.BaseUrl}", "--Telegram:Mode=Polling");

        Assert.Contains("OK       Telegram: cấu hình hợp lệ, chế độ polling.", result.Output);
        Assert.Contains($"OK       Telegram: getMe: bot @{telegram.BotUsername}", result.Output);
        Assert.Contains("OK       Telegram: getWebhookInfo: 2 tin đang chờ", result.Output);
        Assert.Equal(1, telegram.CallCount("getMe"));
        Assert.Equal(1, telegram.CallCount("getWebhookInfo"));
    }

    [Fact]
    public async Task Doctor_reports_a_wrong_token_as_an_error()
    {
        await using var telegram = await TelegramStandIn.StartAsync();

        var result = await DoctorAsync("--Telegram:Token=999999:wrong-token", $"--Telegram:ApiBaseUrl={telegram.BaseUrl}", "--Telegram:Mode=Polling");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("LỖI      Telegram: không gọi được Telegram", result.Output);
    }

    private async Task<(int ExitCode, string Output)> DoctorAsync(params string[] settings)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new PcgdBot.Host.CommandLine.CliConsole(new StringReader(""), output, error);
        var exit = await PcgdBot.Host.CommandLine.PcgdBotCommandLine.InvokeAsync(["doctor", "--db", Path.Combine(folder, "bot.db"), .. settings], console);
        return (exit, output + error.ToString());
    }
}
