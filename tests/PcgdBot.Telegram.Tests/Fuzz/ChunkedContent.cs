using System.Net;

namespace PcgdBot.Telegram.Tests.Fuzz;

/// <summary>A request body sent chunked (no Content-Length), as a client that streams would send it.</summary>
public sealed class ChunkedContent(byte[] bytes) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        for (var at = 0; at < bytes.Length; at += 64 * 1024)
        {
            await stream.WriteAsync(bytes.AsMemory(at, Math.Min(64 * 1024, bytes.Length - at)));
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
