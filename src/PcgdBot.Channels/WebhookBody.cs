using System.Buffers;

namespace PcgdBot.Channels;

/// <summary>
/// Reads a webhook's body with a hard limit that holds for chunked bodies too (they carry no Content-Length): the read
/// stops at the first byte past the limit, so a 20 MB body costs at most the limit in memory.
/// </summary>
public static class WebhookBody
{
    /// <summary>What the platforms send is far smaller (Telegram updates are a few KB); 1 MB leaves room and bounds the cost.</summary>
    public const int DefaultLimit = 1 << 20;

    /// <summary>The body's bytes, or null when it is (or says it is) larger than <paramref name="limit"/> bytes.</summary>
    public static async Task<byte[]?> ReadAsync(Stream body, long? declaredLength, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (declaredLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream(declaredLength is { } length ? (int)length : 4096);
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }
}
