namespace PcgdBot.WebChat.Tests;

public sealed class WebChatConversationTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Activities_after_a_watermark_are_returned_once_and_the_watermark_moves_to_the_last()
    {
        var conversation = new WebChatConversation("wc1", "wLan", historyLimit: 10, Now);
        conversation.Append(new DirectLineActivity { Text = "một" }, Now);
        conversation.Append(new DirectLineActivity { Text = "hai" }, Now);

        var all = conversation.Since(null);
        Assert.Equal(["một", "hai"], all.Activities.Select(a => a.Text));
        Assert.Equal("2", all.Watermark);
        Assert.Equal("wc1|0000002", all.Activities[1].Id);
        Assert.Empty(conversation.Since("2").Activities);
        Assert.Equal("2", conversation.Since("2").Watermark);

        conversation.Append(new DirectLineActivity { Text = "ba" }, Now);
        Assert.Equal(["ba"], conversation.Since("2").Activities.Select(a => a.Text));
    }

    [Fact]
    public void Only_the_last_activities_are_kept_and_a_watermark_from_before_a_restart_starts_over()
    {
        var conversation = new WebChatConversation("wc1", "wLan", historyLimit: 3, Now);
        for (var i = 1; i <= 5; i++)
        {
            conversation.Append(new DirectLineActivity { Text = i.ToString(System.Globalization.CultureInfo.InvariantCulture) }, Now);
        }

        Assert.Equal(["3", "4", "5"], conversation.Since("").Activities.Select(a => a.Text));

        var fresh = new WebChatConversation("wc1", "wLan", historyLimit: 3, Now);
        Assert.Equal("0", fresh.Since("57").Watermark);
        fresh.Append(new DirectLineActivity { Text = "mới" }, Now);
        Assert.Equal(["mới"], fresh.Since("0").Activities.Select(a => a.Text));
    }

    [Fact]
    public void The_page_counts_as_open_while_a_socket_listens_or_a_poll_was_recent()
    {
        var conversation = new WebChatConversation("wc1", "wLan", historyLimit: 3, Now);
        var window = TimeSpan.FromSeconds(30);
        Assert.False(conversation.IsOpen(Now, window));
        conversation.Polled(Now);
        Assert.True(conversation.IsOpen(Now.AddSeconds(29), window));
        Assert.False(conversation.IsOpen(Now.AddSeconds(31), window));

        var feed = conversation.Listen("0");
        Assert.True(conversation.IsOpen(Now.AddHours(1), window));
        conversation.Append(new DirectLineActivity { Text = "đẩy" }, Now);
        Assert.True(feed.Reader.TryRead(out var pushed));
        Assert.Equal("đẩy", pushed.Activities.Single().Text);
        conversation.StopListening(feed);
        Assert.False(conversation.IsOpen(Now.AddHours(1), window));
    }

    [Fact]
    public void Past_the_bound_the_least_recently_active_conversations_are_dropped()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now);
        var conversations = new WebChatConversations(new WebChatOptions { MaxConversations = 10 }, time);
        for (var i = 0; i < 25; i++)
        {
            conversations.GetOrAdd("wc" + i, "w" + i, out _);
            time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.InRange(conversations.Count, 1, 10);
        Assert.NotNull(conversations.Find("wc24"));
        Assert.Null(conversations.Find("wc0"));
    }
}
