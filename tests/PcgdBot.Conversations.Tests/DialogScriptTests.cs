using System.Text;
using PcgdBot.Conversations.Tests.Support;
using PcgdBot.Storage.Reporting;

namespace PcgdBot.Conversations.Tests;

/// <summary>
/// Dialogs tested from tables of utterances and expected replies: each file of <c>Data/dialogs</c> is one conversation.
/// "u1: text" is a message from user u1; "  &gt; text" must appear in the bot's answer to it, "  !&gt; text" must not;
/// "@register u1 ROLE UNIT [MEMBER]" registers a person; "@updates N" checks the stored updates; "@advance 2d" moves the clock.
/// </summary>
public sealed class DialogScriptTests(ContentFixture fixture) : IClassFixture<ContentFixture>
{
    public static TheoryData<string> Scripts() =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Data", "dialogs"), "*.txt").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task The_conversation_goes_as_the_script_says(string script)
    {
        using var bot = new BotHarness(fixture.Content);
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", "dialogs", script), Encoding.UTF8);
        var reply = string.Empty;
        var said = string.Empty;
        var code = string.Empty;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var where = $"{script}:{i + 1}";
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                continue;
            }

            if (trimmed.StartsWith("!>", StringComparison.Ordinal))
            {
                var unexpected = trimmed[2..].Trim();
                Assert.False(reply.Contains(unexpected, StringComparison.Ordinal), $"{where}: after \"{said}\" the bot must not say \"{unexpected}\", but said:\n{reply}");
            }
            else if (trimmed.StartsWith('>'))
            {
                var expected = trimmed[1..].Trim();
                Assert.True(reply.Contains(expected, StringComparison.Ordinal), $"{where}: after \"{said}\" the bot should say \"{expected}\", but said:\n{reply}");
            }
            else if (trimmed.StartsWith('@'))
            {
                code = await Directive(bot, Arguments(trimmed[1..]), where) ?? code;
            }
            else
            {
                var colon = trimmed.IndexOf(':');
                Assert.True(colon > 0, $"{where}: expected \"user: message\"");
                var user = trimmed[..colon];
                said = trimmed[(colon + 1)..].Trim().Replace("{code}", code, StringComparison.Ordinal);
                var channel = "cli";
                if (user.Contains('@'))
                {
                    channel = user[(user.IndexOf('@') + 1)..];
                    user = user[..user.IndexOf('@')];
                }

                reply = await bot.Say(user, said, channel);
                code = CodeIn(reply) ?? code;
            }
        }
    }

    /// <summary>The last invite or link code a reply shows; "{code}" in later messages stands for it.</summary>
    private static string? CodeIn(string reply) =>
        System.Text.RegularExpressions.Regex.Matches(reply, @": ([A-Z2-9]{8})\b").LastOrDefault()?.Groups[1].Value;

    /// <returns>A code the directive made, if any.</returns>
    private static async Task<string?> Directive(BotHarness bot, List<string> words, string where)
    {
        switch (words[0])
        {
            case "invite":
                var invite = bot.Engine.CreateInvite(words[2], words.Count > 3 ? words[3] : null, Role(words[1], where), "test");
                Assert.True(invite.Code is not null, $"{where}: {invite.Message}");
                return invite.Code;
            case "register":
                // "u1@telegram" registers from that channel (channels the bot can write to first).
                var (who, channel) = words[1].Contains('@') ? (words[1][..words[1].IndexOf('@')], words[1][(words[1].IndexOf('@') + 1)..]) : (words[1], "cli");
                await bot.Register(who, words[3], Role(words[2], where), words.Count > 4 ? words[4] : null, channel);
                break;
            case "outbox":
                var queued = bot.Engine.Outbox.AllBroadcastIds().Sum(id => bot.Engine.Outbox.ForBroadcast(id).Count);
                Assert.True(int.Parse(words[1]) == queued, $"{where}: expected {words[1]} queued messages, found {queued}");
                break;
            case "deliver":
                // The platforms took every queued message (the sender and adapters are tested on their own).
                foreach (var record in bot.Engine.Outbox.ClaimDue(1000))
                {
                    bot.Engine.Outbox.MarkSent(record.Id, "test");
                }

                break;
            case "updates":
                Assert.True(int.Parse(words[1]) == bot.Store.CountUpdates(), $"{where}: expected {words[1]} stored updates, found {bot.Store.CountUpdates()}");
                break;
            case "advance":
                bot.Time.Advance(words[1].EndsWith('d') ? TimeSpan.FromDays(int.Parse(words[1][..^1])) : TimeSpan.FromMinutes(int.Parse(words[1][..^1])));
                break;
            case "restart":
                bot.Restart();
                break;
            default:
                throw new InvalidOperationException($"{where}: unknown directive @{words[0]}");
        }

        return null;
    }

    private static PersonRole Role(string word, string where) => word switch
    {
        "focal" => PersonRole.Focal,
        "leader" => PersonRole.Leader,
        "coordinator" => PersonRole.Coordinator,
        _ => throw new InvalidOperationException($"{where}: unknown role {word}"),
    };

    /// <summary>Words, with "quoted phrases" kept together.</summary>
    private static List<string> Arguments(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
                continue;
            }

            if (c == ' ' && !quoted)
            {
                if (current.Length > 0)
                {
                    words.Add(current.ToString());
                    current.Clear();
                }

                continue;
            }

            current.Append(c);
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words;
    }
}
