using Microsoft.Extensions.Configuration;
using PcgdBot.Zalo.Bot;

namespace PcgdBot.Zalo.Tests.Bot;

public sealed class ZaloBotOptionsTests
{
    private const string Token = "1234567890:abcdefghijklmnop";

    [Fact]
    public void Without_a_token_the_channel_is_off_and_nothing_is_wrong()
    {
        var options = new ZaloBotOptions { Mode = ZaloBotMode.Webhook, PublicUrl = "ftp://nonsense" };

        Assert.False(options.IsEnabled);
        Assert.Empty(options.Problems());
    }

    [Fact]
    public void The_defaults_poll_the_public_platform()
    {
        var options = new ZaloBotOptions { Token = Token };

        Assert.Equal(ZaloBotMode.Polling, options.EffectiveMode);
        Assert.Equal("https://bot-api.zaloplatforms.com", options.ApiBaseUrl);
        Assert.Equal(30, options.PollingTimeoutSeconds);
        Assert.Equal(4, options.MaxSendAttempts);
        Assert.Equal("/api/zalo/bot", ZaloBotOptions.WebhookPath);
        Assert.Empty(options.Problems());
    }

    [Fact]
    public void A_public_url_means_webhook_unless_polling_is_asked_for()
    {
        Assert.Equal(ZaloBotMode.Webhook, new ZaloBotOptions { Token = Token, PublicUrl = "https://bot.example.vn" }.EffectiveMode);
        Assert.Equal(ZaloBotMode.Polling, new ZaloBotOptions { Token = Token, PublicUrl = "https://bot.example.vn", Mode = ZaloBotMode.Polling }.EffectiveMode);
    }

    [Fact]
    public void Webhook_mode_without_a_reachable_url_or_a_secret_names_both_settings()
    {
        var problems = new ZaloBotOptions { Token = Token, Mode = ZaloBotMode.Webhook, PublicUrl = "http://bot.example.vn" }.Problems().ToList();

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("Zalo:Bot:PublicUrl", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Zalo:Bot:WebhookSecret", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("short7!", false)]
    [InlineData("exactly8", true)]
    [InlineData("with space inside", false)]
    [InlineData("Kí-tự-Việt", false)]
    public void The_webhook_secret_must_be_8_to_256_visible_characters(string secret, bool accepted)
    {
        var options = new ZaloBotOptions { Token = Token, PublicUrl = "https://bot.example.vn", WebhookSecret = secret };

        Assert.Equal(accepted, !options.Problems().Any(p => p.StartsWith("Zalo:Bot:WebhookSecret", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_secret_longer_than_256_characters_is_refused()
    {
        var options = new ZaloBotOptions { Token = Token, PublicUrl = "https://bot.example.vn", WebhookSecret = new string('x', 257) };

        Assert.Contains(options.Problems(), p => p.StartsWith("Zalo:Bot:WebhookSecret", StringComparison.Ordinal));
    }

    [Fact]
    public void Plain_http_is_accepted_on_loopback_only()
    {
        var options = new ZaloBotOptions { Token = Token, PublicUrl = "http://127.0.0.1:5000", WebhookSecret = "webhook-secret" };

        Assert.Empty(options.Problems());
    }

    [Fact]
    public void Every_other_bad_setting_is_named()
    {
        var options = new ZaloBotOptions
        {
            Token = "has a space",
            ApiBaseUrl = "bot-api.zaloplatforms.com",
            PollingTimeoutSeconds = 90,
            MaxSendAttempts = 0,
            MaxRetryAfter = TimeSpan.Zero,
        };

        var problems = options.Problems().ToList();

        Assert.Equal(
            ["Zalo:Bot:Token", "Zalo:Bot:ApiBaseUrl", "Zalo:Bot:PollingTimeoutSeconds", "Zalo:Bot:MaxSendAttempts", "Zalo:Bot:MaxRetryAfter"],
            problems.Select(p => p.Split(' ')[0]));
    }

    [Fact]
    public void Settings_bind_from_the_Zalo_Bot_section()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Zalo:Bot:Token"] = Token,
            ["Zalo:Bot:Mode"] = "webhook",
            ["Zalo:Bot:PublicUrl"] = "https://bot.example.vn",
            ["Zalo:Bot:WebhookSecret"] = "webhook-secret",
            ["Zalo:Bot:MaxRetryAfter"] = "00:00:30",
        }).Build();

        var options = configuration.GetSection(ZaloBotOptions.SectionName).Get<ZaloBotOptions>()!;

        Assert.Equal(ZaloBotMode.Webhook, options.EffectiveMode);
        Assert.Equal(TimeSpan.FromSeconds(30), options.MaxRetryAfter);
        Assert.Empty(options.Problems());
    }
}
