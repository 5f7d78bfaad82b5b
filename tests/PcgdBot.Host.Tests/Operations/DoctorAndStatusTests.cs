using LiteDB;
using PcgdBot.Host.Operations;
using PcgdBot.Host.Tests.Support;
using PcgdBot.Reminders.Outbox;
using PcgdBot.Storage;
using PcgdBot.Zalo.Oa;

namespace PcgdBot.Host.Tests.Operations;

public sealed class DoctorAndStatusTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "pcgdbot-doctor-" + Guid.NewGuid().ToString("N"));

    private string DatabasePath => Path.Combine(folder, "bot.db");

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Doctor_on_a_healthy_setup_prints_only_ok_and_warnings_and_checks_the_whole_data_file()
    {
        using (var database = PcgdBotDatabase.Open(DatabasePath))
        {
            database.Write(db => db.GetCollection("people").Insert(new BsonDocument { ["_id"] = "p1" }));
            database.Backup(Path.Combine(folder, "copy.db"));
        }

        var result = await CommandLineRun.RunAsync("", "doctor", "--db", DatabasePath);

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.DoesNotContain("LỖI", result.Output);
        Assert.Contains("OK       Telegram: tắt", result.Output);
        Assert.Contains("OK       Dữ liệu: " + DatabasePath, result.Output);
        Assert.Contains("không lỗi", result.Output);
        Assert.Contains("OK       Sao lưu: bản sao lưu gần nhất", result.Output);
        Assert.Contains("OK       Nội dung:", result.Output);
        Assert.Contains("Đồng hồ: giờ Việt Nam", result.Output);
        Assert.Contains("Ổ đĩa: còn trống", result.Output);
    }

    [Fact]
    public async Task Doctor_names_a_missing_content_folder_a_zalo_oa_without_a_token_and_an_expired_token_and_exits_with_one()
    {
        var oaDatabase = Path.Combine(folder, "oa.db");
        using (var database = PcgdBotDatabase.Open(DatabasePath))
        {
            new ZaloTokenStore(database).Save(new ZaloTokens("388", "AT", "RT", DateTime.UtcNow.AddHours(-2)));
        }

        var expired = await CommandLineRun.RunAsync("", "doctor", "--db", DatabasePath, "--Zalo:Oa:AppId=app", "--Zalo:Oa:OaSecretKey=key", "--Zalo:Oa:AppSecret=secret");
        var missing = await CommandLineRun.RunAsync("", "doctor", "--db", oaDatabase, "--content", Path.Combine(folder, "no-such-folder"), "--Zalo:Oa:AppId=app", "--Zalo:Oa:OaSecretKey=key");

        Assert.Contains("CẢNH BÁO Zalo OA token: 388: access token đã hết hạn", expired.Output);
        Assert.Contains("OK       Zalo OA: cấu hình hợp lệ.", expired.Output);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("CẢNH BÁO Dữ liệu: chưa có tệp", missing.Output);
        Assert.Contains("LỖI      Nội dung:", missing.Output);
        Assert.Contains("Có 1 lỗi", missing.Output);
    }

    [Fact]
    public async Task Doctor_says_the_data_file_is_held_by_the_service_when_it_runs()
    {
        using var held = PcgdBotDatabase.Open(DatabasePath);

        var result = await CommandLineRun.RunAsync("", "doctor", "--db", DatabasePath);

        Assert.Contains("CẢNH BÁO Dữ liệu: " + DatabasePath + " đang được dịch vụ PcgdBot giữ", result.Output);
    }

    [Fact]
    public async Task Status_counts_people_updates_waiting_messages_and_names_the_last_backup()
    {
        using (var database = PcgdBotDatabase.Open(DatabasePath))
        {
            database.Write(db =>
            {
                db.GetCollection("people").Insert(new BsonDocument { ["_id"] = "p1" });
                db.GetCollection("people").Insert(new BsonDocument { ["_id"] = "p2" });
            });
            new OutboxStore(database, TimeProvider.System).Enqueue([new OutboxMessage("b:telegram:1", "b", "p1", "telegram", "1", "1", "Nhắc", [])]);
            DatabaseBackups.Run(database, Path.Combine(folder, "backups"), 3, OfficeClock.Now());
        }

        var result = await CommandLineRun.RunAsync("", "status", "--db", DatabasePath);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("Người đã đăng ký: 2", result.Output);
        Assert.Contains("Báo cáo tiến độ: 0", result.Output);
        Assert.Contains("Tin nhắn chờ gửi: 1 (cũ nhất từ", result.Output);
        Assert.Matches(@"Sao lưu gần nhất: \d\d/\d\d/\d{4} \d\d:\d\d — .*pcgdbot-\d{8}-\d{6}\.db", result.Output);
    }
}
