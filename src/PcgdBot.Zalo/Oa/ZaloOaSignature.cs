using System.Security.Cryptography;
using System.Text;

namespace PcgdBot.Zalo.Oa;

/// <summary>
/// Zalo's webhook signature: <c>X-ZEvent-Signature: mac=hex(SHA-256(appId + rawBody + timestamp + oaSecretKey))</c>,
/// plain SHA-256 over the concatenated strings (not an HMAC), the body exactly as received.
/// </summary>
public static class ZaloOaSignature
{
    public const string Header = "X-ZEvent-Signature";

    public static string Compute(string appId, string rawBody, string timestamp, string oaSecretKey) =>
        "mac=" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(appId + rawBody + timestamp + oaSecretKey)));

    /// <summary>Constant-time check of the header value, with or without its "mac=" prefix.</summary>
    public static bool Verify(string? header, string appId, string rawBody, string timestamp, string oaSecretKey)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return false;
        }

        var presented = header.Trim();
        if (presented.StartsWith("mac=", StringComparison.OrdinalIgnoreCase))
        {
            presented = presented[4..];
        }

        var expected = Compute(appId, rawBody, timestamp, oaSecretKey)[4..];
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(presented.ToLowerInvariant()), Encoding.ASCII.GetBytes(expected));
    }
}
