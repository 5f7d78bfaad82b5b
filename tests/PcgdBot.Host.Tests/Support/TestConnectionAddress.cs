using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace PcgdBot.Host.Tests.Support;

/// <summary>
/// The in-process TestServer has no TCP connection, so no remote address: this gives its requests one, as Kestrel
/// would — loopback by default (a developer's Emulator on the same machine), or another to play a remote caller.
/// </summary>
public sealed class TestConnectionAddress(Func<IPAddress> address) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            context.Connection.RemoteIpAddress ??= address();
            return nextMiddleware(context);
        });
        next(app);
    };
}
