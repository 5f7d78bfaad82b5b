using LiteDB;

namespace PcgdBot.Storage;

/// <summary>
/// The schema steps of the bot's data file, oldest first. To change the schema: append a step with the next version
/// and raise <see cref="PcgdBotDatabase.SchemaVersion"/> to it. Never edit or remove a step that has shipped —
/// files out there already recorded it as done.
/// </summary>
public static class SchemaMigrations
{
    public static IReadOnlyList<SchemaMigration> Migrations { get; } =
    [
        new(1, "Tạo chỉ mục cho người, tài khoản, đơn vị, thành viên, cập nhật, nhật ký (indexes for people, identities, units, memberships, updates, audit)", CreateInitialIndexes),
    ];

    private static void CreateInitialIndexes(LiteDatabase db)
    {
        // "state", "people", "invites" and "counters" are looked up by _id only; LiteDB creates them on the first insert.
        db.GetCollection("identities").EnsureIndex("PersonId");
        db.GetCollection("units").EnsureIndex("ParentId");
        db.GetCollection("memberships").EnsureIndex("PersonId");
        db.GetCollection("memberships").EnsureIndex("UnitId");
        db.GetCollection("updates").EnsureIndex("UnitId");
        db.GetCollection("updates").EnsureIndex("PersonId");
        db.GetCollection("updates").EnsureIndex("Period");
        db.GetCollection("updates").EnsureIndex("DutyId");

        // One update per dialog run: a turn retried after a conflict finds the update it already saved.
        db.GetCollection("updates").EnsureIndex("SourceKey", unique: true);
        db.GetCollection("updates").EnsureIndex("Receipt", unique: true);
        db.GetCollection("audit").EnsureIndex("RecordId");
    }
}
