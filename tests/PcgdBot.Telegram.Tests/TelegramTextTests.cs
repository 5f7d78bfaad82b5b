using Microsoft.Bot.Schema;
using PcgdBot.Telegram;

namespace PcgdBot.Telegram.Tests;

public sealed class TelegramTextTests
{
    [Fact]
    public void A_note_with_html_characters_is_escaped_and_markdown_characters_stay_literal()
    {
        Assert.Equal("a &lt;b&gt; &amp; c_d*e", TelegramText.EscapeHtml("a <b> & c_d*e"));
    }

    [Fact]
    public void A_short_text_is_one_part()
    {
        Assert.Equal(["Xin chào"], TelegramText.Split("Xin chào"));
    }

    [Fact]
    public void A_long_text_is_cut_at_paragraphs_and_every_part_fits()
    {
        var paragraph = string.Join(' ', Enumerable.Repeat("Phổ cập giáo dục.", 60));
        var text = string.Join("\n\n", Enumerable.Repeat(paragraph, 8));

        var parts = TelegramText.Split(text);

        Assert.True(parts.Count > 1);
        Assert.All(parts, part => Assert.True(part.Length <= TelegramText.MaxLength));
        Assert.All(parts, part => Assert.EndsWith("giáo dục.", part, StringComparison.Ordinal));
        Assert.Equal(text.Replace("\n", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal), string.Concat(parts).Replace("\n", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void A_text_without_breaks_is_cut_at_the_limit()
    {
        var parts = TelegramText.Split(new string('x', 9000));

        Assert.Equal([4096, 4096, 808], parts.Select(p => p.Length));
    }

    [Fact]
    public void Callback_data_is_cut_to_64_bytes_without_breaking_a_character()
    {
        var data = TelegramText.TruncateUtf8(new string('ệ', 40), 64);

        Assert.Equal(21, data.Length);
    }

    [Fact]
    public void Choices_become_numbered_buttons_short_ones_three_to_a_row()
    {
        var keyboard = TelegramAdapter.Keyboard(new SuggestedActions { Actions = [new CardAction(title: "Có", value: "Có"), new CardAction(title: "Không", value: "Không")] })!;

        var row = Assert.Single(keyboard.InlineKeyboard);
        Assert.Equal(["Có", "Không"], row.Select(b => b.Text));
        Assert.Equal(["1", "2"], row.Select(b => b.CallbackData));
    }

    [Fact]
    public void Long_choices_get_a_row_each()
    {
        var keyboard = TelegramAdapter.Keyboard(new SuggestedActions { Actions = [new CardAction(title: "Phòng Nông nghiệp và Phát triển nông thôn"), new CardAction(title: "Có")] })!;

        Assert.Equal(2, keyboard.InlineKeyboard.Count());
    }
}
