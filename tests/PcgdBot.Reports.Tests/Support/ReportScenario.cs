using Microsoft.Extensions.Time.Testing;
using PcgdBot.Conversations;
using PcgdBot.Conversations.Reports;
using PcgdBot.Reports;
using PcgdBot.Storage;
using PcgdBot.Storage.Reporting;

namespace PcgdBot.Reports.Tests.Support;

/// <summary>
/// The real engine on a real LiteDB file: people registered with invite codes, updates saved through the store as the
/// dialogs save them, some units left without any update.
/// </summary>
public sealed class ReportScenario : IDisposable
{
    private static readonly Lazy<PcgdBotContent> SharedContent = new(() => PcgdBotContent.Load(PcgdBotContent.DefaultDirectory));
    private readonly string folder = Path.Combine(Path.GetTempPath(), "pcgdbot-report-tests", Guid.NewGuid().ToString("N"));
    private int sourceKeys;

    public ReportScenario(ReportSettings? settings = null)
    {
        Directory.CreateDirectory(folder);
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 15, 2, 0, 0, TimeSpan.Zero));
        Database = PcgdBotDatabase.Open(Path.Combine(folder, "bot.db"));
        Engine = new ChatEngine(Content, Database, Time, reportSettings: settings);
    }

    public static PcgdBotContent Content => SharedContent.Value;

    public FakeTimeProvider Time { get; }

    public PcgdBotDatabase Database { get; }

    public ChatEngine Engine { get; }

    public ReportingStore Store => Engine.Store;

    public ReportService Service => Engine.Reports.Service;

    public string Folder => folder;

    /// <summary>Registers a person for a unit (by name or alias, optionally a member) and returns their person id.</summary>
    public string Register(string user, string unit, PersonRole role, string? member = null, string channel = "cli")
    {
        var invite = Engine.CreateInvite(unit, member, role, "test");
        Assert.True(invite.Code is not null, invite.Message);
        var result = Store.Redeem(invite.Code!, channel, user, "Người " + user, channel + "-" + user, Time.GetUtcNow().UtcDateTime);
        Assert.True(result.Person is not null, result.Outcome.ToString());
        return result.Person!.Id;
    }

    public string UnitId(string name) => Engine.Units.Resolve(name)?.Id ?? throw new InvalidOperationException("no unit " + name);

    /// <summary>Saves an update as the status dialog does, on the given local day (Asia/Ho_Chi_Minh, 09:00).</summary>
    public StatusUpdateRecord Save(string personId, string unitName, string? dutyId, ProgressStatus status, string? figure, string? note, DateOnly day, string period = "2026", string? task = null)
    {
        var at = day.ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc);
        var duty = dutyId is null ? null : Content.Plan.Duties.Single(d => d.Id == dutyId);
        return Store.SaveUpdate(new StatusUpdateRecord
        {
            PersonId = personId,
            UnitId = UnitId(unitName),
            DutyId = dutyId,
            Task = duty?.Text ?? task ?? "Việc khác",
            Status = status,
            FigureText = figure,
            Note = note,
            Period = period,
            Channel = "telegram",
            CreatedAt = at,
            UpdatedAt = at,
            SourceKey = "test-" + Interlocked.Increment(ref sourceKeys),
        });
    }

    /// <summary>A district with reports from three communes, two offices, one late and one "việc khác", and one from 2025.</summary>
    public IReadOnlyList<StatusUpdateRecord> SeedDistrict()
    {
        var lan = Register("lan", "UBND các xã", PersonRole.Focal, "Mường So");
        var hoa = Register("hoa", "UBND các xã", PersonRole.Focal, "Sin Suối Hồ");
        var minh = Register("minh", "UBND các xã", PersonRole.Focal, "Dào San");
        var noivu = Register("tuan", "Phòng Nội vụ", PersonRole.Focal);
        var ld = Register("thu", "Phòng Lao động", PersonRole.Focal);
        var list = new List<StatusUpdateRecord>
        {
            Save(lan, "xã Mường So", "IV.13.1", ProgressStatus.InProgress, "80%", "Đã mở 3 lớp XMC", new DateOnly(2026, 11, 20)),
            Save(lan, "xã Mường So", "IV.13.2", ProgressStatus.Done, "3 lớp", null, new DateOnly(2026, 11, 21)),
            Save(hoa, "xã Sin Suối Hồ", "IV.13.1", ProgressStatus.Blocked, null, "Thiếu giáo viên dạy lớp XMC <ghi chú & ký hiệu>", new DateOnly(2026, 12, 1)),
            Save(minh, "xã Dào San", "IV.13.3", ProgressStatus.NotStarted, null, null, new DateOnly(2026, 12, 11)),
            Save(noivu, "Phòng Nội vụ", "IV.4.1", ProgressStatus.Done, "12 người", "Đã tham mưu tuyển dụng", new DateOnly(2026, 10, 2)),
            Save(noivu, "Phòng Nội vụ", null, ProgressStatus.InProgress, null, "Rà soát hồ sơ", new DateOnly(2026, 10, 5), task: "Rà soát biên chế giáo viên"),
            Save(ld, "Phòng Lao động", "IV.2.1", ProgressStatus.InProgress, "45%", null, new DateOnly(2026, 9, 9)),
        };
        Save(noivu, "Phòng Nội vụ", "IV.4.2", ProgressStatus.Done, null, "Kỳ trước", new DateOnly(2025, 11, 1), period: "2025");
        return list;
    }

    public void Dispose()
    {
        Database.Dispose();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
