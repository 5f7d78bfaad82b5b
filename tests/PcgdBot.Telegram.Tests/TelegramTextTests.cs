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

public sealed class TelegramAdapterOptionsTests
{
    [Fact]
    public void Without_a_token_the_channel_is_off_and_nothing_else_is_checked()
    {
        var options = new TelegramAdapterOptions { Mode = TelegramMode.Webhook };

        Assert.False(options.IsEnabled);
        Assert.Empty(options.Problems());
    }

    [Fact]
    public void Polling_is_the_default_without_a_public_url_and_webhook_with_one()
    {
        Assert.Equal(TelegramMode.Polling, new TelegramAdapterOptions { Token = "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789" }.EffectiveMode);
        Assert.Equal(TelegramMode.Webhook, new TelegramAdapterOptions { Token = "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", PublicUrl = "https://bot.example.vn" }.EffectiveMode);
    }

    [Theory]
    [InlineData("not-a-token", null, null, "Telegram:Token")]
    [InlineData("123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", "http://bot.example.vn", "s3cret", "Telegram:PublicUrl")]
    [InlineData("123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", "https://bot.example.vn", null, "Telegram:WebhookSecret")]
    [InlineData("123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", "https://bot.example.vn", "bad secret!", "Telegram:WebhookSecret")]
    public void Unusable_settings_are_named(string token, string? publicUrl, string? secret, string named)
    {
        var options = new TelegramAdapterOptions { Token = token, PublicUrl = publicUrl, WebhookSecret = secret };

        Assert.Contains(options.Problems(), problem => problem.Contains(named, StringComparison.Ordinal));
    }

    [Fact]
    public void A_loopback_http_address_is_allowed_for_a_local_bot_api_server()
    {
        var options = new TelegramAdapterOptions { Token = "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", PublicUrl = "http://127.0.0.1:5080", WebhookSecret = "s3cret" };

        Assert.Empty(options.Problems());
    }
}
