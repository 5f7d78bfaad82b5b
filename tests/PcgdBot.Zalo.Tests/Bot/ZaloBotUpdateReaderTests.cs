using PcgdBot.Zalo.Bot;

namespace PcgdBot.Zalo.Tests.Bot;

public sealed class ZaloBotUpdateReaderTests
{
    // The documented example, as the reference notes quote it.
    private const string Documented = """{"ok":true,"result":{"message":{"from":{"id":"6ede9afa66b88fe6d6a9","display_name":"Ted","is_bot":false},"chat":{"id":"6ede9afa66b88fe6d6a9","chat_type":"PRIVATE"},"text":"Xin chào","message_id":"2d758cb5e222177a4e35","date":1750316131602},"event_name":"message.text.received"}}""";

    [Fact]
    public void The_documented_wrapped_update_is_read_whole()
    {
        Assert.True(ZaloBotUpdateReader.TryRead(Documented, out var update));

        Assert.Equal("message.text.received", update!.EventName);
        var message = update.Message!;
        Assert.Equal(new ZaloBotSender("6ede9afa66b88fe6d6a9", "Ted", false), message.From);
        Assert.Equal(new ZaloBotChat("6ede9afa66b88fe6d6a9", "PRIVATE"), message.Chat);
        Assert.Equal("Xin chào", message.Text);
        Assert.Equal("2d758cb5e222177a4e35", message.MessageId);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1750316131602), message.Date);
    }

    [Fact]
    public void The_flat_webhook_shape_reads_the_same_as_the_wrapped_one()
    {
        var flat = Documented["""{"ok":true,"result":""".Length..^1];

        Assert.True(ZaloBotUpdateReader.TryRead(flat, out var fromFlat));
        Assert.True(ZaloBotUpdateReader.TryRead(Documented, out var fromWrapped));

        Assert.Equal(fromWrapped, fromFlat);
    }

    [Fact]
    public void Ids_and_dates_may_come_as_numbers_or_strings()
    {
        const string json = """{"event_name":"message.text.received","message":{"from":{"id":12345678901234567890,"is_bot":"false"},"chat":{"id":987654321,"chat_type":"PRIVATE"},"text":"hi","message_id":42,"date":"1750316131602"}}""";

        Assert.True(ZaloBotUpdateReader.TryRead(json, out var update));

        Assert.Equal("12345678901234567890", update!.Message!.From!.Id);
        Assert.False(update.Message.From.IsBot);
        Assert.Equal("987654321", update.Message.Chat!.Id);
        Assert.Equal("42", update.Message.MessageId);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1750316131602), update.Message.Date);
    }

    [Fact]
    public void A_date_in_seconds_is_understood_too()
    {
        Assert.True(ZaloBotUpdateReader.TryRead("""{"event_name":"message.text.received","message":{"text":"x","date":1750316131}}""", out var update));

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1750316131), update!.Message!.Date);
    }

    [Fact]
    public void Unknown_fields_are_skipped()
    {
        const string json = """{"event_name":"message.image.received","app":{"v":[1,2,{"x":null}]},"message":{"from":{"id":"u1","display_name":"A","is_bot":false,"avatar":"https://x"},"chat":{"id":"u1","chat_type":"PRIVATE","extra":true},"photo_url":"https://example.vn/p.jpg","caption":null,"message_id":"m1","date":1750316131602}}""";

        Assert.True(ZaloBotUpdateReader.TryRead(json, out var update));

        Assert.Equal("message.image.received", update!.EventName);
        Assert.Null(update.Message!.Text);
        Assert.Equal("m1", update.Message.MessageId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not json")]
    [InlineData("{\"message\":")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("\"message.text.received\"")]
    [InlineData("{}")]
    [InlineData("{\"hello\":\"world\"}")]
    [InlineData("{\"ok\":false,\"error_code\":408,\"description\":\"Request timeout\"}")]
    [InlineData("{\"ok\":true,\"result\":null}")]
    [InlineData("{\"ok\":true,\"result\":[]}")]
    [InlineData("{\"ok\":false,\"result\":{\"event_name\":\"message.text.received\"}}")]
    public void Garbage_is_not_an_update(string json)
    {
        Assert.False(ZaloBotUpdateReader.TryRead(json, out var update));
        Assert.Null(update);
    }

    [Fact]
    public void Parts_of_the_wrong_kind_are_left_out_rather_than_failing()
    {
        const string json = """{"event_name":"message.text.received","message":{"from":"someone","chat":[],"text":{"a":1},"message_id":true,"date":"yesterday"}}""";

        Assert.True(ZaloBotUpdateReader.TryRead(json, out var update));

        Assert.Equal(new ZaloBotMessage(null, null, null, null, null), update!.Message);
    }
}
