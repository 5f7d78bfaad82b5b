using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PcgdBot.Storage.Dashboard;

namespace PcgdBot.Dashboard.Pages;

/// <summary>
/// The sign-in page. Opening the link only shows the code in a form: chat apps fetch links to preview them, and a GET
/// that signed in would spend the one-time code. The POST (with its antiforgery token) signs in.
/// </summary>
public sealed class SignInModel(DashboardSessions sessions, SignInRateLimiter limiter) : PageModel
{
    public const int MaxCodeLength = 40;

    public string? Code { get; private set; }

    public string Next { get; private set; } = DashboardOptions.BasePath;

    public string? Message { get; private set; }

    public IActionResult OnGet([FromQuery(Name = "ma")] string? code, [FromQuery(Name = "tiep")] string? next)
    {
        Code = code is { Length: <= MaxCodeLength } ? code : null;
        Next = SafeNext(next);
        if (sessions.Read(HttpContext) is not null && Code is null)
        {
            return Redirect(Next);
        }

        return Page();
    }

    public IActionResult OnPost([FromForm(Name = "ma")] string? code, [FromForm(Name = "tiep")] string? next)
    {
        Next = SafeNext(next);
        var client = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (!limiter.TryAcquire(client))
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = "300";
            Message = "Anh/chị đã thử đăng nhập quá nhiều lần. Xin vui lòng đợi vài phút rồi thử lại.";
            return Page();
        }

        if (code is not { Length: > 0 and <= MaxCodeLength } || WebSignInStore.NormalizeCode(code).Length == 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Message = "Xin vui lòng nhập mã đăng nhập mà PcgdBot đã gửi.";
            return Page();
        }

        var outcome = sessions.SignIn(HttpContext, code);
        if (outcome == WebSignInOutcome.SignedIn)
        {
            return Redirect(Next);
        }

        Code = code;
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Message = outcome switch
        {
            WebSignInOutcome.Expired => "Mã này đã hết hạn. Anh/chị nhắn “đăng nhập web” cho PcgdBot để nhận mã mới.",
            WebSignInOutcome.AlreadyUsed => "Mã này đã được dùng rồi (mỗi mã chỉ dùng một lần). Anh/chị nhắn “đăng nhập web” cho PcgdBot để nhận mã mới.",
            _ => "Mã đăng nhập không đúng. Anh/chị kiểm tra lại, hoặc nhắn “đăng nhập web” cho PcgdBot để nhận mã mới.",
        };
        return Page();
    }

    /// <summary>Only a path of the desk itself: the link cannot send a signed-in person elsewhere.</summary>
    private static string SafeNext(string? next) =>
        next is { Length: > 0 and < 300 } && next.StartsWith(DashboardOptions.BasePath, StringComparison.Ordinal) && !next.StartsWith("//", StringComparison.Ordinal) && !next.Contains('\\')
            ? next
            : DashboardOptions.BasePath;
}
