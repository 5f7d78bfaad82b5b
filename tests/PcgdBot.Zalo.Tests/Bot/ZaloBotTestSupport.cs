using Microsoft.Bot.Builder;
using PcgdBot.Channels;
using PcgdBot.Storage;
using PcgdBot.Zalo.Bot;

namespace PcgdBot.Zalo.Tests.Bot;

/// <summary>A real LiteDB file in a folder of its own, deleted afterwards; reopen it to play a restart.</summary>
internal sealed class TempDatabase : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "pcgdbot-zalobot-" + Guid.NewGuid().ToString("N"));

    public TempDatabase()
    {
        Database = PcgdBotDatabase.Open(FilePath);
        Events = new ProcessedEvents(Database, TimeProvider.System);
    }

    public string FilePath => Path.Combine(folder, "bot.db");

    public PcgdBotDatabase Database { get; private set; }

    public ProcessedEvents Events { get; private set; }

    /// <summary>Closes and opens the file again, as a host restart would.</summary>
    public void Reopen()
    {
        Database.Dispose();
        Database = PcgdBotDatabase.Open(FilePath);
        Events = new ProcessedEvents(Database, TimeProvider.System);
    }

    public void Dispose()
    {
        Database.Dispose();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}

/// <summary>Records who the adapter marked unreachable.</summary>
internal sealed class RecordedReachability : IChannelReachability
{
    private readonly List<(string Channel, string UserId)> marked = [];

    public IReadOnlyList<(string Channel, string UserId)> Marked
    {
        get
        {
            lock (marked)
            {
                return [.. marked];
            }
        }
    }

    public void Unreachable(string channel, string userId, string reason)
    {
        lock (marked)
        {
            marked.Add((channel, userId));
        }
    }
}

/// <summary>A bot that is one callback, counting its turns.</summary>
internal sealed class DelegateBot(BotCallbackHandler handler) : IBot
{
    private int turns;

    public int Turns => Volatile.Read(ref turns);

    public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref turns);
        await handler(turnContext, cancellationToken);
    }

    /// <summary>Answers every message with the given replies.</summary>
    public static DelegateBot Replying(params string[] replies) => new(async (turn, ct) =>
    {
        foreach (var reply in replies)
        {
            await turn.SendActivityAsync(MessageFactory.Text(reply), ct);
        }
    });

    /// <summary>Echoes the text it got, so tests see what reached the bot.</summary>
    public static DelegateBot Echo() => new((turn, ct) => turn.SendActivityAsync(MessageFactory.Text("Bạn nói: " + turn.Activity.Text), ct));
}

/// <summary>Update bodies as the platform sends them.</summary>
internal static class ZaloBotBodies
{
    public const string ChatId = "6ede9afa66b88fe6d6a9";

    public static string Flat(string text, string messageId, string eventName = ZaloBotUpdate.TextReceived, string chatId = ChatId) =>
        $$"""{"message":{"from":{"id":"{{chatId}}","display_name":"Ted","is_bot":false},"chat":{"id":"{{chatId}}","chat_type":"PRIVATE"},"text":{{System.Text.Json.JsonSerializer.Serialize(text)}},"message_id":"{{messageId}}","date":1750316131602},"event_name":"{{eventName}}"}""";

    public static string Wrapped(string text, string messageId, string eventName = ZaloBotUpdate.TextReceived, string chatId = ChatId) =>
        $$"""{"ok":true,"result":{{Flat(text, messageId, eventName, chatId)}}}""";

    /// <summary>A picture, sticker or unsupported message: no text.</summary>
    public static string WithoutText(string eventName, string messageId) =>
        $$"""{"message":{"from":{"id":"{{ChatId}}","display_name":"Ted","is_bot":false},"chat":{"id":"{{ChatId}}","chat_type":"PRIVATE"},"message_id":"{{messageId}}","date":1750316131602,"photo_url":"https://example.vn/p.jpg"},"event_name":"{{eventName}}"}""";
}
