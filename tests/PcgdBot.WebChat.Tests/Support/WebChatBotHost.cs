using PcgdBot.Host.Tests.Support;

namespace PcgdBot.WebChat.Tests.Support;

/// <summary>The real host on Kestrel with the web chat on (its default) and its own database file.</summary>
public sealed class WebChatBotHost : KestrelBotHost
{
    public WebChatBotHost(IReadOnlyDictionary<string, string?>? settings = null, string? folder = null)
        : base("pcgdbot-web-", 0, folder)
    {
        Set("WebChat:TypingDelay", "00:00:00.300");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            Set(key, value);
        }
    }

    public static async Task<WebChatBotHost> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, string? folder = null)
    {
        var host = new WebChatBotHost(settings, folder);
        host.Start();
        await Task.CompletedTask;
        return host;
    }

    public async Task StopAsync()
    {
        await DisposeAsync();
        DeleteFiles();
    }
}
