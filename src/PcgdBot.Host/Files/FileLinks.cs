using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PcgdBot.Conversations;

namespace PcgdBot.Host.Files;

/// <summary>Why a download link does not give its file.</summary>
public enum FileLinkRefusal
{
    None,

    /// <summary>Malformed, forged, or made for someone else: 403.</summary>
    Forbidden,

    /// <summary>Past its validity: 403 with a sentence saying to ask again.</summary>
    Expired,

    /// <summary>No such file (never made, or already dropped): 404.</summary>
    NotFound,
}

/// <summary>
/// Short-lived, signed download links for one person: the file is kept in memory under a random id, and the link
/// carries its expiry and an HMAC over id, expiry and the person it was made for. A link works only while the file is
/// kept and for the person it names; the key is made per process (files do not outlive it either).
/// </summary>
public sealed class FileLinks(FileLinkOptions options, TimeProvider time)
{
    public const string PathPrefix = "/api/files/";

    private readonly byte[] key = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<string, StoredFile> files = new(StringComparer.Ordinal);
    private readonly Lock trimming = new();

    public TimeSpan Validity => options.Validity;

    /// <summary>Keeps <paramref name="file"/> for <paramref name="channel"/>:<paramref name="userId"/> and returns its link.</summary>
    public string Create(ChatFile file, string channel, string userId)
    {
        var now = time.GetUtcNow();
        var id = Base64Url(RandomNumberGenerator.GetBytes(16));
        var expires = now.Add(options.Validity).ToUnixTimeSeconds();
        var person = channel + ":" + userId;
        files[id] = new StoredFile(file, person, expires, now);
        Trim(now);
        var token = string.Create(CultureInfo.InvariantCulture, $"{id}.{expires}.{Sign(id, expires, person)}");
        return (options.PublicUrl is { Length: > 0 } root ? root.TrimEnd('/') : string.Empty) + PathPrefix + token;
    }

    /// <summary>The file of a link's token, or why not.</summary>
    public (ChatFile? File, FileLinkRefusal Refusal) Open(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3 || parts[0].Length is 0 or > 64 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            return (null, FileLinkRefusal.Forbidden);
        }

        if (!files.TryGetValue(parts[0], out var stored))
        {
            return (null, FileLinkRefusal.NotFound);
        }

        // Signed for the person the file was made for: a link altered to another file, expiry or person fails here.
        var expected = Encoding.ASCII.GetBytes(Sign(parts[0], expires, stored.Person));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(parts[2])) || expires != stored.ExpiresUnixSeconds)
        {
            return (null, FileLinkRefusal.Forbidden);
        }

        if (time.GetUtcNow().ToUnixTimeSeconds() >= expires)
        {
            files.TryRemove(parts[0], out _);
            return (null, FileLinkRefusal.Expired);
        }

        return (stored.File, FileLinkRefusal.None);
    }

    private string Sign(string id, long expires, string person)
    {
        var message = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{id}\n{expires}\n{person}"));
        return Base64Url(HMACSHA256.HashData(key, message));
    }

    /// <summary>Expired files go, then the oldest while the kept bytes exceed the bound.</summary>
    private void Trim(DateTimeOffset now)
    {
        lock (trimming)
        {
            var seconds = now.ToUnixTimeSeconds();
            foreach (var (id, stored) in files)
            {
                if (stored.ExpiresUnixSeconds <= seconds)
                {
                    files.TryRemove(id, out _);
                }
            }

            var total = files.Values.Sum(f => (long)f.File.Content.Length);
            foreach (var (id, stored) in files.OrderBy(f => f.Value.CreatedAt))
            {
                if (total <= options.MaxStoredBytes)
                {
                    break;
                }

                if (files.TryRemove(id, out _))
                {
                    total -= stored.File.Content.Length;
                }
            }
        }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed record StoredFile(ChatFile File, string Person, long ExpiresUnixSeconds, DateTimeOffset CreatedAt);
}
