using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace PcgdBot.Channels;

/// <summary>
/// Reads a request body with a hard limit that holds for chunked bodies too (they carry no Content-Length): the read
/// stops at the first chunk past the limit, so a 20 MB body costs at most the limit in memory. One reader for every
/// endpoint that takes a body (webhooks, <c>/api/messages</c>, Direct Line).
/// </summary>
public static class WebhookBody
{
    /// <summary>What the platforms send is far smaller (Telegram updates are a few KB); 1 MB leaves room and bounds the cost.</summary>
    public const int DefaultLimit = 1 << 20;

    private const int ChunkBytes = 16 * 1024;

    /// <summary>The body's bytes, or null when it is (or says it is) larger than <paramref name="limit"/> bytes.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        // The server's own limit (set once for the whole host) must not trip before this one: its error would be a
        // 400 or a reset instead of our 413. It is only ever raised (one chunk of slack lets this reader see the excess
        // first), never lowered: up to the host's limit, the rest of a refused body is drained and the 413 arrives.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } serverLimit
            && serverLimit.MaxRequestBodySize is { } current && current < (long)limit + ChunkBytes + 1)
        {
            serverLimit.MaxRequestBodySize = (long)limit + ChunkBytes + 1;
        }

        try
        {
            return await ReadAsync(request.Body, request.ContentLength, limit, cancellationToken);
        }
        catch (BadHttpRequestException error) when (error.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
    }

    /// <summary>The stream's bytes, or null when it is (or says it is) larger than <paramref name="limit"/> bytes.</summary>
    public static async Task<byte[]?> ReadAsync(Stream body, long? declaredLength, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (declaredLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream(declaredLength is { } length ? (int)length : 4096);
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk.AsMemory(0, ChunkBytes), cancellationToken)) > 0)
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
