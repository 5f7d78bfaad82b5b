using PcgdBot.Conversations.Tests.Support;
using PcgdBot.Storage.Reporting;

namespace PcgdBot.Conversations.Tests;

/// <summary>What a one-shot update fills in before the dialog asks for the rest.</summary>
public sealed class OneShotReaderTests(ContentFixture fixture) : IClassFixture<ContentFixture>
{
    [Theory]
    [InlineData("nhiệm vụ 2: đang thực hiện 80%, đã mở 3 lớp XMC", "IV.13.2", "dang-thuc-hien", "80%", "đã mở 3 lớp XMC")]
    [InlineData("nhiem vu 2 dang thuc hien 80%, da mo 3 lop XMC", "IV.13.2", "dang-thuc-hien", "80%", "da mo 3 lop XMC")]
    [InlineData("IV.13.3: hoàn thành, 45 học viên", "IV.13.3", "hoan-thanh", "45 học viên", "")]
    [InlineData("nhiệm vụ 1 hoàn thành, đã tuyển đủ giáo viên", "IV.13.1", "hoan-thanh", "", "đã tuyển đủ giáo viên")]
    [InlineData("nhiệm vụ 1", "IV.13.1", "", "", "")]
    [InlineData("gặp khó khăn: thiếu phòng học", "", "gap-kho-khan", "", "thiếu phòng học")]
    [InlineData("", "", "", "", "")]
    public async Task A_one_shot_update_fills_what_it_says(string rest, string duty, string status, string figure, string note)
    {
        var reading = await Read(rest, "UBND các xã", "Mường So");

        Assert.Null(reading.ForeignUnit);
        Assert.Equal(duty, reading.Known.GetValueOrDefault("duty")?.Key ?? "");
        Assert.Equal(status, reading.Known.GetValueOrDefault("status")?.Key ?? "");
        Assert.Equal(figure, reading.Known.GetValueOrDefault("figure")?.Display ?? "");
        Assert.Equal(note, reading.Known.GetValueOrDefault("note")?.Key ?? "");
    }

    [Theory]
    [InlineData("nhiệm vụ 1 hoàn thành, đã tuyển đủ giáo viên", "IV.4.1", "đã tuyển đủ giáo viên")]
    [InlineData("phòng nội vụ nhiệm vụ 2: đang thực hiện", "IV.4.2", "")]
    public async Task A_district_office_reads_its_own_duties(string rest, string duty, string note)
    {
        var reading = await Read(rest, "Phòng Nội vụ", null);

        Assert.Null(reading.ForeignUnit);
        Assert.Equal(duty, reading.Known.GetValueOrDefault("duty")?.Key ?? "");
        Assert.Equal(note, reading.Known.GetValueOrDefault("note")?.Key ?? "");
    }

    [Theory]
    [InlineData("cho xã Bản Lang: hoàn thành", "Xã Bản Lang")]
    [InlineData("phòng LĐ-TB&XH nhiệm vụ 1 xong", "Phòng Lao động - Thương binh và Xã hội")]
    public async Task A_unit_that_is_not_the_persons_own_is_named_as_foreign(string rest, string foreign)
    {
        var reading = await Read(rest, "UBND các xã", "Mường So");

        Assert.Equal(foreign, reading.ForeignUnit?.Name);
    }

    private async Task<OneShotReader.Reading> Read(string rest, string unit, string? member)
    {
        using var bot = new BotHarness(fixture.Content);
        await bot.Register("u1", unit, PersonRole.Focal, member);
        var person = bot.Store.FindByIdentity("cli", "u1")!;
        var data = new PcgdBot.Conversations.Reporting.ReportingDialogData(fixture.Content.Plan, bot.Engine.Actions.Units, person, "Việc khác");

        return OneShotReader.Read(rest, person, data, bot.Engine.Actions.Units, fixture.Content.Dialogs["status-update"].Steps.First(s => s.Id == "status"));
    }
}
