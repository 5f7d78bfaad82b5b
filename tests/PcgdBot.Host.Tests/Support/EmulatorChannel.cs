using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PcgdBot.Host.Tests.Support;

/// <summary>An activity the bot sent to the channel.</summary>
/// <param name="ReplyToId">The activity answered (from the URL), or null for a new message in the conversation.</param>
public sealed record SentActivity(string ConversationId, string? ReplyToId, JsonElement Activity)
{
    public string? Text => Activity.TryGetProperty("text", out var text) ? text.GetString() : null;

    public IReadOnlyList<JsonElement> SuggestedActions =>
        Activity.TryGetProperty("suggestedActions", out var suggested) && suggested.TryGetProperty("actions", out var actions)
            ? [.. actions.EnumerateArray()]
            : [];
}

/// <summary>
/// The Bot Framework Emulator's side of a conversation: a real HTTP listener on 127.0.0.1 whose address goes into
/// incoming activities as serviceUrl; the bot's Connector client posts its replies here.
/// </summary>
public sealed class EmulatorChannel : IAsyncDisposable
{
    private readonly WebApplication listener;
    private readonly Channel<SentActivity> sent = Channel.CreateUnbounded<SentActivity>();

    private EmulatorChannel(WebApplication listener, string serviceUrl)
    {
        this.listener = listener;
        ServiceUrl = serviceUrl;
    }

    public string ServiceUrl { get; }

    public static async Task<EmulatorChannel> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        EmulatorChannel? channel = null;
        app.MapPost("/v3/conversations/{conversationId}/activities/{replyToId}", (string conversationId, string replyToId, JsonElement activity) =>
            channel!.Record(new SentActivity(conversationId, replyToId, activity.Clone())));
        app.MapPost("/v3/conversations/{conversationId}/activities", (string conversationId, JsonElement activity) =>
            channel!.Record(new SentActivity(conversationId, null, activity.Clone())));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        channel = new EmulatorChannel(app, address);
        return channel;
    }

    /// <summary>The next activity the bot sent, waiting at most <paramref name="timeout"/> (default 30 s).</summary>
    public async Task<SentActivity> NextAsync(TimeSpan? timeout = null)
    {
        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        return await sent.Reader.ReadAsync(cancellation.Token);
    }

    /// <summary>Whether the bot sent anything more within <paramref name="wait"/>.</summary>
    public async Task<bool> SendsMoreWithinAsync(TimeSpan wait)
    {
        using var cancellation = new CancellationTokenSource(wait);
        try
        {
            return await sent.Reader.WaitToReadAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await listener.StopAsync();
        await listener.DisposeAsync();
    }

    private IResult Record(SentActivity activity)
    {
        sent.Writer.TryWrite(activity);
        // The Connector client expects a ResourceResponse.
        return Results.Json(new { id = Guid.NewGuid().ToString("N") });
    }
}
