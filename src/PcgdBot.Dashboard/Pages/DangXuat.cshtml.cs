using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PcgdBot.Dashboard.Pages;

/// <summary>Ends the session server-side (the cookie alone would not be enough to sign out).</summary>
public sealed class SignOutModel(DashboardSessions sessions) : PageModel
{
    public IActionResult OnGet() => Redirect(DashboardOptions.BasePath);

    public IActionResult OnPost()
    {
        sessions.SignOut(HttpContext);
        HttpContext.Items.Remove(DashboardSessions.ViewerItem);
        return Page();
    }
}
