using PcgdBot.Answers;
using PcgdBot.Conversations.Tests.Support;

namespace PcgdBot.Conversations.Tests;

/// <summary>The bundled content, loaded once for the engine tests.</summary>
public sealed class ContentFixture : IDisposable
{
    public ContentFixture() => Content = PcgdBotContent.Load(PcgdBotContent.DefaultDirectory);

    public PcgdBotContent Content { get; }

    public void Dispose() => Content.Dispose();
}

public sealed class ChatEngineTests(ContentFixture fixture) : IClassFixture<ContentFixture>
{
    private static ChatMessage Message(string text, string? name = "Lan") => new("cli", "c1", new ChatUser("u1", name), text);

    [Fact]
    public async Task A_start_command_greets_the_user_by_name()
    {
        using var bot = new BotHarness(fixture.Content);
        var engine = bot.Engine;

        var replies = await engine.HandleAsync(Message("/start"), CancellationToken.None);

        var reply = Assert.Single(replies);
        Assert.Contains("Lan", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("{", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_greeting_to_a_user_without_a_name_has_no_stray_space_or_placeholder()
    {
        using var bot = new BotHarness(fixture.Content);
        var engine = bot.Engine;

        var replies = await engine.HandleAsync(Message("xin chào", name: null), CancellationToken.None);

        var reply = Assert.Single(replies);
        Assert.StartsWith("Xin chào!", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("{", reply.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ai phu trach tuyen dung giao vien")]
    [InlineData("Ai chủ trì tuyển dụng giáo viên?")]
    [InlineData("phòng nội vụ")]
    public async Task A_question_gets_one_reply_naming_the_responsible_unit(string question)
    {
        using var bot = new BotHarness(fixture.Content);
        var engine = bot.Engine;

        var replies = await engine.HandleAsync(Message(question), CancellationToken.None);

        var reply = Assert.Single(replies);
        Assert.Contains("Phòng Nội vụ", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_already_cancelled_token_stops_the_engine()
    {
        using var bot = new BotHarness(fixture.Content);
        var engine = bot.Engine;
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            async () => await engine.HandleAsync(Message("ai phu trach tuyen dung giao vien"), cancellation.Token));
    }

    [Fact]
    public void The_bundled_content_is_copied_beside_the_tests()
    {
        Assert.True(File.Exists(Path.Combine(PcgdBotContent.DefaultDirectory, ReplyTemplates.FileName)));
        Assert.Single(Directory.GetFiles(Path.Combine(PcgdBotContent.DefaultDirectory, PcgdBotContent.PlanFolder), "*.md"));
    }
}

public sealed class PcgdBotContentLoadTests : IDisposable
{
    private readonly string temp = Path.Combine(Path.GetTempPath(), "pcgdbot-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(temp))
        {
            Directory.Delete(temp, recursive: true);
        }
    }

    /// <summary>A copy of the bundled dialogs/ folder that a test may break.</summary>
    private string CopyOfDialogs()
    {
        var source = PcgdBotContent.DefaultDirectory;
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(temp, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return temp;
    }

    [Fact]
    public void A_copy_of_the_bundled_content_loads()
    {
        using var content = PcgdBotContent.Load(CopyOfDialogs());

        Assert.NotEmpty(content.Plan.Units);
    }

    [Fact]
    public void A_missing_content_folder_is_a_content_exception_naming_the_folder()
    {
        var missing = Path.Combine(temp, "does-not-exist");

        var ex = Assert.Throws<ContentException>(() => PcgdBotContent.Load(missing));

        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_reply_file_is_a_template_exception_naming_the_file_and_line()
    {
        var directory = CopyOfDialogs();
        var path = Path.Combine(directory, ReplyTemplates.FileName);
        File.WriteAllText(path, "chữ lạc chỗ\n" + File.ReadAllText(path));

        var ex = Assert.Throws<TemplateException>(() => PcgdBotContent.Load(directory));

        Assert.Equal(ReplyTemplates.FileName, ex.FileName);
        Assert.Equal(1, ex.Line);
    }

    [Fact]
    public void A_reply_file_missing_a_template_is_a_template_exception()
    {
        var directory = CopyOfDialogs();
        var path = Path.Combine(directory, ReplyTemplates.FileName);
        var text = File.ReadAllText(path);
        File.WriteAllText(path, text.Replace("[help]", "[helpp]", StringComparison.Ordinal));

        var ex = Assert.Throws<TemplateException>(() => PcgdBotContent.Load(directory));

        Assert.Contains("[help]", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_plan_documents_are_a_content_exception()
    {
        var directory = CopyOfDialogs();
        var plan = Directory.GetFiles(Path.Combine(directory, PcgdBotContent.PlanFolder), "*.md").Single();
        File.Copy(plan, Path.Combine(directory, PcgdBotContent.PlanFolder, "ke-hoach-khac.txt"));

        var ex = Assert.Throws<ContentException>(() => PcgdBotContent.Load(directory));

        Assert.Contains("2", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("flows/cap-nhat-tien-do.yaml", "ask: \"Tình hình thực hiện hiện nay?\"", "ask: \"Tình hình {khong-co}?\"", "{khong-co}")]
    [InlineData("flows/cap-nhat-tien-do.yaml", "key: hoan-thanh", "key: da-xong", "tình hình \"da-xong\" không có")]
    [InlineData("flows/_runtime.yaml", "  back-at-start:", "  back-at-the-start:", "back-at-the-start")]
    [InlineData("reporting-units.tsv", "IV.14\t-", "IV.99\t-", "IV.99")]
    [InlineData("replies.reporting.vi.txt", "[update.saved]", "[update.save]", "update.save")]
    public void A_broken_dialog_or_data_file_stops_the_load_naming_the_file_and_line(string file, string find, string replace, string reason)
    {
        var directory = CopyOfDialogs();
        var path = Path.Combine(directory, file);
        var text = File.ReadAllText(path);
        Assert.Contains(find, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(find, replace, StringComparison.Ordinal));

        var ex = Assert.ThrowsAny<PcgdBot.Plan.ContentFileException>(() => PcgdBotContent.Load(directory));

        Assert.EndsWith(Path.GetFileName(file), ex.FileName, StringComparison.Ordinal);
        Assert.True(ex.Line > 0, ex.Message);
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_plan_document_is_a_content_exception()
    {
        var directory = CopyOfDialogs();
        foreach (var plan in Directory.GetFiles(Path.Combine(directory, PcgdBotContent.PlanFolder)))
        {
            File.Delete(plan);
        }

        Assert.Throws<ContentException>(() => PcgdBotContent.Load(directory));
    }

    [Fact]
    public void An_explicit_plan_file_is_used_even_when_the_plan_folder_has_two()
    {
        var directory = CopyOfDialogs();
        var plan = Directory.GetFiles(Path.Combine(directory, PcgdBotContent.PlanFolder), "*.md").Single();
        File.Copy(plan, Path.Combine(directory, PcgdBotContent.PlanFolder, "ke-hoach-khac.md"));

        using var content = PcgdBotContent.Load(directory, plan);

        Assert.NotEmpty(content.Plan.Duties);
    }
}
