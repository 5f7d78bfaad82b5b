using System.Collections.Concurrent;

namespace PcgdBot.WebChat;

/// <summary>
/// The web conversations of this process, by id. Transcripts live in memory (bounded per conversation and in number);
/// what matters beyond a restart — the person, their reports, their dialog state — is in the database, keyed by the
/// conversation id, which is derived from the browser's identity and so the same after a restart.
/// </summary>
public sealed class WebChatConversations(WebChatOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, WebChatConversation> conversations = new(StringComparer.Ordinal);

    public int Count => conversations.Count;

    public WebChatConversation? Find(string conversationId) => conversations.GetValueOrDefault(conversationId);

    /// <summary>The conversation, made when this process has not seen it yet; <paramref name="created"/> says which.</summary>
    public WebChatConversation GetOrAdd(string conversationId, string userId, out bool created)
    {
        if (conversations.TryGetValue(conversationId, out var existing))
        {
            created = false;
            return existing;
        }

        if (conversations.Count >= options.MaxConversations)
        {
            DropIdle();
        }

        var made = new WebChatConversation(conversationId, userId, options.HistoryLimit, time.GetUtcNow());
        var stored = conversations.GetOrAdd(conversationId, made);
        created = ReferenceEquals(stored, made);
        return stored;
    }

    /// <summary>
    /// Bounds memory: conversations idle past the timeout go first; if that is not enough (a burst of new browsers), the
    /// tenth least recently active. A dropped conversation loses only its transcript; the page starts a new one.
    /// </summary>
    private void DropIdle()
    {
        var now = time.GetUtcNow();
        foreach (var (id, conversation) in conversations)
        {
            if (now - conversation.LastActive > options.IdleTimeout && !conversation.IsOpen(now, options.LiveWindow))
            {
                conversations.TryRemove(id, out _);
            }
        }

        if (conversations.Count >= options.MaxConversations)
        {
            foreach (var (id, _) in conversations.OrderBy(entry => entry.Value.LastActive).Take(Math.Max(1, options.MaxConversations / 10)).ToList())
            {
                conversations.TryRemove(id, out _);
            }
        }
    }
}
