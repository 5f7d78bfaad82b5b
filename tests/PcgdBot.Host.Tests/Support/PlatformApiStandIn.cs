using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PcgdBot.Host.Tests.Support;

/// <summary>A call the bot made to a platform API.</summary>
public sealed record PlatformCall(string Path, string Body);

/// <summary>
/// One loopback server playing the Telegram Bot API, the Zalo Bot Platform API and the Zalo OA API just enough for the host to
/// start its channels, and recording every call — so a test sees whether anything was sent to anyone.
/// (The full stand-ins live in the Telegram and Zalo test projects, which build on this project.)
/// </summary>
public sealed class PlatformApiStandIn : IAsyncDisposable
{
    public const string TelegramToken = "111111:telegram-test-token";
    public const string ZaloBotToken = "222222:zalo-bot-test-token";

    private readonly WebApplication app;

    private PlatformApiStandIn(WebApplication app, string baseUrl)
    {
        this.app = app;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public ConcurrentQueue<PlatformCall> Calls { get; } = new();

    /// <summary>Messages sent to people (Telegram or Zalo Bot sendMessage, Zalo OA message/cs).</summary>
    public IReadOnlyList<PlatformCall> MessagesSent => [.. Calls.Where(c => c.Path.EndsWith("/sendMessage", StringComparison.Ordinal) || c.Path.Contains("/oa/message", StringComparison.Ordinal))];

    public static async Task<PlatformApiStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        PlatformApiStandIn? standIn = null;
        app.Run(async context =>
        {
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            var path = context.Request.Path.Value ?? "";
            standIn!.Calls.Enqueue(new PlatformCall(path, body));
            await context.Response.WriteAsync(Answer(path), context.RequestAborted);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        standIn = new PlatformApiStandIn(app, address);
        return standIn;
    }

    private static string Answer(string path)
    {
        var method = path[(path.LastIndexOf('/') + 1)..];
        var zaloBot = path.Contains(ZaloBotToken, StringComparison.Ordinal);
        return method switch
        {
            "getMe" when zaloBot => """{"ok":true,"result":{"id":"222222","account_name":"pcgdbot","account_type":"BASIC","can_join_groups":false}}""",
            "getMe" => """{"ok":true,"result":{"id":111111,"is_bot":true,"first_name":"PcgdBot","username":"PcgdBot"}}""",
            "sendMessage" when zaloBot => """{"ok":true,"result":{"message_id":"m1","date":1700000000}}""",
            "sendMessage" => """{"ok":true,"result":{"message_id":1,"date":1700000000,"chat":{"id":1,"type":"private"},"text":"ok"}}""",
            "getUpdates" => """{"ok":true,"result":[]}""",
            "cs" or "message" => """{"error":0,"message":"Success","data":{"message_id":"zm1","user_id":"u"}}""",
            "access_token" => """{"access_token":"new-access","refresh_token":"new-refresh","expires_in":"90000"}""",
            _ => """{"ok":true,"result":true,"error":0}""",
        };
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
