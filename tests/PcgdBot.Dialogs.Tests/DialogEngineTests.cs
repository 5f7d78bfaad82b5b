using PcgdBot.Dialogs;

namespace PcgdBot.Dialogs.Tests;

/// <summary>The runtime as a pure step, driven from tables of answers and the replies they must give.</summary>
public sealed class DialogEngineTests
{
    private const string Yaml = """
        id: report
        title: báo cáo
        triggers: [báo cáo]
        action: save
        steps:
          - id: unit
            type: choice
            choices-from: my-units
            ask: "Đơn vị nào?"
          - id: status
            type: choice
            ask: "Tình hình của {unit}?"
            help: "GỢI Ý TÌNH HÌNH"
            choices:
              - Đang làm
              - key: xong
                label: Hoàn thành
                synonyms: [xong rồi]
          - id: why
            when: { status: [dang-lam] }
            ask: "Vì sao chưa xong?"
            max-length: 20
          - id: rate
            type: percent
            optional: true
            ask: "Tỷ lệ?"
          - id: count
            type: number
            min: 1
            max: 50
            ask: "Số lớp?"
          - id: confirm
            type: confirm
            ask: "{unit} / {status} / {why} / {rate} / {count}. Lưu?"
            on-no: "KHÔNG LƯU"
        """;

    private sealed class Units(params string[] names) : IDialogData
    {
        public IReadOnlyList<DialogChoice> Choices(string source, IReadOnlyDictionary<string, SlotValue> values) =>
            [.. names.Select(n => new DialogChoice(n.ToLowerInvariant(), n))];
    }

    private static DialogEngine Engine() => new(DialogLoader.Build(
        [DialogLoader.ParseDialog(Yaml, "report.yaml", new DialogCapabilities(new HashSet<string>(["save"]), new HashSet<string>(["my-units"])))],
        SampleRuntime.Texts));

    private static (DialogTurn Turn, List<string> Said) Run(IDialogData data, params string[] answers)
    {
        var engine = Engine();
        var turn = engine.Begin(DialogState.Empty, "report", "run-1", new Dictionary<string, SlotValue>(), data);
        var said = new List<string> { string.Join(" | ", turn.Replies.Select(r => r.Text)) };
        foreach (var answer in answers)
        {
            turn = engine.Continue(turn.State, answer, data, new DateOnly(2026, 11, 30));
            said.Add(string.Join(" | ", turn.Replies.Select(r => r.Text)));
        }

        return (turn, said);
    }

    [Fact]
    public void A_single_unit_is_taken_without_asking_and_choices_are_numbered_lines_and_buttons()
    {
        var engine = Engine();
        var turn = engine.Begin(DialogState.Empty, "report", "run-1", new Dictionary<string, SlotValue>(), new Units("Xã A"));

        var reply = Assert.Single(turn.Replies);
        Assert.Equal("Tình hình của Xã A?\n1. Đang làm\n2. Hoàn thành", reply.Text);
        Assert.Equal(["Đang làm", "Hoàn thành"], reply.Buttons);
    }

