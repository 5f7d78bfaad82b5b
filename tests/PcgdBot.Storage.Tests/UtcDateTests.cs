using LiteDB;

namespace PcgdBot.Storage.Tests;

public sealed class UtcDateTests
{
    [Fact]
    public void Dates_come_back_in_utc_whatever_the_servers_time_zone()
    {
        var folder = Path.Combine(Path.GetTempPath(), "pcgdbot-utc-" + Guid.NewGuid().ToString("N"));
        try
        {
            var at = new DateTime(2026, 12, 10, 1, 0, 0, DateTimeKind.Utc);
            using (var database = PcgdBotDatabase.Open(Path.Combine(folder, "t.db")))
            {
                database.Write(db => db.GetCollection("dates").Insert(new BsonDocument { ["_id"] = "a", ["at"] = at }));
            }

            using var reopened = PcgdBotDatabase.Open(Path.Combine(folder, "t.db"));
            var read = reopened.Raw.GetCollection("dates").FindById("a")["at"].AsDateTime;

            Assert.Equal(DateTimeKind.Utc, read.Kind);
            Assert.Equal(at, read);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
