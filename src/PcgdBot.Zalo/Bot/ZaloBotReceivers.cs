using System.Diagnostics;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PcgdBot.Channels;

namespace PcgdBot.Zalo.Bot;

/// <summary>
/// Polling (the default without a public URL): clears any webhook first (the platform serves one or the other), then
/// asks getUpdates in a loop, one update per call, handled in order. Errors back off and never stop the loop.
/// </summary>
public sealed partial class ZaloBotPollingService(IZaloBotClient client, ZaloBotAdapter adapter, IBot bot, ZaloBotOptions options, ILogger<ZaloBotPollingService> logger)
    : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(60);

    /// <summary>
    /// An empty poll that comes back sooner than <see cref="QuickEmptyPoll"/> is followed by this much rest: should the
    /// platform not hold the request for the timeout (or the timeout be 0), the loop must not hammer it.
    /// </summary>
    private static readonly TimeSpan EmptyPollRest = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan QuickEmptyPoll = TimeSpan.FromMilliseconds(500);

    /// <summary>Waits between tries, replaceable by tests that make time pass faster; the default really waits.</summary>
    public Func<TimeSpan, CancellationToken, Task> Delay { get; init; } = Task.Delay;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        var webhookCleared = false;
        LogStarted(options.ApiBaseUrl);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!webhookCleared)
                {
                    await client.DeleteWebhookAsync(stoppingToken);
                    webhookCleared = true;
                }

                var asked = Stopwatch.GetTimestamp();
                var update = await client.GetUpdateAsync(options.PollingTimeoutSeconds, stoppingToken);
                if (update is not null)
                {
                    await HandleUntilDoneAsync(update, stoppingToken);
                }
                else if (Stopwatch.GetElapsedTime(asked) < QuickEmptyPoll)
                {
                    await Delay(EmptyPollRest, stoppingToken);
                }

                backoff = TimeSpan.FromSeconds(1);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception error)
            {
                // 401 (bad token), a webhook set meanwhile, 5xx, network: wait, clear the webhook again, go on.
                LogPollingFailed(error.Message, backoff.TotalSeconds);
                webhookCleared = false;
                try
                {
                    await Delay(backoff, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }

                backoff = TimeSpan.FromSeconds(Math.Min(backoff.TotalSeconds * 2, MaxBackoff.TotalSeconds));
            }
        }
    }

    /// <summary>
    /// A polled update is not delivered again by the platform: a turn that failed is tried again here, with pauses, until
    /// it is handled (the adapter gives up, with a note to the person, after its tries; a full disk waits for space).
    /// </summary>
    private async Task HandleUntilDoneAsync(ZaloBotUpdate update, CancellationToken stoppingToken)
    {
        var pause = TimeSpan.FromSeconds(1);
        while (await adapter.ProcessUpdateAsync(update, bot.OnTurnAsync, stoppingToken) is UpdateOutcome.RetryLater or UpdateOutcome.StorageUnavailable)
        {
            LogRetrying(update.Message?.MessageId ?? "-", pause.TotalSeconds);
            await Delay(pause, stoppingToken);
            pause = TimeSpan.FromSeconds(Math.Min(pause.TotalSeconds * 2, MaxBackoff.TotalSeconds));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Zalo Bot message {MessageId} not handled yet: tried again in {Seconds} s")]
    private partial void LogRetrying(string messageId, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Zalo Bot: receiving updates by polling from {ApiBaseUrl}")]
    private partial void LogStarted(string apiBaseUrl);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Zalo Bot polling failed: {Reason}; retrying in {Seconds} s")]
    private partial void LogPollingFailed(string reason, double seconds);
}

/// <summary>Webhook mode: registers <c>{PublicUrl}/api/zalo/bot</c> with the secret token when the host starts.</summary>
public sealed partial class ZaloBotWebhookRegistration(IZaloBotClient client, ZaloBotOptions options, ILogger<ZaloBotWebhookRegistration> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var url = options.PublicUrl!.TrimEnd('/') + ZaloBotOptions.WebhookPath;
        try
        {
            await client.SetWebhookAsync(url, options.WebhookSecret!, cancellationToken);
            LogRegistered(url);
        }
        catch (Exception error) when (error is ZaloBotApiException or HttpRequestException || (error is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // The host still starts: the webhook may already be set, and an operator sees this line.
            LogRegistrationFailed(url, error.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Zalo Bot: webhook registered at {Url}")]
    private partial void LogRegistered(string url);

    [LoggerMessage(Level = LogLevel.Error, Message = "Zalo Bot: could not register the webhook at {Url}: {Reason}")]
    private partial void LogRegistrationFailed(string url, string reason);
}
