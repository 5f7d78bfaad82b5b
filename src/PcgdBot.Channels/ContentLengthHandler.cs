namespace PcgdBot.Channels;

/// <summary>
/// Sends every request body with a Content-Length, never chunked: JSON content serialised on the fly has no length, and
/// some gateways in front of platform APIs refuse chunked bodies (411). Bodies to the platforms are small.
/// </summary>
public sealed class ContentLengthHandler : DelegatingHandler
{
    public ContentLengthHandler()
    {
    }

    public ContentLengthHandler(HttpMessageHandler inner)
        : base(inner)
    {
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is { } content && content.Headers.ContentLength is null)
        {
            var bytes = await content.ReadAsByteArrayAsync(cancellationToken);
            var buffered = new ByteArrayContent(bytes);
            foreach (var header in content.Headers)
            {
                if (!string.Equals(header.Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
            }

            buffered.Headers.ContentLength = bytes.Length;
            request.Content = buffered;
            content.Dispose();
        }

        request.Headers.TransferEncodingChunked = false;
        return await base.SendAsync(request, cancellationToken);
    }
}
