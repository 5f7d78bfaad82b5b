using System.Net;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using PcgdBot.Conversations;

namespace PcgdBot.Dashboard;

/// <summary>A desk page behind sign-in: without a live session every request goes to the sign-in page.</summary>
public abstract class DashboardPageModel : PageModel
{
    public DashboardViewer Viewer { get; private set; } = null!;

    protected ChatEngine Engine => HttpContext.RequestServices.GetRequiredService<ChatEngine>();

    protected DateTime Now => HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;

    /// <summary>Today where the people are.</summary>
    protected DateOnly Today => Engine.Today;

    /// <summary>Only the coordinator may open this page.</summary>
    protected virtual bool CoordinatorOnly => false;

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var viewer = HttpContext.RequestServices.GetRequiredService<DashboardSessions>().Read(HttpContext);
        if (viewer is null)
        {
            var back = Request.Path + Request.QueryString;
            context.Result = new RedirectResult(DashboardOptions.BasePath + "/dang-nhap?tiep=" + Uri.EscapeDataString(back));
            return;
        }

        Viewer = viewer;
        if (CoordinatorOnly && !viewer.IsCoordinator)
        {
            context.Result = Forbidden("Trang này chỉ dành cho cán bộ điều phối của Phòng GD&ĐT.");
            return;
        }

        await next();
    }

    /// <summary>A 403 with a page that says why, in Vietnamese.</summary>
    protected static ContentResult Forbidden(string why) => new()
    {
        StatusCode = 403,
        ContentType = "text/html; charset=utf-8",
        Content = "<!doctype html><html lang=\"vi\"><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            + "<title>Không có quyền xem</title><main style=\"font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem\">"
            + "<h1>Không có quyền xem trang này</h1><p>" + WebUtility.HtmlEncode(why) + "</p><p><a href=\"" + DashboardOptions.BasePath + "\">Về trang Tình hình báo cáo</a></p></main></html>",
    };
}
