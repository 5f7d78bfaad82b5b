using PcgdBot.Dialogs;

namespace PcgdBot.Dialogs.Tests;

public sealed class DialogLoaderTests
{
    private static readonly DialogCapabilities Capabilities = new(
        new HashSet<string>(["save"]),
        new HashSet<string>(["my-units"]));

    private const string Valid = """
        id: sample
        title: mẫu
        triggers: [bắt đầu]
        action: save
        steps:
          - id: unit
            type: choice
            choices-from: my-units
            ask: "Đơn vị nào?"
          - id: status
            type: choice
            ask: "Tình hình của {unit}?"
            choices: [Đang làm, Xong]
          - id: note
            when: { status: [xong] }
            ask: "Ghi chú?"
        """;

    [Fact]
    public void A_valid_dialog_file_reads_with_its_steps_in_order()
    {
        var dialog = DialogLoader.ParseDialog(Valid, "sample.yaml", Capabilities);

        Assert.Equal("sample", dialog.Id);
        Assert.Equal(["unit", "status", "note"], dialog.Steps.Select(s => s.Id));
        Assert.Equal(PromptKind.Text, dialog.Steps[2].Kind);
        Assert.Equal(["dang-lam", "xong"], dialog.Steps[1].Choices.Select(c => c.Key));
        Assert.Equal(3, dialog.Steps[0].MaxAttempts);
    }

    [Theory]
    [InlineData("  - id: extra\n    type: slider\n    ask: x", 18, "loại bước \"slider\" không có")]
    [InlineData("  - id: extra\n    ask: \"{nothing}\"", 18, "\"{nothing}\" không dùng được ở đây")]
    [InlineData("  - id: extra\n    colour: red\n    ask: x", 18, "khóa \"colour\" không có")]
    [InlineData("  - id: status\n    ask: x", 17, "bước \"status\" bị lặp lại")]
    [InlineData("  - id: extra\n    type: choice\n    ask: x", 17, "không có \"choices\" hay \"choices-from\"")]
    [InlineData("  - id: extra\n    type: choice\n    choices-from: everything\n    ask: x", 19, "danh sách \"everything\" không có")]
    [InlineData("  - id: extra\n    when: { later: [a] }\n    ask: x", 18, "không đứng trước")]
    [InlineData("  - id: extra\n    when: { status: [maybe] }\n    ask: x", 18, "không có lựa chọn \"maybe\"")]
    [InlineData("  - id: extra\n    max-attempts: zero\n    ask: x", 18, "phải là số nguyên")]
    [InlineData("  - id: extra\n    ask: x\n  ask: : y", 19, "không đọc được YAML")]
    public void A_bad_step_is_reported_with_file_line_and_reason(string extraStep, int line, string reason)
    {
        var error = Assert.Throws<DialogFormatException>(() => DialogLoader.ParseDialog(Valid + "\n" + extraStep, "sample.yaml", Capabilities));

        Assert.Equal("sample.yaml", error.FileName);
        Assert.Equal(line, error.Line);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
        Assert.StartsWith($"sample.yaml:{line}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_action_is_refused_naming_the_actions_there_are()
    {
        var error = Assert.Throws<DialogFormatException>(() => DialogLoader.ParseDialog(Valid.Replace("action: save", "action: publish"), "sample.yaml", Capabilities));

        Assert.Equal(4, error.Line);
        Assert.Contains("việc \"publish\" không có; các việc có: save", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_dialogs_with_the_same_trigger_are_refused()
    {
        var first = DialogLoader.ParseDialog(Valid, "a.yaml", Capabilities);
        var second = DialogLoader.ParseDialog(Valid.Replace("id: sample", "id: other"), "b.yaml", Capabilities);

        var error = Assert.Throws<DialogFormatException>(() => DialogLoader.Build([first, second], SampleRuntime.Texts));

        Assert.Contains("câu mở đầu \"bắt đầu\" đã dùng cho hội thoại \"sample\"", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_runtime_file_missing_a_text_is_refused()
    {
        var yaml = SampleRuntime.Yaml.Replace("  invalid.date: \"ngày?\"\n", string.Empty, StringComparison.Ordinal);

        var error = Assert.Throws<DialogFormatException>(() => DialogLoader.ParseRuntime(yaml, "_runtime.yaml"));

        Assert.Contains("thiếu câu \"invalid.date\"", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_bundled_dialog_files_load()
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "dialogs");
        var capabilities = new DialogCapabilities(
            new HashSet<string>(["save-status-update", "edit-last-update", "create-invite", "register", "broadcast"]),
            new HashSet<string>(["my-units", "unit-duties", "plan-units", "unit-members"]),
            new HashSet<string>(["preview"]));

        var catalog = DialogLoader.Load(directory, capabilities);

        Assert.Contains(catalog.Dialogs, d => d.Id == "status-update");
        Assert.Equal("status-update", catalog.Match("Cập nhật nhiệm vụ 2: xong")?.Dialog.Id);
        Assert.Equal("nhiệm vụ 2: xong", catalog.Match("Cập  nhật: nhiệm vụ 2: xong")?.Rest);
        Assert.Equal("status-update", catalog.Match("/capnhat@PcgdBot")?.Dialog.Id);
        Assert.Null(catalog.Match("cập nhậtxyz"));
        Assert.Equal("edit-update", catalog.Match("sửa báo cáo")?.Dialog.Id);
        Assert.Equal("broadcast", catalog.Match("/nhac")?.Dialog.Id);
    }
}
