using System.Net;
using Microsoft.AspNetCore.Http;

namespace PcgdBot.Channels;

/// <summary>What counts as "this machine": for Emulator mode, the metrics endpoint and the web chat behind a local proxy.</summary>
public static class LoopbackAddresses
{
    /// <summary>
    /// The TCP connection's own remote address is loopback (127.0.0.0/8, ::1, or IPv4-mapped 127.x). Forwarding headers
    /// (X-Forwarded-For) are never consulted: a reverse proxy on the same machine connects from loopback, which is why
    /// /api/messages without credentials must not be proxied (see deploy/). No address (a Unix socket, an in-process
    /// server) is not loopback. A request that a proxy forwarded (<see cref="IsForwarded"/>) is refused as well: the
    /// Emulator on this machine never sends those headers, a reverse proxy in front of the host always does.
    /// </summary>
    public static bool IsLoopback(IPAddress? address) =>
        address is not null && (IPAddress.IsLoopback(address) || (address.IsIPv4MappedToIPv6 && IPAddress.IsLoopback(address.MapToIPv4())));

    /// <summary>Whether a proxy says it forwarded the request (X-Forwarded-For, Forwarded, X-Real-IP).</summary>
    public static bool IsForwarded(IHeaderDictionary headers) =>
        headers.ContainsKey("X-Forwarded-For") || headers.ContainsKey("Forwarded") || headers.ContainsKey("X-Real-IP");

    /// <summary>An absolute http(s) URL whose host is localhost or a loopback address literal (no DNS lookup).</summary>
    public static bool IsLoopbackUrl(string? url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return false;
        }

        if (string.Equals(uri.IdnHost, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var address) && IsLoopback(address);
    }
}
