using PcgdBot.Storage.Reporting;

namespace PcgdBot.Storage.Tests;

/// <summary>
/// LiteDB 5 publishes a class's mapping before filling it in; concurrent first queries after an open then failed with
/// "Member PersonId not found on BsonMapper for type …MembershipRecord" (lost first turns after every restart).
/// </summary>
public sealed class StartupRaceTests
{
    [Fact]
    public void Concurrent_first_queries_right_after_a_fresh_open_never_find_a_half_built_mapping()
    {
        using var folder = new TemporaryFolder();
        var failures = new List<Exception>();
        for (var open = 0; open < 40; open++)
        {
            using var database = PcgdBotDatabase.Open(folder.File($"race-{open}.db"));
            var store = new ReportingStore(database);
            using var start = new Barrier(8);
            var threads = Enumerable.Range(0, 8).Select(i => new Thread(() =>
            {
                start.SignalAndWait();
                try
                {
                    // What a first turn does: who is this, their places, their updates, the audit.
                    _ = store.MembershipsOf("person-" + i);
                    _ = store.IdentitiesOf("person-" + i);
                    _ = store.FindByIdentity("telegram", "user-" + i);
                    _ = store.UpdatesOfPerson("person-" + i, "2025");
                    _ = store.AuditOf("record-" + i);
                    _ = store.UpdateByReceipt("BC-000" + i);
                }
                catch (Exception e)
                {
                    lock (failures)
                    {
                        failures.Add(e);
                    }
                }
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
        }

        Assert.Empty(failures);
    }

    [Fact]
    public void Every_storage_entity_and_the_classes_it_holds_are_mapped_when_the_file_opens()
    {
        var mapper = EntityMappings.CreateMapper(EntityMappings.StorageEntities);

        // A member lookup as LINQ queries do it, on a mapper nobody has used yet.
        var expression = mapper.GetExpression<MembershipRecord, string>(m => m.PersonId);

        Assert.Equal("$.PersonId", expression.Source);
    }
}
