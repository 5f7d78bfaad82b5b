using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;

namespace PcgdBot.WebChat.Tests;

public sealed class WebChatTokensTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero));
    private readonly WebChatTokens tokens;

    public WebChatTokensTests() => tokens = new WebChatTokens(RandomNumberGenerator.GetBytes(32), time, new WebChatOptions());

    [Fact]
    public void A_conversation_token_names_its_user_and_conversation_until_it_expires_after_30_minutes()
    {
        var token = tokens.IssueConversationToken("wLan", "wcOne");
        var grant = tokens.ReadConversationToken(token);
        Assert.Equal(("wLan", "wcOne"), (grant?.UserId, grant?.ConversationId));

        time.Advance(TimeSpan.FromMinutes(29));
        Assert.NotNull(tokens.ReadConversationToken(token));
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Null(tokens.ReadConversationToken(token));
    }

    [Fact]
    public void A_changed_token_or_one_signed_with_another_key_is_refused()
    {
        var token = tokens.IssueConversationToken("wLan", "wcOne");
        var other = new WebChatTokens(RandomNumberGenerator.GetBytes(32), time, new WebChatOptions());
        Assert.Null(other.ReadConversationToken(token));

        var parts = token.Split('.');
        var forgedPayload = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("c|wMallory|wcOne|9999999999")).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Assert.Null(tokens.ReadConversationToken(parts[0] + "." + forgedPayload + "." + parts[2]));
        Assert.Null(tokens.ReadConversationToken(token + "x"));
        Assert.Null(tokens.ReadConversationToken(""));
        Assert.Null(tokens.ReadConversationToken(new string('a', 5000)));
    }

    [Fact]
    public void The_identity_token_and_the_conversation_token_never_pass_for_each_other()
    {
        var identity = tokens.IssueIdentityToken("wLan");
        Assert.Equal("wLan", tokens.ReadIdentityToken(identity));
        Assert.Null(tokens.ReadConversationToken(identity));
        Assert.Null(tokens.ReadIdentityToken(tokens.IssueConversationToken("wLan", "wcOne")));
    }

    [Fact]
    public void A_browser_has_one_conversation_the_same_every_time_and_different_from_anyone_elses()
    {
        Assert.Equal(tokens.ConversationIdOf("wLan"), tokens.ConversationIdOf("wLan"));
        Assert.NotEqual(tokens.ConversationIdOf("wLan"), tokens.ConversationIdOf("wHoa"));
        Assert.NotEqual(WebChatTokens.NewUserId(), WebChatTokens.NewUserId());
    }
}
