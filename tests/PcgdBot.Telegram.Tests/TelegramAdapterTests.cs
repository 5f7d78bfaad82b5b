using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging.Abstractions;
using PcgdBot.Channels;
using PcgdBot.Telegram.Tests.StandIn;

namespace PcgdBot.Telegram.Tests;

/// <summary>The adapter against the stand-in Bot API over real HTTP: platform errors, long replies, messages the bot starts.</summary>
public sealed class TelegramAdapterTests
{
    private const long Chat = 5123456789;

    private sealed class MemoryUpdates : IProcessedUpdates
    {
        private readonly HashSet<long> ids = [];

        public bool Contains(long updateId)
        {
            lock (ids)
            {
                return ids.Contains(updateId);
            }
        }

        public void Add(long updateId)
        {
            lock (ids)
            {
                ids.Add(updateId);
            }
        }
    }

    private sealed class Reachability : IChannelReachability
    {
        public List<string> Unreachable { get; } = [];

        void IChannelReachability.Unreachable(string channel, string userId, string reason) => Unreachable.Add(userId);
    }

    private static (TelegramAdapter Adapter, Reachability Reachability, List<TimeSpan> Waits) Adapter(TelegramStandIn api)
    {
        var options = new TelegramAdapterOptions { Token = api.Token, ApiBaseUrl = api.BaseUrl };
        var reachability = new Reachability();
        var waits = new List<TimeSpan>();
        var adapter = new TelegramAdapter(new TelegramBotApiClient(options, new HttpClient()), options, new MemoryUpdates(), reachability, NullLogger<TelegramAdapter>.Instance)
        {
            // Time passes at once; the waits asked for are recorded.
            Delay = (wait, _) =>
            {
                lock (waits)
                {
                    waits.Add(wait);
                }

                return Task.CompletedTask;
            },
        };
        return (adapter, reachability, waits);
    }

    private static BotCallbackHandler Replying(params string[] replies) => async (turn, ct) =>
    {
        foreach (var reply in replies)
        {
            await turn.SendActivityAsync(MessageFactory.Text(reply), ct);
        }
    };

    [Fact]
    public async Task A_429_is_waited_out_for_retry_after_and_the_message_then_arrives()
    {
        await using var api = await TelegramStandIn.StartAsync();
        var (adapter, _, waits) = Adapter(api);
        api.FailNextTooManyRequests("sendMessage", retryAfter: 7, times: 2);

        await adapter.ProcessUpdateAsync(api.EnqueueText(Chat, Chat, "xin chào").ToUpdate(), Replying("Chào anh/chị"), CancellationToken.None);

        Assert.Equal("Chào anh/chị", Assert.Single(api.SentTo(Chat)).PlainText);
        Assert.Equal([TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(7)], waits);
    }

    [Fact]
    public async Task A_403_marks_the_person_unreachable_and_is_not_retried()
    {
        await using var api = await TelegramStandIn.StartAsync();
        var (adapter, reachability, _) = Adapter(api);
        api.BlockChat(Chat);

        await adapter.ProcessUpdateAsync(api.EnqueueText(Chat, Chat, "xin chào").ToUpdate(), Replying("Chào anh/chị"), CancellationToken.None);

        Assert.Equal([Chat.ToString(System.Globalization.CultureInfo.InvariantCulture)], reachability.Unreachable);
        Assert.Equal(1, api.CallCount("sendMessage"));
        Assert.Empty(api.Sent);
    }

