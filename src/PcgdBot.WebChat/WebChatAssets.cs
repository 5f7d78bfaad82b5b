using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace PcgdBot.WebChat;

/// <summary>One file the page loads, with its compressed forms and its fingerprinted address.</summary>
public sealed record WebChatAsset(string Name, string Path, string ContentType, byte[] Identity, byte[] Brotli, byte[] Gzip, string ETag);

/// <summary>
/// The page's files, embedded at build time with their Brotli and gzip forms (see build/precompress.mjs). Each is
/// addressed by a fingerprint of its content (<c>/webchat/page.3f2a…js</c>), so it can be cached for a year: a new build
/// changes the address, never the content behind one.
/// </summary>
public sealed class WebChatAssets
{
    public const string PathPrefix = "/webchat/";
    private const string ResourcePrefix = "webchat/";
    private readonly Dictionary<string, WebChatAsset> byPath = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WebChatAsset> byName = new(StringComparer.Ordinal);

    public WebChatAssets()
    {
        var assembly = typeof(WebChatAssets).Assembly;
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && !n.EndsWith(".br", StringComparison.Ordinal) && !n.EndsWith(".gz", StringComparison.Ordinal)))
        {
            var name = resource[ResourcePrefix.Length..];
            var content = Read(assembly, resource)!;
            var hash = Convert.ToHexStringLower(SHA256.HashData(content))[..12];
            var path = PathPrefix + System.IO.Path.GetFileNameWithoutExtension(name) + "." + hash + System.IO.Path.GetExtension(name);
            var asset = new WebChatAsset(name, path, ContentTypeOf(name), content, Read(assembly, resource + ".br") ?? Compress(content, brotli: true), Read(assembly, resource + ".gz") ?? Compress(content, brotli: false), "\"" + hash + "\"");
            byPath[path] = asset;
            byName[name] = asset;
        }
    }

    public WebChatAsset? ByPath(string path) => byPath.GetValueOrDefault(path);

    /// <summary>An asset by its file name ("page.js"); missing means the build did not embed it.</summary>
    public WebChatAsset this[string name] => byName.TryGetValue(name, out var asset)
        ? asset
        : throw new InvalidOperationException($"web chat asset {name} is not embedded: build src/PcgdBot.WebChat (it runs npm ci and precompresses the page).");

    /// <summary>An asset made at run time (the page, once its addresses are filled in).</summary>
    public static WebChatAsset Make(string name, string path, string text)
    {
        var content = Encoding.UTF8.GetBytes(text);
        var hash = Convert.ToHexStringLower(SHA256.HashData(content))[..12];
        return new WebChatAsset(name, path, ContentTypeOf(name), content, Compress(content, brotli: true), Compress(content, brotli: false), "\"" + hash + "\"");
    }

    private static byte[]? Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource);
        if (stream is null)
        {
            return null;
        }

        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static byte[] Compress(byte[] content, bool brotli)
    {
        using var output = new MemoryStream();
        using (Stream compressor = brotli ? new BrotliStream(output, CompressionLevel.SmallestSize) : new GZipStream(output, CompressionLevel.SmallestSize))
        {
            compressor.Write(content);
        }

        return output.ToArray();
    }

    private static string ContentTypeOf(string name) => System.IO.Path.GetExtension(name) switch
    {
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".html" => "text/html; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        _ => "application/octet-stream",
    };
}
