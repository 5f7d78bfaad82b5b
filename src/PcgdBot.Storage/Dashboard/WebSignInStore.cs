using System.Security.Cryptography;
using System.Text;
using LiteDB;
using PcgdBot.Storage.Reporting;

namespace PcgdBot.Storage.Dashboard;

/// <summary>A one-time sign-in code for the coordinator's web desk, kept only as its hash.</summary>
public sealed class WebSignInCodeRecord
{
    /// <summary>SHA-256 of the code, hex.</summary>
    public string Id { get; set; } = string.Empty;

    public string PersonId { get; set; } = string.Empty;

    /// <summary>The chat account the code was asked from ("telegram:123").</summary>
    public string AskedFrom { get; set; } = string.Empty;

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? UsedAt { get; set; }
}

/// <summary>A signed-in browser, kept server-side so it can be revoked; the cookie holds only a random token (stored hashed).</summary>
public sealed class WebSessionRecord
{
    /// <summary>SHA-256 of the cookie's token, hex.</summary>
    public string Id { get; set; } = string.Empty;

    public string PersonId { get; set; } = string.Empty;

    public DateTime CreatedAt { get; set; }

    public DateTime LastSeenAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    public string? UserAgent { get; set; }
}

public enum WebSignInOutcome
{
    SignedIn,
    NotFound,
    Expired,
    AlreadyUsed,
}

public sealed record WebSignInResult(WebSignInOutcome Outcome, string? PersonId = null);

/// <summary>
/// Sign-in codes and sessions of the web desk (/dieu-phoi). Codes are single use and short-lived; redeeming one is a
/// single transaction, so two browsers racing with the same code get one session between them.
/// </summary>
public sealed class WebSignInStore(PcgdBotDatabase database)
{
    /// <summary>Letters and digits that cannot be confused when read or typed (no 0/O, 1/I/L).</summary>
    private const string CodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    public const int CodeLength = 10;

    // Writing the last-seen time on every page view would make each view a disk write; a minute's precision is enough.
    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    private const string CodesCollection = "web_signin_codes";
    private const string SessionsCollection = "web_sessions";

    private LiteDatabase Db => database.Raw;

    /// <summary>A new code for <paramref name="personId"/>, valid for <paramref name="validFor"/>. Returns the code in clear (shown once).</summary>
    public string CreateCode(string personId, string askedFrom, DateTime now, TimeSpan validFor) => database.Write(db =>
    {
        var codes = db.GetCollection<WebSignInCodeRecord>(CodesCollection);
        codes.DeleteMany(c => c.ExpiresAt < now.AddDays(-1));
        var code = RandomNumberGenerator.GetString(CodeAlphabet, CodeLength);
        codes.Insert(new WebSignInCodeRecord { Id = Hash(NormalizeCode(code)), PersonId = personId, AskedFrom = askedFrom, CreatedAt = now, ExpiresAt = now + validFor });
        AddAudit(db, CodesCollection, personId, "web-code-created", personId, now, "{\"askedFrom\":\"" + askedFrom + "\"}");
        return code;
    });

    /// <summary>Uses a code: the first use within its validity opens a session, every other use is refused.</summary>
    public (WebSignInResult Result, string? SessionToken) Redeem(string code, DateTime now, TimeSpan sessionLifetime, string? userAgent) => database.Write(db =>
    {
        var codes = db.GetCollection<WebSignInCodeRecord>(CodesCollection);
        var record = codes.FindById(Hash(NormalizeCode(code)));
        if (record is null)
        {
            return (new WebSignInResult(WebSignInOutcome.NotFound), (string?)null);
        }

        if (record.UsedAt is not null)
        {
            return (new WebSignInResult(WebSignInOutcome.AlreadyUsed, record.PersonId), null);
        }

        if (record.ExpiresAt <= now)
        {
            return (new WebSignInResult(WebSignInOutcome.Expired, record.PersonId), null);
        }

        record.UsedAt = now;
        codes.Update(record);
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var agent = userAgent is { Length: > 200 } ? userAgent[..200] : userAgent;
        db.GetCollection<WebSessionRecord>(SessionsCollection).Insert(new WebSessionRecord
        {
            Id = Hash(token), PersonId = record.PersonId, CreatedAt = now, LastSeenAt = now, ExpiresAt = now + sessionLifetime, UserAgent = agent,
        });
        AddAudit(db, SessionsCollection, record.PersonId, "web-signed-in", record.PersonId, now, null);
        return (new WebSignInResult(WebSignInOutcome.SignedIn, record.PersonId), token);
    });

    /// <summary>The live session of a cookie token, its idle time renewed; null when unknown, revoked, expired or idle too long.</summary>
    public WebSessionRecord? Touch(string token, DateTime now, TimeSpan idleTimeout)
    {
        var sessions = Db.GetCollection<WebSessionRecord>(SessionsCollection);
        var session = sessions.FindById(Hash(token));
        if (session is null || session.RevokedAt is not null || session.ExpiresAt <= now || now - session.LastSeenAt >= idleTimeout)
        {
            return null;
        }

        if (now - session.LastSeenAt >= TouchInterval)
        {
            database.Write(db =>
            {
                session.LastSeenAt = now;
                db.GetCollection<WebSessionRecord>(SessionsCollection).Update(session);
            });
        }

        return session;
    }

    /// <summary>Ends a session (sign-out).</summary>
    public void Revoke(string token, DateTime now) => database.Write(db =>
    {
        var sessions = db.GetCollection<WebSessionRecord>(SessionsCollection);
        if (sessions.FindById(Hash(token)) is { RevokedAt: null } session)
        {
            session.RevokedAt = now;
            sessions.Update(session);
            AddAudit(db, SessionsCollection, session.PersonId, "web-signed-out", session.PersonId, now, null);
        }
    });

    /// <summary>Ends every session of a person (a deactivated person, a lost phone). Returns how many were open.</summary>
    public int RevokeAllOf(string personId, string revokedBy, DateTime now) => database.Write(db =>
    {
        var sessions = db.GetCollection<WebSessionRecord>(SessionsCollection);
        var open = sessions.Find(s => s.PersonId == personId && s.RevokedAt == null).ToList();
        foreach (var session in open)
        {
            session.RevokedAt = now;
            sessions.Update(session);
        }

        AddAudit(db, SessionsCollection, personId, "web-sessions-revoked", revokedBy, now, null);
        return open.Count;
    });

    /// <summary>An action taken on the web desk, in the audit trail with who took it.</summary>
    public void RecordAction(string collection, string recordId, string action, string personId, DateTime now, string detailsJson) =>
        database.Write(db => AddAudit(db, collection, recordId, action, personId, now, detailsJson));

    /// <summary>Codes as people type them: any case, with spaces or dashes.</summary>
    public static string NormalizeCode(string code) => new([.. code.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant)]);

    private static void AddAudit(LiteDatabase db, string collection, string recordId, string action, string personId, DateTime at, string? after) =>
        db.GetCollection<AuditRecord>("audit").Insert(new AuditRecord { Collection = collection, RecordId = recordId, Action = action, PersonId = personId, At = at, After = after });

    private static string Hash(string value) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
