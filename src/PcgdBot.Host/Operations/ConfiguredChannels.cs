using PcgdBot.Telegram;
using PcgdBot.WebChat;
using PcgdBot.Zalo.Bot;
using PcgdBot.Zalo.Oa;

namespace PcgdBot.Host.Operations;

/// <summary>The channel ids (as activities carry them) whose settings turn them on.</summary>
public sealed class ConfiguredChannels(IReadOnlyList<string> names)
{
    public IReadOnlyList<string> Names { get; } = names;

    public static ConfiguredChannels From(IConfiguration configuration)
    {
        var names = new List<string>();
        if ((configuration.GetSection(TelegramAdapterOptions.SectionName).Get<TelegramAdapterOptions>() ?? new()).IsEnabled)
        {
            names.Add("telegram");
        }

        if ((configuration.GetSection(ZaloOaOptions.SectionName).Get<ZaloOaOptions>() ?? new()).IsEnabled)
        {
            names.Add("zalo");
        }

        if ((configuration.GetSection(ZaloBotOptions.SectionName).Get<ZaloBotOptions>() ?? new()).IsEnabled)
        {
            names.Add("zalo-bot");
        }

        if ((configuration.GetSection(WebChatOptions.SectionName).Get<WebChatOptions>() ?? new()).Enabled)
        {
            names.Add("webchat");
        }

        return new ConfiguredChannels(names);
    }
}
