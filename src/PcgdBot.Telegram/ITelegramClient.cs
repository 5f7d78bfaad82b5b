using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace PcgdBot.Telegram;

/// <summary>The Bot API calls the adapter makes; fakeable. Failures are Telegram.Bot's exceptions (ApiRequestException, RequestException).</summary>
public interface ITelegramClient
{
    Task<User> GetMeAsync(CancellationToken cancellationToken);

    Task<Update[]> GetUpdatesAsync(int offset, int timeoutSeconds, CancellationToken cancellationToken);

    Task SetWebhookAsync(string url, string secretToken, CancellationToken cancellationToken);

    Task DeleteWebhookAsync(CancellationToken cancellationToken);

    Task<Message> SendMessageAsync(long chatId, string text, ParseMode parseMode, InlineKeyboardMarkup? keyboard, CancellationToken cancellationToken);

    Task SendTypingAsync(long chatId, CancellationToken cancellationToken);

    /// <summary>Uploads a file as a document (multipart <c>sendDocument</c>).</summary>
    Task<Message> SendDocumentAsync(long chatId, string fileName, byte[] content, CancellationToken cancellationToken);

    Task AnswerCallbackQueryAsync(string callbackQueryId, CancellationToken cancellationToken);
}

/// <summary>The real Bot API through Telegram.Bot, at the configured base address.</summary>
public sealed class TelegramBotApiClient : ITelegramClient
{
    private static readonly UpdateType[] Wanted = [UpdateType.Message, UpdateType.EditedMessage, UpdateType.CallbackQuery, UpdateType.MyChatMember];

    private readonly TelegramBotClient client;

    public TelegramBotApiClient(TelegramAdapterOptions options, HttpClient httpClient)
    {
        // 429 answers are the adapter's to handle (bounded, logged): the library must not wait on its own.
        client = new TelegramBotClient(new TelegramBotClientOptions(options.Token!, options.ApiBaseUrl) { RetryCount = 0, RetryThreshold = 0 }, httpClient);
    }

    public Task<User> GetMeAsync(CancellationToken cancellationToken) => client.GetMe(cancellationToken);

    public Task<Update[]> GetUpdatesAsync(int offset, int timeoutSeconds, CancellationToken cancellationToken) =>
        client.GetUpdates(offset, limit: 100, timeout: timeoutSeconds, allowedUpdates: Wanted, cancellationToken: cancellationToken);

    public Task SetWebhookAsync(string url, string secretToken, CancellationToken cancellationToken) =>
        client.SetWebhook(url, allowedUpdates: Wanted, secretToken: secretToken, cancellationToken: cancellationToken);

    public Task DeleteWebhookAsync(CancellationToken cancellationToken) => client.DeleteWebhook(cancellationToken: cancellationToken);

    public Task<Message> SendMessageAsync(long chatId, string text, ParseMode parseMode, InlineKeyboardMarkup? keyboard, CancellationToken cancellationToken) =>
        client.SendMessage(chatId, text, parseMode, replyMarkup: keyboard, linkPreviewOptions: new LinkPreviewOptions { IsDisabled = true }, cancellationToken: cancellationToken);

    public async Task<Message> SendDocumentAsync(long chatId, string fileName, byte[] content, CancellationToken cancellationToken)
    {
        // A fresh stream per call: a retried upload must send the whole file again.
        await using var stream = new MemoryStream(content, writable: false);
        return await client.SendDocument(chatId, InputFile.FromStream(stream, fileName), cancellationToken: cancellationToken);
    }

    public Task SendTypingAsync(long chatId, CancellationToken cancellationToken) => client.SendChatAction(chatId, ChatAction.Typing, cancellationToken: cancellationToken);

    public Task AnswerCallbackQueryAsync(string callbackQueryId, CancellationToken cancellationToken) =>
        client.AnswerCallbackQuery(callbackQueryId, cancellationToken: cancellationToken);
}
