using Microsoft.Extensions.Time.Testing;
using PcgdBot.Conversations;
using PcgdBot.Storage;
using PcgdBot.Storage.Reporting;

namespace PcgdBot.Benchmarks;

/// <summary>The real engine on a LiteDB file in a temp folder, optionally seeded with many people and updates.</summary>
public sealed class ReportingFixture : IDisposable
{
    private readonly string folder;

    private ReportingFixture(string folder, PcgdBotContent content, PcgdBotDatabase database, ChatEngine engine)
    {
        this.folder = folder;
        Content = content;
        Database = database;
        Engine = engine;
    }

    public PcgdBotContent Content { get; }

    public PcgdBotDatabase Database { get; }

    public ChatEngine Engine { get; }

    public string DatabasePath => Database.Path;

    public static ReportingFixture Create(int seedPeople, int seedUpdates)
    {
        var folder = Path.Combine(Path.GetTempPath(), "pcgdbot-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var content = PcgdBotContent.Load(PcgdBotContent.DefaultDirectory);
        var database = PcgdBotDatabase.Open(Path.Combine(folder, "bench.db"));
        var engine = new ChatEngine(content, database, new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 2, 0, 0, TimeSpan.Zero)));
        var fixture = new ReportingFixture(folder, content, database, engine);
        if (seedPeople > 0)
        {
            fixture.Seed(seedPeople, seedUpdates);
        }

        return fixture;
    }

    public void Register(string user)
    {
        var invite = Engine.CreateInvite("Phòng Nội vụ", null, PersonRole.Focal, "bench");
        Engine.Store.Redeem(invite.Code!, "bench", user, user, "c-" + user, DateTime.UtcNow);
    }

    /// <summary>People spread over the reporting units, each with a chat identity and a membership, and their updates.</summary>
    private void Seed(int people, int updates)
    {
        var units = Engine.Store.AllUnits().Where(u => u.Reports).ToList();
        var now = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        var random = new Random(42);
        Database.Write(db =>
        {
            var peopleCollection = db.GetCollection<PersonRecord>("people");
            var identities = db.GetCollection<IdentityRecord>("identities");
            var memberships = db.GetCollection<MembershipRecord>("memberships");
            for (var p = 0; p < people; p++)
            {
                var id = "p" + p;
                peopleCollection.Insert(new PersonRecord { Id = id, Name = "Người " + p, CreatedAt = now });
                identities.Insert(new IdentityRecord { Id = IdentityRecord.KeyOf("telegram", p.ToString()), PersonId = id, Channel = "telegram", UserId = p.ToString(), LinkedAt = now, LastSeenAt = now });
                memberships.Insert(new MembershipRecord { Id = id + ":" + units[p % units.Count].Id, PersonId = id, UnitId = units[p % units.Count].Id, Role = PersonRole.Focal, Since = now });
            }
        });

        var duties = Content.Plan.Duties;
        for (var u = 0; u < updates; u += 1000)
        {
            // Batches of 1,000 per transaction: seeding speed, not what the bot does per message.
            Database.Write(db =>
            {
                var collection = db.GetCollection<StatusUpdateRecord>("updates");
                collection.InsertBulk(Enumerable.Range(u, Math.Min(1000, updates - u)).Select(i => new StatusUpdateRecord
                {
                    Id = i + 1,
                    Receipt = ReportingStore.FormatReceipt(i + 1),
                    PersonId = "p" + (i % people),
                    UnitId = units[i % people % units.Count].Id,
                    DutyId = duties[random.Next(duties.Count)].Id,
                    Task = "seed",
                    Status = (ProgressStatus)random.Next(4),
                    FigureValue = random.Next(100),
                    FigureIsPercent = true,
                    FigureText = random.Next(100) + "%",
                    Note = "Ghi chú mẫu số " + i,
                    Period = i % 2 == 0 ? "2026" : "2025",
                    Channel = "telegram",
                    CreatedAt = now,
                    UpdatedAt = now,
                    SourceKey = "seed-" + i,
                }));
            });
        }

        Database.Write(db => db.GetCollection<CounterRecord>("counters").Upsert(new CounterRecord { Id = "receipt", Value = updates }));
    }

    public void Dispose()
    {
        Database.Dispose();
        Content.Dispose();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Temp files are the OS's to clean.
        }
    }
}
