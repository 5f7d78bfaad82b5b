using Microsoft.Bot.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PcgdBot.Channels;
using Telegram.Bot.Exceptions;

namespace PcgdBot.Telegram;

/// <summary>
/// Long polling (the default without a public URL): clears any webhook first, then asks getUpdates in a loop,
/// handling updates in order and confirming them with the next offset. Errors back off and never stop the loop.
/// </summary>
public sealed partial class TelegramPollingService(ITelegramClient client, TelegramAdapter adapter, IBot bot, TelegramAdapterOptions options, ILogger<TelegramPollingService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        var offset = 0;
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

                var updates = await client.GetUpdatesAsync(offset, options.PollingTimeoutSeconds, stoppingToken);
                var retry = false;
                foreach (var update in updates)
                {
                    var outcome = await adapter.ProcessUpdateAsync(update, bot.OnTurnAsync, stoppingToken);
                    if (outcome is UpdateOutcome.RetryLater or UpdateOutcome.StorageUnavailable)
                    {
                        // Not confirmed: the next getUpdates brings it (and those after it) again, after a pause.
                        retry = true;
                        break;
                    }

                    offset = Math.Max(offset, update.Id + 1);
                }

                if (retry)
                {
                    LogRetrying(offset, backoff.TotalSeconds);
                    await Task.Delay(backoff, stoppingToken);
                    backoff = TimeSpan.FromSeconds(Math.Min(backoff.TotalSeconds * 2, 30));
                    continue;
                }

                backoff = TimeSpan.FromSeconds(1);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception error) when (error is ApiRequestException or RequestException or HttpRequestException or TaskCanceledException)
            {
                // 409 (a webhook was set meanwhile), 401 (bad token), network: wait, clear the webhook again, go on.
                LogPollingFailed(error.Message, backoff.TotalSeconds);
                webhookCleared = error is not ApiRequestException { ErrorCode: 409 } && webhookCleared;
                await Task.Delay(backoff, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                backoff = TimeSpan.FromSeconds(Math.Min(backoff.TotalSeconds * 2, 60));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram: receiving updates by long polling from {ApiBaseUrl}")]
    private partial void LogStarted(string apiBaseUrl);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram update from offset {Offset} not handled yet: asked again in {Seconds} s")]
    private partial void LogRetrying(int offset, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram polling failed: {Reason}; retrying in {Seconds} s")]
    private partial void LogPollingFailed(string reason, double seconds);
}

/// <summary>Webhook mode: registers <c>{PublicUrl}/api/telegram</c> with the secret token when the host starts.</summary>
public sealed partial class TelegramWebhookRegistration(ITelegramClient client, TelegramAdapterOptions options, ILogger<TelegramWebhookRegistration> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var url = options.PublicUrl!.TrimEnd('/') + TelegramAdapterOptions.WebhookPath;
        try
        {
            await client.SetWebhookAsync(url, options.WebhookSecret!, cancellationToken);
            LogRegistered(url);
        }
        catch (Exception error) when (error is ApiRequestException or RequestException or HttpRequestException)
        {
            // The host still starts: the webhook may already be set, and an operator sees this line.
            LogRegistrationFailed(url, error.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram: webhook registered at {Url}")]
    private partial void LogRegistered(string url);

    [LoggerMessage(Level = LogLevel.Error, Message = "Telegram: could not register the webhook at {Url}: {Reason}")]
    private partial void LogRegistrationFailed(string url, string reason);
}
