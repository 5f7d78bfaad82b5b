using PcgdBot.Conversations;
using PcgdBot.Host.CommandLine;
using PcgdBot.Host.Tests.Support;

namespace PcgdBot.Host.Tests.CommandLine;

public sealed class ChatCommandTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "pcgdbot-chat-" + Guid.NewGuid().ToString("N"));

    private string Database => Path.Combine(folder, "bot.db");

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Chat_answers_each_piped_line_and_exits_0_at_end_of_input()
    {
        var result = await CommandLineRun.RunAsync("Ai chủ trì tham mưu tuyển dụng giáo viên?\nHạn nộp báo cáo hằng năm là khi nào?\n", "chat", "--user", "tester", "--db", Database);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Phòng Nội vụ", result.Output);
        Assert.Contains("10/12", result.Output);
        Assert.Equal("", result.Error);
    }

    [Fact]
    public async Task Chat_with_piped_input_prints_replies_only_and_no_welcome()
    {
        var result = await CommandLineRun.RunAsync("", "chat", "--db", Database);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public async Task Chat_creates_the_database_file_it_is_given_with_its_folder()
    {
        var result = await CommandLineRun.RunAsync("xin chào\n", "chat", "--db", Database, "--user", "u1");

        Assert.Equal(0, result.ExitCode);
        Assert.True(File.Exists(Database));
    }

    [Fact]
    public async Task Chat_on_a_file_that_is_not_a_database_says_so_in_vietnamese_and_exits_1()
    {
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Database, "đây không phải cơ sở dữ liệu");

        var result = await CommandLineRun.RunAsync("xin chào\n", "chat", "--db", Database);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Không mở được tệp dữ liệu", result.Error);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public async Task Chat_reports_a_missing_content_folder_and_exits_1()
    {
        var result = await CommandLineRun.RunAsync("xin chào\n", "chat", "--content", "/no/such/folder", "--db", Database);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("/no/such/folder", result.Error);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public void Each_cli_user_has_a_conversation_of_their_own()
    {
        Assert.Equal("cli-cli-user", new ChatSettings(ChatSettings.DefaultUserId, "bot.db", "dialogs").ConversationId);
        Assert.Equal("cli-lan", new ChatSettings("lan", "bot.db", "dialogs").ConversationId);
    }
}
