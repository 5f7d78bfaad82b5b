using Microsoft.Bot.Builder;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace PcgdBot.WebChat.Tests;

public sealed class WebChatAdapterTests
{
    private readonly WebChatOptions options = new() { TypingDelay = TimeSpan.FromMilliseconds(50) };

    [Fact]
    public async Task A_slow_answer_is_preceded_by_typing_and_a_quick_one_is_not()
    {
        var conversations = new WebChatConversations(options, TimeProvider.System);
        var adapter = new WebChatAdapter(conversations, options, TimeProvider.System, NullLogger<WebChatAdapter>.Instance);
        var conversation = conversations.GetOrAdd("wc1", "wLan", out _);

        await adapter.ReceiveAsync(conversation, new DirectLineActivity { Text = "chậm" }, async (turn, ct) =>
        {
            await Task.Delay(400, ct);
            await turn.SendActivityAsync(MessageFactory.Text("trả lời chậm"), ct);
        }, CancellationToken.None);
        await adapter.ReceiveAsync(conversation, new DirectLineActivity { Text = "nhanh" }, (turn, ct) => turn.SendActivityAsync(MessageFactory.Text("trả lời nhanh"), ct), CancellationToken.None);

        var kinds = conversation.Since(null).Activities.Select(a => (a.Type, a.Text)).ToList();
        Assert.Equal(
            [("message", "chậm"), ("typing", null), ("message", "trả lời chậm"), ("message", "nhanh"), ("message", "trả lời nhanh")],
            kinds);
        var all = conversation.Since(null).Activities;
        Assert.Equal(all[0].Id, all[2].ReplyToId);
        Assert.Equal(all[3].Id, all[4].ReplyToId);
        Assert.Equal("bot", all[4].From?.Role);
    }

    [Fact]
    public async Task Who_sent_a_message_comes_from_the_conversation_never_from_the_body()
    {
        var conversations = new WebChatConversations(options, new FakeTimeProvider());
        var adapter = new WebChatAdapter(conversations, options, TimeProvider.System, NullLogger<WebChatAdapter>.Instance);
        var conversation = conversations.GetOrAdd("wc1", "wLan", out _);
        string? seenFrom = null;

        await adapter.ReceiveAsync(conversation, new DirectLineActivity { Text = "xin chào", From = new DirectLineAccount("wSomeoneElse", Role: "bot") }, (turn, _) =>
        {
            seenFrom = turn.Activity.From.Id;
            return Task.CompletedTask;
        }, CancellationToken.None);

        Assert.Equal("wLan", seenFrom);
        Assert.Equal(("wLan", "user"), (conversation.Since(null).Activities[0].From?.Id, conversation.Since(null).Activities[0].From?.Role));
    }
}
