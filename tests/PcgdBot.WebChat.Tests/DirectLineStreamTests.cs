using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PcgdBot.Reminders.Outbox;
using PcgdBot.Storage.Reporting;
using PcgdBot.WebChat.Tests.Support;

namespace PcgdBot.WebChat.Tests;

/// <summary>The WebSocket stream (Web Chat's default) and messages the bot starts, over real sockets on loopback.</summary>
public sealed class DirectLineStreamTests
{
    [Fact]
    public async Task The_stream_sends_the_kept_transcript_then_the_echo_and_the_answer_as_they_happen()
    {
        var host = await WebChatBotHost.StartAsync();
        try
        {
            using var page = await new DirectLineTestClient(host.BaseUrl).StartAsync();
            using var socket = new ClientWebSocket();
            await socket.ConnectAsync(new Uri(page.StreamUrl!), CancellationToken.None);

            var greeting = await ReceiveUntilAsync(socket, a => DirectLineTestClient.IsBotMessage(a));
            Assert.Contains("PcgdBot", greeting.Last().GetProperty("text").GetString(), StringComparison.Ordinal);

            var sent = Stopwatch.StartNew();
            var (id, clientId) = await page.PostAsync("Ai chủ trì tham mưu tuyển dụng giáo viên?");
            var arrived = await ReceiveUntilAsync(socket, a => DirectLineTestClient.IsBotMessage(a) && a.GetProperty("replyToId").GetString() == id);
            sent.Stop();

            Assert.Equal(clientId, arrived.First(a => a.GetProperty("id").GetString() == id).GetProperty("channelData").GetProperty("clientActivityID").GetString());
            Assert.Contains("Phòng Nội vụ", arrived.Last().GetProperty("text").GetString(), StringComparison.Ordinal);
            // Pushed, not polled: far below Web Chat's one-second polling interval.
            Assert.True(sent.ElapsedMilliseconds < 900, $"answer took {sent.ElapsedMilliseconds} ms");
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task A_stream_address_with_another_conversations_token_is_refused()
    {
        var host = await WebChatBotHost.StartAsync();
        try
        {
            using var lan = await new DirectLineTestClient(host.BaseUrl).StartAsync();
            using var other = await new DirectLineTestClient(host.BaseUrl).StartAsync();
            var stolen = lan.StreamUrl!.Split("?")[0] + "?t=" + Uri.EscapeDataString(other.Token);
            using var socket = new ClientWebSocket();
            var refused = await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(new Uri(stolen), CancellationToken.None));
            Assert.Contains("403", refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task A_broadcast_reaches_a_registered_person_while_the_page_is_open_and_is_unreachable_there_once_it_is_closed()
    {
        var host = await WebChatBotHost.StartAsync(new Dictionary<string, string?> { ["WebChat:LiveWindow"] = "00:00:02" });
        try
        {
            var code = host.Engine.CreateInvite("Phòng Nội vụ", null, PersonRole.Focal, "test").Code!;
            using var page = await new DirectLineTestClient(host.BaseUrl).StartAsync();
            await page.SayAsync("đăng ký " + code);
            var person = host.Engine.Store.FindByIdentity(WebChatAdapter.ChannelId, page.Session.UserId)!;
            var identity = Assert.Single(host.Engine.Broadcasts.ReachableChannels(person.Person.Id));
            Assert.Equal(WebChatAdapter.ChannelId, identity.Channel);
            var transport = host.Services.GetRequiredService<IOutboxTransport>();
            var message = new OutboxMessage("TB-9:" + person.Person.Id, "TB-9", person.Person.Id, identity.Channel, identity.UserId, identity.ConversationId!, "Nhắc: hạn báo cáo 10/12.", ["Đã nhận"]);

            // Open: the page polled a moment ago.
            await page.PollAsync();
            Assert.IsType<SendOutcome.Accepted>(await transport.SendAsync(message, CancellationToken.None));
            var delivered = Assert.Single(await page.PollAsync());
            Assert.Equal("Nhắc: hạn báo cáo 10/12.", delivered.GetProperty("text").GetString());
            Assert.Equal("Đã nhận", delivered.GetProperty("suggestedActions").GetProperty("actions")[0].GetProperty("value").GetString());

            // Closed: no poll and no socket within the window; the outbox is told, so it can use another channel.
            await Task.Delay(TimeSpan.FromSeconds(2.5));
            Assert.IsType<SendOutcome.Unreachable>(await transport.SendAsync(message with { Id = "TB-10:" + person.Person.Id }, CancellationToken.None));
            Assert.Empty(await page.PollAsync());
            // Not marked unreachable for good: the page may be opened again.
            Assert.Single(host.Engine.Broadcasts.ReachableChannels(person.Person.Id));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    /// <summary>Reads activity sets (skipping keep-alives) until one matches; returns everything read.</summary>
    private static async Task<List<JsonElement>> ReceiveUntilAsync(ClientWebSocket socket, Func<JsonElement, bool> done)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var read = new List<JsonElement>();
        var buffer = new byte[64 * 1024];
        while (true)
        {
            using var message = new MemoryStream();
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer, timeout.Token);
                message.Write(buffer, 0, result.Count);
            }
            while (!result.EndOfMessage);

            if (message.Length == 0)
            {
                continue;
            }

            var set = JsonDocument.Parse(Encoding.UTF8.GetString(message.ToArray())).RootElement;
            foreach (var activity in set.GetProperty("activities").EnumerateArray())
            {
                read.Add(activity.Clone());
                if (done(activity))
                {
                    return read;
                }
            }
        }
    }
}
