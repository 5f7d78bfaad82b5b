using PcgdBot.Host.Web;

namespace PcgdBot.Host.Operations;

/// <summary>Counts requests to a channel's endpoint answered 401 or 403 (a wrong secret, a forged signature).</summary>
internal sealed class WebhookRejections(RequestDelegate next, BotMetrics metrics)
{
    private static readonly (string Prefix, string Channel)[] Endpoints =
    [
        (PcgdBot.Telegram.TelegramAdapterOptions.WebhookPath, "telegram"),
        (PcgdBot.Zalo.Bot.ZaloBotOptions.WebhookPath, "zalo-bot"),
        (PcgdBot.Zalo.Oa.ZaloOaOptions.WebhookPath, "zalo"),
        (PcgdBotHostingExtensions.MessagesPath, "botframework"),
        (PcgdBot.WebChat.WebChatOptions.DirectLinePath, "webchat"),
    ];

    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);
        if (context.Response.StatusCode is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden
            && ChannelOf(context.Request.Path) is { } channel)
        {
            metrics.WebhookRejected(channel, context.Response.StatusCode);
        }
    }

    private static string? ChannelOf(PathString path)
    {
        foreach (var (prefix, channel) in Endpoints)
        {
            if (path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return channel;
            }
        }

        return null;
    }
}
