using Microsoft.Bot.Builder;

namespace PcgdBot.Host.Bot;

/// <summary>The adapter's OnTurnError: logs the failure for us and apologises to the user, who never sees internals.</summary>
public sealed partial class TurnErrorReporter(ILogger<TurnErrorReporter> logger)
{
    public const string Apology = "Xin lỗi, hệ thống đang gặp sự cố nên chưa trả lời được. Anh/chị vui lòng thử lại sau ít phút.";

    public async Task ReportAsync(ITurnContext turnContext, Exception exception)
    {
        var activity = turnContext.Activity;
        LogTurnFailed(exception, activity?.Type, activity?.ChannelId, activity?.Conversation?.Id);
        try
        {
            await turnContext.SendActivityAsync(Apology);
        }
        catch (Exception sendError)
        {
            // The channel itself may be what failed; the original error is logged above.
            LogApologyFailed(sendError, activity?.ChannelId, activity?.Conversation?.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Turn failed for {ActivityType} activity on {ChannelId} in conversation {ConversationId}")]
    private partial void LogTurnFailed(Exception exception, string? activityType, string? channelId, string? conversationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send the apology on {ChannelId} in conversation {ConversationId}")]
    private partial void LogApologyFailed(Exception exception, string? channelId, string? conversationId);
}
