using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PcgdBot.WebChat;

/// <summary>What a valid conversation token says: who, in which conversation, until when.</summary>
public sealed record ConversationGrant(string UserId, string ConversationId, DateTimeOffset ExpiresAt);

/// <summary>
/// HMAC-SHA256 signed tokens, stateless: a conversation token (bound to one conversation, short-lived, refreshable) and
/// the browser's identity token (kept in local storage, renewed on each visit). Tokens of one kind never pass as the other.
/// Format: <c>v1.{base64url(kind|user|conversation|expiry)}.{base64url(mac)}</c>.
/// </summary>
public sealed class WebChatTokens(byte[] key, TimeProvider time, WebChatOptions options)
{
    private const string Version = "v1";
    private const string ConversationKind = "c";
    private const string IdentityKind = "u";

    public int TokenLifetimeSeconds => (int)options.TokenLifetime.TotalSeconds;

    /// <summary>A new browser's id: random, unguessable.</summary>
    public static string NewUserId() => "w" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    /// <summary>
    /// The one conversation of a browser's identity, derived from it: the same after reloads and restarts (so the dialog
    /// state in the database continues), and unguessable from the user id without the key.
    /// </summary>
    public string ConversationIdOf(string userId) =>
        "wc" + Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("conversation|" + userId)))[..27];

    public string IssueConversationToken(string userId, string conversationId) =>
        Sign(ConversationKind, userId, conversationId, time.GetUtcNow() + options.TokenLifetime);

    public string IssueIdentityToken(string userId) =>
        Sign(IdentityKind, userId, string.Empty, time.GetUtcNow() + options.IdentityLifetime);

    public ConversationGrant? ReadConversationToken(string? token) =>
        Read(token, ConversationKind) is { } grant && grant.ConversationId.Length > 0 ? grant : null;

    /// <summary>The user id of a valid identity token, else null.</summary>
    public string? ReadIdentityToken(string? token) => Read(token, IdentityKind)?.UserId;

    private string Sign(string kind, string userId, string conversationId, DateTimeOffset expiresAt)
    {
        var payload = string.Join('|', kind, userId, conversationId, expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        var body = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload));
        return Version + "." + body + "." + Base64Url.EncodeToString(Mac(body));
    }

    private ConversationGrant? Read(string? token, string kind)
    {
        // Bounded before any work: a token is about 150 characters.
        if (string.IsNullOrEmpty(token) || token.Length > 512)
        {
            return null;
        }

        var parts = token.Split('.');
        if (parts.Length != 3 || parts[0] != Version)
        {
            return null;
        }

        byte[] mac, payload;
        try
        {
            mac = Base64Url.DecodeFromChars(parts[2]);
            payload = Base64Url.DecodeFromChars(parts[1]);
        }
        catch (FormatException)
        {
            return null;
        }

        if (!CryptographicOperations.FixedTimeEquals(mac, Mac(parts[1])))
        {
            return null;
        }

        var fields = Encoding.UTF8.GetString(payload).Split('|');
        if (fields.Length != 4 || fields[0] != kind || fields[1].Length == 0
            || !long.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var expiry))
        {
            return null;
        }

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(expiry);
        return expiresAt <= time.GetUtcNow() ? null : new ConversationGrant(fields[1], fields[2], expiresAt);
    }

    private byte[] Mac(string body) => HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(body));
}
