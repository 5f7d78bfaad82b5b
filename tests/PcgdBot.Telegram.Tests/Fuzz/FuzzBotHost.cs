using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using PcgdBot.Host.Tests.Support;

namespace PcgdBot.Telegram.Tests.Fuzz;

/// <summary>The real host on Kestrel with the given channel settings, its Error-level exceptions captured.</summary>
public sealed class FuzzBotHost : KestrelBotHost
{
    private readonly ExceptionLog log;

    public FuzzBotHost(ExceptionLog log, Func<string, IDictionary<string, string?>> settings)
        : base("pcgdbot-fuzz-", 0, null)
    {
        this.log = log;
        foreach (var (key, value) in settings(BaseUrl))
        {
            Set(key, value);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(log).SetMinimumLevel(LogLevel.Warning));
    }
}
