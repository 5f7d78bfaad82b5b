using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PcgdBot.Conversations;
using PcgdBot.Host.Bot;

namespace PcgdBot.Host.Tests.Support;

/// <summary>A stand-in for ChatEngine: records what the bot was asked and replies as scripted.</summary>
public sealed class ScriptedResponder : IChatResponder
{
    public ConcurrentQueue<ChatMessage> Received { get; } = new();

    public Func<ChatMessage, IReadOnlyList<ChatReply>> Reply { get; set; } = message => [new ChatReply($"Bạn hỏi: {message.Text}")];

    public ValueTask<IReadOnlyList<ChatReply>> ReplyAsync(ChatMessage message, CancellationToken cancellationToken)
    {
        Received.Enqueue(message);
        return ValueTask.FromResult(Reply(message));
    }
}

/// <summary>The real web host (Program, Bot Framework adapter, turn handler) with the bot's answers scripted, so the
/// Bot Framework plumbing is tested without the content.</summary>
public sealed class StandInBotFactory : PcgdBotFactory
{
    public ScriptedResponder Responder { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IChatResponder>(Responder));
    }
}
