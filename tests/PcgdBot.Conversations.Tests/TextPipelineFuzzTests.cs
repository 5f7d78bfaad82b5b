using CsCheck;
using PcgdBot.Conversations.Tests.Support;
using PcgdBot.Plan;
using PcgdBot.Storage.Reporting;

namespace PcgdBot.Conversations.Tests;

/// <summary>
/// The whole engine under 3,000 generated messages (fixed seed) from a registered focal point, in and out of a dialog:
/// words people write, broken characters, over-long text. Every message gets a non-empty reply in valid text, and the
/// engine never throws (a throw would reach the person as the channels' apology).
/// </summary>
public sealed class TextPipelineFuzzTests(ContentFixture fixture) : IClassFixture<ContentFixture>
{
    private static readonly string Seed = new PCG(15, 20261207).ToString();

    private static readonly string[] Words =
    [
        "cập nhật", "báo cáo", "dạ em muốn báo cáo ạ", "1", "3", "nhiệm vụ 2", "đang thực hiện", "hoàn thành", "gần xong",
        "không", "có", "ok", "gửi", "hủy", "thôi", "làm lại", "quay lại", "bỏ qua", "báo cáo của tôi", "xã em phải làm gì",
        "hạn nộp", "ai chủ trì", "IV.9", "mục II.2", "?", "cảm ơn", "đăng ký ABC123", "liên kết", "/start", "/huy",
        "xuất báo cáo", "45 người", "tổng hợp", "đơn vị nào chưa báo cáo",
    ];

    private static readonly string[] Broken = ["\ud800", "\udfff", "\uffff", "\ufffe", "\u0000", "\u001b", "\r", "\u0301", "\u200b", "\ud83d\ude00"];

    private static readonly Gen<string> Message = Gen.Frequency(
        (6, Gen.OneOf<string>(Words)),
        (3, Gen.OneOf<string>([.. Words, .. Broken]).Array[1, 6].Select(parts => string.Join(' ', parts))),
        (2, Gen.Char.Array[0, 30].Select(chars => new string(chars))),
        (1, Gen.Int[MessageText.MaxLength - 10, MessageText.MaxLength * 3].Select(n => new string('a', n))));

    [Fact]
    public async Task Three_thousand_generated_messages_each_get_a_valid_non_empty_reply_and_never_an_exception()
    {
        using var bot = new BotHarness(fixture.Content);
        await bot.Register("lan", "UBND các xã", PersonRole.Focal, "Mường So");
        var failures = new List<string>();

        await Check.SampleAsync(
            Message,
            async text =>
            {
                IReadOnlyList<ChatReply> replies;
                try
                {
                    replies = await bot.Replies("lan", text);
                }
                catch (Exception error)
                {
                    failures.Add($"{Escape(text)} → {error.GetType().Name}: {error.Message}");
                    return;
                }

                if (replies.Count == 0 || replies.Any(r => string.IsNullOrWhiteSpace(r.Text) || MessageText.ReplaceInvalid(r.Text) != r.Text))
                {
                    failures.Add($"{Escape(text)} → {replies.Count} replies: {Escape(string.Join(" | ", replies.Select(r => r.Text)))}");
                }
            },
            seed: Seed,
            iter: 3_000,
            threads: 1);

        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(10)));
    }

    private static string Escape(string text) =>
        string.Concat(text.Take(120).Select(c => c < 128 && !char.IsControl(c) ? c.ToString() : char.IsLetter(c) ? c.ToString() : $"\\u{(int)c:x4}"));
}