    [Fact]
    public async Task Network_failures_are_retried_with_backoff_and_then_delivered()
    {
        await using var api = await TelegramStandIn.StartAsync();
        var (adapter, _, waits) = Adapter(api);
        api.FailNextWithNetworkError("sendMessage", times: 2);

        await adapter.ProcessUpdateAsync(api.EnqueueText(Chat, Chat, "xin chào").ToUpdate(), Replying("Chào anh/chị"), CancellationToken.None);

        Assert.Single(api.SentTo(Chat));
        Assert.Equal([TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1)], waits);
    }

    [Fact]
    public async Task Endless_failures_give_up_after_the_bound_without_an_exception_reaching_the_caller()
    {
        await using var api = await TelegramStandIn.StartAsync();
        var (adapter, _, waits) = Adapter(api);
        api.FailNextWithNetworkError("sendMessage", times: 100);

        await adapter.ProcessUpdateAsync(api.EnqueueText(Chat, Chat, "xin chào").ToUpdate(), Replying("Chào anh/chị"), CancellationToken.None);

        Assert.Equal(4, api.CallCount("sendMessage"));
        Assert.Equal(3, waits.Count);
    }

    [Fact]
    public async Task A_400_parse_error_is_sent_again_as_plain_text()
    {
        await using var api = await TelegramStandIn.StartAsync();
        var (adapter, _, _) = Adapter(api);
        api.FailNext("sendMessage", 400, "Bad Request: can't parse entities: unsupported start tag");

        await adapter.ProcessUpdateAsync(api.EnqueueText(Chat, Chat, "xin chào").ToUpdate(), Replying("a < b & c"), CancellationToken.None);

        var sent = Assert.Single(api.SentTo(Chat));
        Assert.Equal("a < b & c", sent.PlainText);
        Assert.Null(sent.ParseMode);
    }

    [Fact]
    public async Task A_reply_longer_than_4096_characters_arrives_in_parts_with_nothing_lost()
    {
        await using var api = await TelegramStandIn.StartAsync();
        var (adapter, _, _) = Adapter(api);
        var lines = Enumerable.Range(1, 300).Select(i => $"{i}. Xã số {i} <chưa> báo cáo & cần nhắc_lại *ngay*").ToList();
        var text = string.Join('\n', lines);

        await adapter.ProcessUpdateAsync(api.EnqueueText(Chat, Chat, "đơn vị nào chưa báo cáo").ToUpdate(), Replying(text), CancellationToken.None);

        var parts = api.SentTo(Chat);
        Assert.True(parts.Count >= 4);
        Assert.All(parts, p => Assert.True(p.PlainText!.Length <= 4096));
        Assert.Equal(lines, parts.SelectMany(p => p.PlainText!.Split('\n')));
    }

    [Fact]
    public async Task Choices_go_on_the_last_part_only_as_an_inline_keyboard()
    {
        await using var api = await TelegramStandIn.StartAsync();
        var (adapter, _, _) = Adapter(api);
        BotCallbackHandler bot = async (turn, ct) =>
        {
            var reply = MessageFactory.Text(new string('a', 5000));
            reply.SuggestedActions = new SuggestedActions { Actions = [new CardAction(ActionTypes.ImBack, "Có", value: "Có"), new CardAction(ActionTypes.ImBack, "Không", value: "Không")] };
            await turn.SendActivityAsync(reply, ct);
        };

        await adapter.ProcessUpdateAsync(api.EnqueueText(Chat, Chat, "x").ToUpdate(), bot, CancellationToken.None);

        var parts = api.SentTo(Chat);
        Assert.Equal(2, parts.Count);
        Assert.Empty(parts[0].CallbackData);
        Assert.Equal(["1", "2"], parts[1].CallbackData);
    }

    [Fact]
    public async Task Typing_is_shown_only_when_the_answer_is_slow()
    {
        await using var api = await TelegramStandIn.StartAsync();
        var options = new TelegramAdapterOptions { Token = api.Token, ApiBaseUrl = api.BaseUrl, TypingDelay = TimeSpan.FromMilliseconds(50) };
        var adapter = new TelegramAdapter(new TelegramBotApiClient(options, new HttpClient()), options, new MemoryUpdates(), new Reachability(), NullLogger<TelegramAdapter>.Instance);

        await adapter.ProcessUpdateAsync(api.EnqueueText(Chat, Chat, "nhanh").ToUpdate(), Replying("Xong"), CancellationToken.None);
        Assert.Equal(0, api.CallCount("sendChatAction"));

        await adapter.ProcessUpdateAsync(api.EnqueueText(Chat, Chat, "chậm").ToUpdate(), async (turn, ct) => { await Task.Delay(400, ct); await turn.SendActivityAsync("Xong", cancellationToken: ct); }, CancellationToken.None);
        Assert.Equal(1, api.CallCount("sendChatAction"));
    }

    [Fact]
    public async Task The_bot_can_start_a_conversation_from_a_stored_reference()
    {
        await using var api = await TelegramStandIn.StartAsync();
        var (adapter, _, _) = Adapter(api);
        var reference = new ConversationReference
        {
            ChannelId = "telegram",
            ServiceUrl = "telegram",
            Conversation = new ConversationAccount(id: Chat.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            User = new ChannelAccount(Chat.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Bot = new ChannelAccount("123456"),
        };

        await adapter.ContinueConversationAsync("123456", reference, Replying("Nhắc: hạn báo cáo là 10/12."), CancellationToken.None);

        Assert.Equal("Nhắc: hạn báo cáo là 10/12.", Assert.Single(api.SentTo(Chat)).PlainText);
    }

    [Fact]
    public async Task A_proactive_message_to_someone_who_blocked_the_bot_fails_with_a_delivery_exception()
    {
        await using var api = await TelegramStandIn.StartAsync();
        var (adapter, reachability, _) = Adapter(api);
        api.BlockChat(Chat);
        var reference = new ConversationReference { ChannelId = "telegram", Conversation = new ConversationAccount(id: Chat.ToString(System.Globalization.CultureInfo.InvariantCulture)), User = new ChannelAccount(Chat.ToString(System.Globalization.CultureInfo.InvariantCulture)) };

        var error = await Assert.ThrowsAsync<ChannelDeliveryException>(() => adapter.ContinueConversationAsync("123456", reference, Replying("Nhắc"), CancellationToken.None));

        Assert.Equal(DeliveryFailure.Unreachable, error.Failure);
        Assert.Single(reachability.Unreachable);
    }
}
