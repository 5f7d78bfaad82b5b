using LiteDB;

namespace PcgdBot.Storage;

/// <summary>
/// One step of the data file's schema. <see cref="Apply"/> runs inside one LiteDB transaction together with the
/// record that the step was applied, so a crash leaves the file either before or after the step, never half-way.
/// </summary>
/// <remarks>
/// Because it runs in a transaction, <see cref="Apply"/> must be synchronous and may not use the LiteDB operations that
/// refuse to run inside one: <c>DropCollection</c>, <c>RenameCollection</c>, <c>Rebuild</c>, pragmas (<c>UserVersion</c>…).
/// It must not catch LiteDB exceptions and carry on: a failing LiteDB operation has already rolled the transaction back.
/// </remarks>
/// <param name="Version">The schema version the file has after this step: 1, 2, 3… in order, no gaps.</param>
/// <param name="Description">What the step does, for error messages and the file's migration log.</param>
/// <param name="Apply">The change itself.</param>
public sealed record SchemaMigration(int Version, string Description, Action<LiteDatabase> Apply);
