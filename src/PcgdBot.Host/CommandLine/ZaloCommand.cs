using System.CommandLine;
using PcgdBot.Storage;
using PcgdBot.Zalo.Oa;

namespace PcgdBot.Host.CommandLine;

/// <summary>
/// <c>zalo set-token --access-token A --refresh-token R [--oa-id ID] [--expires-in SECONDS] [--db PATH]</c>: stores an
/// OA's token pair (from the Zalo developer console) in the database; the bot renews it from then on.
/// </summary>
public static class ZaloCommand
{
    public static Command Create(CliConsole console)
    {
        var access = new Option<string>("--access-token") { Description = "The OA access token.", Required = true };
        var refresh = new Option<string>("--refresh-token") { Description = "The refresh token that came with it.", Required = true };
        var oaId = new Option<string?>("--oa-id") { Description = "The OA the tokens belong to (several OAs may share the app); default: any OA." };
        var expiresIn = new Option<int>("--expires-in")
        {
            Description = "Seconds the access token is still valid (Zalo gives 90000 = 25 h).",
            DefaultValueFactory = _ => 90000,
        };
        expiresIn.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 0 or > 400000)
            {
                result.AddError("--expires-in must be between 0 and 400000 seconds.");
            }
        });
        var database = CommonOptions.Database();
        var setToken = new Command("set-token", "Store a Zalo OA access/refresh token pair in the database.") { access, refresh, oaId, expiresIn, database };
        setToken.SetAction(parseResult => SetToken(
            parseResult.GetRequiredValue(access),
            parseResult.GetRequiredValue(refresh),
            parseResult.GetValue(oaId),
            parseResult.GetValue(expiresIn),
            parseResult.GetRequiredValue(database),
            console));
        return new Command("zalo", "Zalo Official Account settings kept in the database.") { setToken };
    }

    public static int SetToken(string accessToken, string refreshToken, string? oaId, int expiresInSeconds, string databasePath, CliConsole console)
    {
        if (string.IsNullOrWhiteSpace(accessToken) || string.IsNullOrWhiteSpace(refreshToken))
        {
            console.Error.WriteLine("Cần cả access token và refresh token (both tokens are required).");
            return ExitCodes.InvalidInput;
        }

        try
        {
            using var database = PcgdBotDatabase.Open(Path.GetFullPath(databasePath));
            var key = string.IsNullOrWhiteSpace(oaId) ? ZaloTokenStore.AnyOa : oaId.Trim();
            new ZaloTokenStore(database).Save(new ZaloTokens(key, accessToken.Trim(), refreshToken.Trim(), DateTime.UtcNow.AddSeconds(expiresInSeconds)));
            console.Out.WriteLine($"Đã lưu token Zalo OA {(key == ZaloTokenStore.AnyOa ? "(mọi OA)" : key)}, hết hạn sau {expiresInSeconds / 3600.0:0.#} giờ; bot sẽ tự gia hạn.");
            return ExitCodes.Success;
        }
        catch (DatabaseException error)
        {
            console.Error.WriteLine(error.Message);
            return ExitCodes.InvalidInput;
        }
    }
}
