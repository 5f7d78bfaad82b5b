using PcgdBot.Conversations;
using PcgdBot.Host.CommandLine;
using PcgdBot.Host.Tests.Support;

namespace PcgdBot.Host.Tests.CommandLine;

public sealed class ChatCommandTests
{
    [Fact]
    public async Task Chat_answers_each_piped_line_and_exits_0_at_end_of_input()
    {
        var result = await CommandLineRun.RunAsync("Ai chủ trì tham mưu tuyển dụng giáo viên?\nHạn nộp báo cáo hằng năm là khi nào?\n", "chat", "--user", "tester");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Phòng Nội vụ", result.Output);
        Assert.Contains("10/12", result.Output);
        Assert.Equal("", result.Error);
    }

    [Fact]
    public async Task Chat_with_piped_input_prints_replies_only_and_no_welcome()
    {
        var result = await CommandLineRun.RunAsync("", "chat");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public async Task Chat_accepts_a_db_path_for_later_storage()
    {
        var result = await CommandLineRun.RunAsync("", "chat", "--db", Path.Combine(Path.GetTempPath(), "pcgdbot-test.db"), "--user", "u1");

        Assert.Equal(0, result.ExitCode);
        Assert.False(File.Exists(Path.Combine(Path.GetTempPath(), "pcgdbot-test.db")));
    }

    [Fact]
    public async Task Chat_reports_a_missing_content_folder_and_exits_1()
    {
        var result = await CommandLineRun.RunAsync("xin chào\n", "chat", "--content", "/no/such/folder");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("/no/such/folder", result.Error);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public void Choices_are_appended_as_numbered_lines_unless_the_text_already_lists_them()
    {
        Assert.Equal(
            $"Chọn:{Environment.NewLine}1. Hạn báo cáo{Environment.NewLine}2. Mục tiêu",
            ChoiceLines.AppendMissing(new ChatReply("Chọn:", ["Hạn báo cáo", "Mục tiêu"])));
        Assert.Equal(
            "Chọn:\n1. Hạn báo cáo\n2. Mục tiêu",
            ChoiceLines.AppendMissing(new ChatReply("Chọn:\n1. Hạn báo cáo\n2. Mục tiêu", ["Hạn báo cáo", "Mục tiêu"])));
        Assert.Equal("Không có lựa chọn", ChoiceLines.AppendMissing(new ChatReply("Không có lựa chọn")));
    }

    [Fact]
    public void Each_cli_user_has_a_conversation_of_their_own()
    {
        Assert.Equal("cli-cli-user", new ChatSettings(ChatSettings.DefaultUserId, null, "dialogs").ConversationId);
        Assert.Equal("cli-lan", new ChatSettings("lan", null, "dialogs").ConversationId);
    }
}
