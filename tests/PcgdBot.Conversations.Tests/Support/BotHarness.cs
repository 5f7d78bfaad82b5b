using Microsoft.Extensions.Time.Testing;
using PcgdBot.Storage;
using PcgdBot.Storage.Reporting;

namespace PcgdBot.Conversations.Tests.Support;

/// <summary>
/// The real engine on a real LiteDB file in a temp folder, with a clock the test moves.
/// People are told apart by their user id; each has one conversation per channel.
/// </summary>
public sealed class BotHarness : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "pcgdbot-tests", Guid.NewGuid().ToString("N"));

    public BotHarness(PcgdBotContent content, DateTimeOffset? now = null)
    {
        Directory.CreateDirectory(folder);
        DatabasePath = Path.Combine(folder, "bot.db");
        Time = new FakeTimeProvider(now ?? new DateTimeOffset(2026, 11, 30, 2, 0, 0, TimeSpan.Zero));
        Content = content;
        Database = PcgdBotDatabase.Open(DatabasePath);
        Engine = new ChatEngine(content, Database, Time);
    }

    public PcgdBotContent Content { get; }

    public string DatabasePath { get; }

    public FakeTimeProvider Time { get; }

    public PcgdBotDatabase Database { get; private set; }

    public ChatEngine Engine { get; private set; }

    public ReportingStore Store => Engine.Store;

    /// <summary>Everything the bot answers to one message, replies separated by blank lines.</summary>
    public async Task<string> Say(string user, string text, string channel = "cli")
    {
        var replies = await Engine.HandleAsync(new ChatMessage(channel, channel + "-" + user, new ChatUser(user, "Người " + user), text), CancellationToken.None);
        return string.Join("\n\n", replies.Select(r => r.Text));
    }

    public async Task<IReadOnlyList<ChatReply>> Replies(string user, string text, string channel = "cli") =>
        await Engine.HandleAsync(new ChatMessage(channel, channel + "-" + user, new ChatUser(user, "Người " + user), text), CancellationToken.None);

    /// <summary>Registers <paramref name="user"/> with a fresh invite, as a coordinator would hand one out.</summary>
    public async Task<string> Register(string user, string unit, PersonRole role, string? member = null, string channel = "cli")
    {
        var invite = Engine.CreateInvite(unit, member, role, "test");
        Assert.True(invite.Code is not null, invite.Message);
        var reply = await Say(user, "đăng ký " + invite.Code, channel);
        Assert.Contains("đã được đăng ký", reply, StringComparison.Ordinal);
        return invite.Code!;
    }

    /// <summary>Closes and reopens the file, as a restarted process would.</summary>
    public void Restart()
    {
        Database.Dispose();
        Database = PcgdBotDatabase.Open(DatabasePath);
        Engine = new ChatEngine(Content, Database, Time);
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
            // A temp folder left behind is harmless.
        }
    }
}
