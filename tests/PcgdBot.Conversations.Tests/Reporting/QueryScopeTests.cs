using PcgdBot.Storage.Reporting;

namespace PcgdBot.Conversations.Tests.Queries;

/// <summary>
/// What each role sees: a coordinator everything; a commune leader or a focal point their own unit's details and the
/// district's totals only.
/// </summary>
public sealed class QueryScopeTests : IDisposable
{
    private const string CommuneScope = "Anh/chị xem được chi tiết của xã mình và số liệu chung của huyện";
    private const string UnitScope = "Anh/chị xem được chi tiết của đơn vị mình và số liệu chung của huyện";

    private readonly QueryWorld world = new();
    private readonly StatusUpdateRecord muongSo;
    private readonly StatusUpdateRecord namXe;

    public QueryScopeTests()
    {
        muongSo = world.Report("Xã Mường So", "IV.13.2", ProgressStatus.Done, figure: "80%");
        namXe = world.Report("Xã Nậm Xe", "IV.13.2", ProgressStatus.Blocked, note: "Thiếu kinh phí");
        world.Report("Phòng Nội vụ", "IV.4.1", ProgressStatus.InProgress);
    }

    public void Dispose() => world.Dispose();

    private string Ask(string text, KnownPerson person)
    {
        var reply = world.Ask(text, person);
        Assert.NotNull(reply);
        Assert.DoesNotContain("{", reply, StringComparison.Ordinal);
        return reply;
    }

