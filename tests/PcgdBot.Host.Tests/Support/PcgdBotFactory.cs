using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace PcgdBot.Host.Tests.Support;

/// <summary>The real web host on a database file of its own in a temp folder (LiteDB lets one process open a file).</summary>
public class PcgdBotFactory : WebApplicationFactory<Program>
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "pcgdbot-web-" + Guid.NewGuid().ToString("N"));

    public string DatabasePath => Path.Combine(folder, "bot.db");

    /// <summary>The remote address the in-process server's requests come from (loopback unless a test plays a remote caller).</summary>
    public IPAddress RemoteAddress { get; set; } = IPAddress.Loopback;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Bot:DatabasePath", DatabasePath);
        builder.ConfigureServices(services => services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(new TestConnectionAddress(() => RemoteAddress)));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }
}
