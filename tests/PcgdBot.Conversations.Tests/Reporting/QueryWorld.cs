using PcgdBot.Answers;
using PcgdBot.Conversations.Reporting;
using PcgdBot.Plan;
using PcgdBot.Storage;
using PcgdBot.Storage.Reporting;

// Not "…Tests.Reporting": that namespace would hide PcgdBot.Conversations.Reporting from "Reporting.X" in the other tests.
namespace PcgdBot.Conversations.Tests.Queries;

/// <summary>The bundled plan, lexicon, reporting units and query replies, read once for all query tests.</summary>
public static class QueryContent
{
    private static readonly Lazy<(PlanDocument Plan, Lexicon Lexicon, IReadOnlyList<UnitRecord> Units, ReplyTemplates Replies)> Loaded = new(() =>
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "dialogs");
        var lexicon = Lexicon.Load(directory);
        var plan = PlanParser.Load(Directory.GetFiles(Path.Combine(directory, "plan"), "*.md").Single(), lexicon);
        var units = ReportingUnits.Load(directory, plan, lexicon);
        var replies = ReplyTemplates.Load(directory, ReportQueries.TemplateFile, ReportQueries.RequiredTemplates);
        return (plan, lexicon, units, replies);
    });

    public static PlanDocument Plan => Loaded.Value.Plan;

    public static Lexicon Lexicon => Loaded.Value.Lexicon;

    public static IReadOnlyList<UnitRecord> Units => Loaded.Value.Units;

    public static ReplyTemplates Replies => Loaded.Value.Replies;
}

/// <summary>
/// A real LiteDB file in a temp folder with the bundled reporting units, people registered through invite codes
/// and status updates saved the way the bot saves them. Today is 20/05/2026, in reporting period "2026".
/// </summary>
public sealed class QueryWorld : IDisposable
{
    public static readonly DateOnly Today = new(2026, 5, 20);
    public static readonly DateTime Now = new(2026, 5, 20, 8, 0, 0, DateTimeKind.Utc);

    private readonly string folder = Path.Combine(Path.GetTempPath(), "pcgdbot-query-tests", Guid.NewGuid().ToString("N"));
    private readonly PcgdBotDatabase database;
    private int people;

    public QueryWorld(bool withUnits = true)
    {
        Directory.CreateDirectory(folder);
        database = PcgdBotDatabase.Open(Path.Combine(folder, "bot.db"));
        Store = new ReportingStore(database);
        if (withUnits)
        {
            Store.SyncUnits(QueryContent.Units);
        }

        Queries = new ReportQueries(QueryContent.Plan, QueryContent.Lexicon, QueryContent.Replies, Store, ReportingCalendar.Parse("10/12"));
    }

    public ReportingStore Store { get; }

    public ReportQueries Queries { get; }

    /// <summary>
    /// How many units are expected to report: the plan's units, the 17 communes instead of their collective unit, and
    /// not Phòng GD&amp;ĐT, which receives the reports.
    /// </summary>
    public int ReportingUnitCount => QueryContent.Units.Count(u => u.Reports && !QueryContent.Units.Any(m => m.ParentId == u.Id) && u.Name != "Phòng Giáo dục và Đào tạo");

    public static string UnitId(string name) => QueryContent.Units.Single(u => u.Name == name).Id;

    public string? Ask(string text, KnownPerson? person) => Queries.TryAnswer(text, person, Today);

    /// <summary>Registers a new person for a unit with an invite code, as a coordinator would.</summary>
    public KnownPerson Register(string unitName, PersonRole role) => RegisterFor(UnitId(unitName), role);

    public KnownPerson RegisterFor(string unitId, PersonRole role)
    {
        var userId = "user-" + ++people;
        var invite = Store.CreateInvite(unitId, role, "test", Now, TimeSpan.FromDays(7));
        var result = Store.Redeem(invite.Id, "test", userId, "Người " + people, "conv-" + people, Now);
        Assert.Equal(RedeemOutcome.Registered, result.Outcome);
        return Store.FindByIdentity("test", userId)!;
    }

    public KnownPerson Coordinator() => Register("Phòng Giáo dục và Đào tạo", PersonRole.Coordinator);

    /// <summary>Saves an update of a plan duty (or of "việc khác" when <paramref name="dutyId"/> is null).</summary>
    public StatusUpdateRecord Report(
        string unitName,
        string? dutyId,
        ProgressStatus status,
        string? figure = null,
        string? note = null,
        string? otherTask = null,
        string period = "2026",
        DateTime? at = null)
    {
        var when = at ?? Now.AddDays(-5);
        return Store.SaveUpdate(new StatusUpdateRecord
        {
            PersonId = "reporter",
            UnitId = UnitId(unitName),
            DutyId = dutyId,
            Task = dutyId is null ? otherTask ?? "việc khác" : QueryContent.Plan.Duties.Single(d => d.Id == dutyId).Text,
            Status = status,
            FigureText = figure,
            Note = note,
            Period = period,
            Channel = "test",
            CreatedAt = when,
            UpdatedAt = when,
            SourceKey = Guid.NewGuid().ToString("N"),
        });
    }

    public void Dispose()
    {
        database.Dispose();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held after a failed test; the temp folder is cleaned by the system eventually.
        }
    }
}