    [Theory]
    [InlineData("xã Nậm Xe đã báo cáo gì?")]
    [InlineData("xa nam xe bao cao gi")]
    public void A_commune_leader_asking_about_another_commune_is_refused_politely(string question)
    {
        var leader = world.Register("Xã Mường So", PersonRole.Leader);

        var reply = Ask(question, leader);

        Assert.Contains("Xã Nậm Xe", reply, StringComparison.Ordinal);
        Assert.Contains(CommuneScope, reply, StringComparison.Ordinal);
        Assert.DoesNotContain(namXe.Receipt, reply, StringComparison.Ordinal);
        Assert.DoesNotContain("Thiếu kinh phí", reply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("xã Mường So đã báo cáo gì?")]
    [InlineData("xã mình đã báo cáo gì")]
    [InlineData("xa minh da bao cao nhung gi")]
    [InlineData("xã mình chưa báo cáo à?")]
    [InlineData("tình hình xã mình thế nào")]
    public void A_commune_leader_sees_the_details_of_their_own_commune(string question)
    {
        var leader = world.Register("Xã Mường So", PersonRole.Leader);

        var reply = Ask(question, leader);

        Assert.Contains(muongSo.Receipt, reply, StringComparison.Ordinal);
        Assert.Contains("Hoàn thành, số liệu 80%", reply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("xã mình còn nhiệm vụ nào chưa báo cáo?")]
    [InlineData("xa em chua bao cao nhiem vu nao")]
    [InlineData("còn nhiệm vụ nào chưa báo cáo")]
    public void A_commune_asking_which_duties_it_has_not_reported_gets_its_missing_duties_not_its_reports(string question)
    {
        var leader = world.Register("Xã Mường So", PersonRole.Leader);
        var communeDuties = QueryContent.Plan.DutiesOf(QueryContent.Units.Single(u => u.Name == "Xã Mường So").PlanUnitId).ToList();

        var reply = Ask(question, leader);

        Assert.Contains($"còn {communeDuties.Count - 1}/{communeDuties.Count} nhiệm vụ", reply, StringComparison.Ordinal);
        Assert.Contains("IV.13.1", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("IV.13.2", reply, StringComparison.Ordinal);
        Assert.DoesNotContain(muongSo.Receipt, reply, StringComparison.Ordinal);
    }

    [Fact]
    public void A_unit_that_reported_every_duty_is_thanked_rather_than_given_an_empty_list()
    {
        var focal = world.Register("Phòng Nội vụ", PersonRole.Focal);
        world.Report("Phòng Nội vụ", "IV.4.2", ProgressStatus.Done);

        var reply = Ask("đơn vị mình còn nhiệm vụ nào chưa báo cáo", focal);

        Assert.Contains("đã báo cáo đủ 2 nhiệm vụ", reply, StringComparison.Ordinal);
    }

    [Fact]
    public void A_commune_leader_asking_who_has_not_reported_gets_the_counts_and_their_own_commune_only()
    {
        var leader = world.Register("Xã Mường So", PersonRole.Leader);

        var reply = Ask("đơn vị nào chưa báo cáo?", leader);

        Assert.Contains($"3/{world.ReportingUnitCount} đơn vị đã báo cáo", reply, StringComparison.Ordinal);
        Assert.Contains("• Xã Mường So: đã gửi 1 báo cáo", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("Phòng Tài chính", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("Bản Lang", reply, StringComparison.Ordinal);
        Assert.Contains(CommuneScope, reply, StringComparison.Ordinal);
    }

    [Fact]
    public void A_commune_leader_gets_the_summary_without_the_names_of_units_in_difficulty()
    {
        var leader = world.Register("Xã Bản Lang", PersonRole.Leader);

        var reply = Ask("tổng hợp báo cáo", leader);

        Assert.Contains("• Xã, thị trấn đã báo cáo: 2/17", reply, StringComparison.Ordinal);
        Assert.Contains("• Số đơn vị gặp khó khăn: 1", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("Nậm Xe", reply, StringComparison.Ordinal);
        Assert.Contains("• Xã Bản Lang: chưa báo cáo", reply, StringComparison.Ordinal);
    }

    [Fact]
    public void A_commune_leader_sees_the_progress_counts_and_only_their_own_communes_line()
    {
        var leader = world.Register("Xã Mường So", PersonRole.Leader);

        var reply = Ask("tiến độ IV.13.2", leader);

        Assert.Contains("2/17 đơn vị đã báo cáo", reply, StringComparison.Ordinal);
        Assert.Contains("• Gặp khó khăn: 1", reply, StringComparison.Ordinal);
        Assert.Contains("• Mường So: Hoàn thành", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("Nậm Xe", reply, StringComparison.Ordinal);
    }

    [Fact]
    public void A_commune_leader_gets_counts_without_names()
    {
        var leader = world.Register("Xã Bản Lang", PersonRole.Leader);

        var reply = Ask("bao nhiêu xã gặp khó khăn", leader);

        Assert.Contains("1/17 xã, thị trấn", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("Nậm Xe", reply, StringComparison.Ordinal);
    }

    [Fact]
    public void A_focal_point_sees_their_own_unit_and_is_refused_another_units_details()
    {
        var focal = world.Register("Phòng Nội vụ", PersonRole.Focal);

        var own = Ask("phòng nội vụ đã báo cáo gì", focal);
        var other = Ask("xã Mường So đã báo cáo gì", focal);

        Assert.Contains("Phòng Nội vụ — kỳ báo cáo 2026: 1 báo cáo", own, StringComparison.Ordinal);
        Assert.Contains(UnitScope, other, StringComparison.Ordinal);
        Assert.DoesNotContain(muongSo.Receipt, other, StringComparison.Ordinal);
    }

    [Fact]
    public void A_coordinator_sees_every_units_details()
    {
        var coordinator = world.Coordinator();

        Assert.Contains(namXe.Receipt, Ask("xã Nậm Xe đã báo cáo gì?", coordinator), StringComparison.Ordinal);
        Assert.Contains("• Đơn vị gặp khó khăn: Xã Nậm Xe", Ask("tổng hợp", coordinator), StringComparison.Ordinal);
        Assert.Contains("Gồm: Nậm Xe", Ask("mấy xã gặp khó khăn", coordinator), StringComparison.Ordinal);
    }

    [Fact]
    public void A_focal_point_of_a_collective_unit_sees_its_members_details()
    {
        var focal = world.Register("Ủy ban nhân dân các xã, thị trấn", PersonRole.Focal);

        var reply = Ask("xã Nậm Xe đã báo cáo gì?", focal);

        Assert.Contains(namXe.Receipt, reply, StringComparison.Ordinal);
    }
}
