using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using PcgdBot.Conversations;
using PcgdBot.Storage.Reporting;

namespace PcgdBot.Dashboard;

/// <summary>Who is looking at the desk: a coordinator sees everything, a commune leader their communes only.</summary>
public sealed record DashboardViewer(string PersonId, string Name, bool IsCoordinator, IReadOnlySet<string> CommuneIds)
{
    public bool CanSee(UnitRecord unit) => IsCoordinator || CommuneIds.Contains(unit.Id);

    public string RoleName => IsCoordinator ? "Điều phối" : "Lãnh đạo xã";
}

/// <summary>
/// Opens, reads and ends desk sessions. The cookie carries only a random token; the session itself (its person, idle
/// time, revocation) lives in the database, and the person's roles are read again on every request, so removing a
/// coordinator's place ends their access at once.
/// </summary>
public sealed class DashboardSessions(ChatEngine engine, TimeProvider time, IOptions<DashboardOptions> options)
{
    private DashboardOptions Options => options.Value;

    public const string ViewerItem = "PcgdBot.Dashboard.Viewer";

    /// <summary>The viewer of this request, or null without a live session.</summary>
    public DashboardViewer? Read(HttpContext http)
    {
        if (http.Items.TryGetValue(ViewerItem, out var known) && known is DashboardViewer cached)
        {
            return cached;
        }

        if (!http.Request.Cookies.TryGetValue(DashboardOptions.CookieName, out var token) || token is not { Length: > 0 and <= 100 })
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (engine.WebSignIn.Touch(token, now, Options.IdleTimeout) is not { } session || ViewerOf(session.PersonId) is not { } viewer)
        {
            return null;
        }

        http.Items[ViewerItem] = viewer;
        return viewer;
    }

    /// <summary>The person as the desk sees them; null for someone who may not use it (no longer coordinator or leader).</summary>
    public DashboardViewer? ViewerOf(string personId)
    {
        if (engine.Store.Person(personId) is not { } person)
        {
            return null;
        }

        var memberships = engine.Store.MembershipsOf(personId);
        var coordinator = memberships.Any(m => m.Role == PersonRole.Coordinator);
        var communes = memberships.Where(m => m.Role == PersonRole.Leader).Select(m => m.UnitId).ToHashSet(StringComparer.Ordinal);
        return coordinator || communes.Count > 0 ? new DashboardViewer(person.Id, person.Name, coordinator, communes) : null;
    }

    /// <summary>Uses a code from the bot; on success the session cookie is set.</summary>
    public PcgdBot.Storage.Dashboard.WebSignInOutcome SignIn(HttpContext http, string code)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var (result, token) = engine.WebSignIn.Redeem(code, now, Options.SessionLifetime, http.Request.Headers.UserAgent.ToString());
        if (token is null)
        {
            return result.Outcome;
        }

        http.Response.Cookies.Append(DashboardOptions.CookieName, token, new CookieOptions
        {
            HttpOnly = true,
            // Lax, not Strict: a link to the desk opened from the chat app must arrive signed in; POSTs carry antiforgery tokens.
            SameSite = SameSiteMode.Lax,
            Secure = http.Request.IsHttps,
            Path = DashboardOptions.BasePath,
            IsEssential = true,
            MaxAge = Options.SessionLifetime,
        });
        return result.Outcome;
    }

    public void SignOut(HttpContext http)
    {
        if (http.Request.Cookies.TryGetValue(DashboardOptions.CookieName, out var token) && token is { Length: > 0 and <= 100 })
        {
            engine.WebSignIn.Revoke(token, time.GetUtcNow().UtcDateTime);
        }

        http.Response.Cookies.Delete(DashboardOptions.CookieName, new CookieOptions { Path = DashboardOptions.BasePath });
    }
}