    [Theory]
    [InlineData("2", "Tỷ lệ?")]
    [InlineData("xong rồi", "Tỷ lệ?")]
    [InlineData("HOAN THANH", "Tỷ lệ?")]
    [InlineData("1", "Vì sao chưa xong?")]
    [InlineData("dang lam", "Vì sao chưa xong?")]
    [InlineData("5", "chọn 1..2")]
    [InlineData("có lẽ", "chọn 1..2")]
    [InlineData("trợ giúp", "GỢI Ý TÌNH HÌNH\nCHÂN | Tình hình của Xã A?")]
    [InlineData("quay lại", "ĐẦU | Tình hình của Xã A?")]
    [InlineData("thôi", "HỦY báo cáo")]
    public void Each_answer_to_the_first_question_gets_its_reply(string answer, string expected)
    {
        var (_, said) = Run(new Units("Xã A"), answer);

        Assert.Contains(expected, said[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_whole_run_collects_every_answer_and_ends_completed()
    {
        var (turn, said) = Run(new Units("Xã A", "Xã B"), "2", "1", "lý do", "85,5%", "12", "có");

        Assert.Equal("Xã B / Đang làm / lý do / 85,5% / 12. Lưu?", said[^2]);
        var result = Assert.IsType<DialogResult>(turn.Ended);
        Assert.Equal(DialogOutcome.Completed, result.Outcome);
        Assert.Equal("run-1", result.InstanceId);
        Assert.Equal("xã b", result.Value("unit"));
        Assert.Equal("dang-lam", result.Value("status"));
        Assert.Equal(85.5m, result.Values["rate"].Number);
        Assert.False(turn.State.IsActive);
    }

    [Fact]
    public void Back_forgets_the_last_answer_and_everything_after_it()
    {
        var (turn, said) = Run(new Units("Xã A", "Xã B"), "1", "2", "quay lại", "1", "lý do", "bỏ qua", "3", "có");

        Assert.Contains("Tình hình của Xã A?", said[3], StringComparison.Ordinal);
        Assert.Equal("dang-lam", turn.Ended!.Value("status"));
        Assert.Equal("lý do", turn.Ended.Value("why"));
        Assert.True(turn.Ended.Values["rate"].IsEmpty);
    }

    [Fact]
    public void A_skipped_optional_answer_reads_as_empty_and_a_condition_skips_its_step()
    {
        var (_, said) = Run(new Units("Xã A"), "2", "bỏ qua", "3");

        Assert.Equal("Xã A / Hoàn thành / / (trống) / 3. Lưu?", said[^1]);
    }

    [Theory]
    [InlineData("0", "từ 1 đến 50")]
    [InlineData("51", "từ 1 đến 50")]
    [InlineData("nhiều", "số?")]
    [InlineData("mười hai", "Lưu?")]
    public void Numbers_are_read_and_checked_against_their_range(string answer, string expected)
    {
        var (_, said) = Run(new Units("Xã A"), "2", "bỏ qua", answer);

        Assert.Contains(expected, said[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Text_longer_than_allowed_is_refused_with_its_length()
    {
        var (_, said) = Run(new Units("Xã A"), "1", new string('x', 25));

        Assert.Contains("DÀI 25/20", said[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Three_unusable_answers_stop_the_dialog_as_cancelled()
    {
        var (turn, said) = Run(new Units("Xã A"), "x", "y", "z");

        Assert.Equal("DỪNG báo cáo", said[^1]);
        Assert.Equal(DialogOutcome.Cancelled, turn.Ended!.Outcome);
        Assert.False(turn.State.IsActive);
    }

    [Fact]
    public void No_at_the_confirmation_cancels_with_the_dialogs_own_words()
    {
        var (turn, said) = Run(new Units("Xã A"), "2", "bỏ qua", "3", "không");

        Assert.Equal("KHÔNG LƯU", said[^1]);
        Assert.Equal(DialogOutcome.Cancelled, turn.Ended!.Outcome);
    }

    [Fact]
    public void Known_answers_are_not_asked_and_back_can_still_reach_them()
    {
        var engine = Engine();
        var data = new Units("Xã A");
        var known = new Dictionary<string, SlotValue> { ["status"] = new("xong", "Hoàn thành") };

        var turn = engine.Begin(DialogState.Empty, "report", "run-1", known, data);
        Assert.Contains("Tỷ lệ?", turn.Replies[0].Text, StringComparison.Ordinal);

        turn = engine.Continue(turn.State, "quay lại", data, new DateOnly(2026, 11, 30));
        Assert.Contains("Tình hình của Xã A?", turn.Replies[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_list_ends_the_dialog_politely()
    {
        var (turn, said) = Run(new Units());

        Assert.Equal("KHÔNG CÓ LỰA CHỌN báo cáo", said[0]);
        Assert.False(turn.State.IsActive);
    }

    [Fact]
    public void The_state_survives_a_round_trip_through_json()
    {
        var engine = Engine();
        var data = new Units("Xã A", "Xã B");
        var turn = engine.Begin(DialogState.Empty, "report", "run-1", new Dictionary<string, SlotValue>(), data);
        turn = engine.Continue(turn.State, "2", data, new DateOnly(2026, 11, 30));

        var json = System.Text.Json.JsonSerializer.Serialize(turn.State);
        var restored = System.Text.Json.JsonSerializer.Deserialize<DialogState>(json)!;
        var next = engine.Continue(restored, "2", data, new DateOnly(2026, 11, 30));

        Assert.Contains("Tỷ lệ?", next.Replies[0].Text, StringComparison.Ordinal);
        Assert.Equal("xã b", next.State.Top!.Values["unit"].Key);
    }
}
