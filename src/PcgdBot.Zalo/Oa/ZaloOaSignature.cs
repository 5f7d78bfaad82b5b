using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace PcgdBot.Zalo.Oa;

/// <summary>
/// Zalo's webhook signature: <c>X-ZEvent-Signature: mac=hex(SHA-256(appId + rawBody + timestamp + oaSecretKey))</c>,
/// plain SHA-256 over the concatenated strings (not an HMAC), the body exactly as received.
/// </summary>
public static class ZaloOaSignature
{
    public const string Header = "X-ZEvent-Signature";

    /// <summary>
    /// The top-level <c>timestamp</c> of a raw body, as its digits, without decoding any string of the body (it is not
    /// authenticated yet); null when the body is not JSON, has no such field, or it is not 1-24 digits.
    /// </summary>
    public static string? TimestampOf(ReadOnlySpan<byte> rawBody)
    {
        try
        {
            var reader = new Utf8JsonReader(rawBody, new JsonReaderOptions { MaxDepth = 64 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isTimestamp = !reader.ValueIsEscaped && reader.ValueTextEquals("timestamp"u8);
                if (!reader.Read())
                {
                    return null;
                }

                if (isTimestamp)
                {
                    var value = reader.ValueSpan;
                    return (reader.TokenType is JsonTokenType.String or JsonTokenType.Number) && !reader.ValueIsEscaped
                        && value.Length is > 0 and <= 24 && value.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0
                        ? Encoding.ASCII.GetString(value)
                        : null;
                }

                reader.Skip();
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Constant-time check over the raw bytes of the body, exactly as received.</summary>
    public static bool Verify(string? header, string appId, ReadOnlySpan<byte> rawBody, string timestamp, string oaSecretKey)
    {
        if (Presented(header) is not { } presented)
        {
            return false;
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(appId));
        hash.AppendData(rawBody);
        hash.AppendData(Encoding.UTF8.GetBytes(timestamp));
        hash.AppendData(Encoding.UTF8.GetBytes(oaSecretKey));
        var expected = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(hash.GetHashAndReset()));
        return CryptographicOperations.FixedTimeEquals(presented, expected);
    }

    /// <summary>The header's hex digits (without "mac="), lower-cased; null when missing or not 64 hex digits.</summary>
    private static byte[]? Presented(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        var presented = header.Trim();
        if (presented.StartsWith("mac=", StringComparison.OrdinalIgnoreCase))
        {
            presented = presented[4..];
        }

        return presented.Length == 64 && presented.All(char.IsAsciiHexDigit) ? Encoding.ASCII.GetBytes(presented.ToLowerInvariant()) : null;
    }

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
