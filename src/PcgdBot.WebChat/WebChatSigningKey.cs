using System.Security.Cryptography;
using LiteDB;
using PcgdBot.Storage;

namespace PcgdBot.WebChat;

/// <summary>
/// The key that signs web chat tokens: the configured one, else one made once and kept in the database, so a browser's
/// identity outlives restarts without anyone setting a secret.
/// </summary>
public static class WebChatSigningKey
{
    public const string CollectionName = "webchat_keys";
    private const string DocumentId = "signing";

    public static byte[] Resolve(WebChatOptions options, PcgdBotDatabase database)
    {
        if (options.KeyBytes() is { Length: >= 32 } configured)
        {
            return configured;
        }

        return database.Write(db =>
        {
            var keys = db.GetCollection(CollectionName);
            if (keys.FindById(DocumentId) is { } stored)
            {
                return stored["key"].AsBinary;
            }

            var key = RandomNumberGenerator.GetBytes(32);
            keys.Insert(new BsonDocument { ["_id"] = DocumentId, ["key"] = key, ["createdAt"] = DateTime.UtcNow });
            return key;
        });
    }
}
