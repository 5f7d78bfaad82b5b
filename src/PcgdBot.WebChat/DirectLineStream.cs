using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace PcgdBot.WebChat;

/// <summary>
/// The conversation's WebSocket (<c>streamUrl</c>, what Web Chat uses by default): each new activity is pushed as an
/// activity set the moment it is appended, so replies arrive without polling delay. The socket only sends; the page
/// posts over HTTP, as Direct Line does. An empty message now and then keeps proxies from closing an idle socket.
/// </summary>
internal static class DirectLineStream
{
    public static async Task AcceptAsync(HttpContext http, string conversationId, string? t, string? watermark, WebChatTokens tokens, WebChatAdapter adapter)
    {
        if (DirectLineEndpoints.Authorize(http, tokens, conversationId, t ?? string.Empty) is not { } grant)
        {
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        if (!http.WebSockets.IsWebSocketRequest)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var options = http.RequestServices.GetRequiredService<WebChatOptions>();
        var conversation = adapter.Conversations.GetOrAdd(grant.ConversationId, grant.UserId, out _);
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        var feed = conversation.Listen(watermark);
        // Also ended when the host stops: an open socket would otherwise hold the shutdown until its timeout.
        var stopping = http.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var closed = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
        var receiving = DrainAsync(socket, closed);
        try
        {
            while (!closed.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(closed.Token);
                wait.CancelAfter(options.KeepAliveInterval);
                byte[] message;
                try
                {
                    message = await feed.Reader.WaitToReadAsync(wait.Token) && feed.Reader.TryRead(out var set)
                        ? JsonSerializer.SerializeToUtf8Bytes(set, DirectLineJson.Relaxed.DirectLineActivitySet)
                        : [];
                }
                catch (OperationCanceledException) when (!closed.IsCancellationRequested)
                {
                    message = [];
                }

                await socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, closed.Token);
            }
        }
        catch (Exception error) when (error is OperationCanceledException or WebSocketException)
        {
            // The page went away; it reconnects with its watermark when it comes back.
        }
        finally
        {
            conversation.StopListening(feed);
            await closed.CancelAsync();
            await receiving;
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                try
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                }
                catch (WebSocketException)
                {
                    // Already gone.
                }
            }
        }
    }

    /// <summary>Reads (and ignores) what the client sends, to notice it closing; a client message larger than 4 KB closes the socket.</summary>
    private static async Task DrainAsync(WebSocket socket, CancellationTokenSource closed)
    {
        var buffer = new byte[4096];
        try
        {
            while (!closed.IsCancellationRequested)
            {
                var result = await socket.ReceiveAsync(buffer, closed.Token);
                if (result.MessageType == WebSocketMessageType.Close || !result.EndOfMessage)
                {
                    break;
                }
            }
        }
        catch (Exception error) when (error is OperationCanceledException or WebSocketException)
        {
            // Closed.
        }

        await closed.CancelAsync();
    }
}
