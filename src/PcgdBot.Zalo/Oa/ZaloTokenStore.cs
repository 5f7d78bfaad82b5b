using LiteDB;
using PcgdBot.Storage;

namespace PcgdBot.Zalo.Oa;

/// <summary>An OA's token pair and when the access token expires.</summary>
public sealed record ZaloTokens(string OaId, string AccessToken, string RefreshToken, DateTime ExpiresAt);

/// <summary>
/// The OA token pairs in the database. A refresh replaces both tokens in one write: the refresh token is single-use,
/// so losing the new pair (a crash half-way) would lock the bot out until someone authorises it again.
/// </summary>
public sealed class ZaloTokenStore(PcgdBotDatabase database)
{
    public const string CollectionName = "zalo_tokens";

    /// <summary>The key for tokens whose OA is not known yet (given in configuration without Zalo:Oa:OaId).</summary>
    public const string AnyOa = "*";

    public ZaloTokens? Get(string oaId)
    {
        var collection = database.Raw.GetCollection(CollectionName);
        var document = collection.FindById(oaId) ?? collection.FindById(AnyOa);
        return document is null ? null : Read(document);
    }

    public IReadOnlyList<ZaloTokens> All() => [.. database.Raw.GetCollection(CollectionName).FindAll().Select(Read)];

    public void Save(ZaloTokens tokens) => database.Write(db => db.GetCollection(CollectionName).Upsert(new BsonDocument
    {
        ["_id"] = tokens.OaId,
        ["accessToken"] = tokens.AccessToken,
        ["refreshToken"] = tokens.RefreshToken,
        ["expiresAt"] = tokens.ExpiresAt,
    }));

    /// <summary>Stores the configured pair once, unless the database already has tokens (newer ones from refreshes).</summary>
    public void SeedFromConfiguration(string? oaId, string? accessToken, string? refreshToken, DateTime now)
    {
        if (string.IsNullOrWhiteSpace(accessToken) || string.IsNullOrWhiteSpace(refreshToken) || All().Count > 0)
        {
            return;
        }

        // Unknown age: treat it as due for renewal soon so the first refresh comes early.
        Save(new ZaloTokens(string.IsNullOrWhiteSpace(oaId) ? AnyOa : oaId, accessToken, refreshToken, now.AddHours(2)));
    }

    private static ZaloTokens Read(BsonDocument document) =>
        new(document["_id"].AsString, document["accessToken"].AsString, document["refreshToken"].AsString, document["expiresAt"].AsDateTime);
}
