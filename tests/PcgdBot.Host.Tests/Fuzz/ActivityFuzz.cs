using System.Collections.Concurrent;
using System.Text;
using CsCheck;

namespace PcgdBot.Host.Tests.Fuzz;

/// <summary>
/// Payloads for /api/messages as a hostile or broken client sends them: activities whose fields are missing, of the wrong
/// JSON type, huge, deeply nested or full of characters that break text handling (lone surrogates, U+FFFF, NUL), and
/// bodies that are not JSON at all. Mostly aimed at the live Emulator stand-in so the turns really run.
/// </summary>
public static class ActivityFuzz
{
    /// <summary>
    /// Posts <paramref name="iterations"/> generated payloads (one at a time, from <paramref name="seed"/>) to
    /// <c>/api/messages</c> and counts the status codes; every 5xx is kept with the start of its body.
    /// </summary>
    public static async Task<(IReadOnlyDictionary<int, int> Statuses, IReadOnlyList<string> ServerErrors)> PostAllAsync(HttpClient client, string serviceUrl, string seed, int iterations)
    {
        var statuses = new ConcurrentDictionary<int, int>();
        var serverErrors = new ConcurrentQueue<string>();
        await Check.SampleAsync(
            Payload(serviceUrl),
            async json =>
            {
                using var content = new StringContent(json, Encoding.UTF8, "application/json");
                using var response = await client.PostAsync("/api/messages", content);
                statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                if ((int)response.StatusCode >= 500)
                {
                    serverErrors.Enqueue($"{(int)response.StatusCode}: {json[..Math.Min(json.Length, 300)]}");
                }
            },
            seed: seed,
            iter: iterations,
            threads: 1);
        return (statuses, [.. serverErrors]);
    }

    private static readonly string[] NastyPieces =
    [
        "\\ud800", "\\udfff", "\\uffff", "\\ufffe", "\\u0000", "\\u001b", "\\ufdd0", "\\ud83d\\ude00", "\\u200b", "\\u202e",
        "a\\u0301", "\\r\\n", "\\t", "\\\"", "\\\\", "%00", "'; DROP", "{{name}}", "<b>", "&amp;", "Đ", "ư\\u0303", "ạ",
    ];

    private static readonly string[] Words =
    [
        "cập nhật", "báo cáo của tôi", "đăng ký ABCD2345", "hủy", "trợ giúp", "quay lại", "/start", "/nhac", "tạo mã mời",
        "liên kết", "ai chủ trì tuyển dụng giáo viên?", "hạn nộp báo cáo", "đơn vị nào chưa báo cáo?", "80%", "có", "1", "xin chào",
    ];

    /// <summary>A JSON string literal: text as typed, with raw escapes mixed in (some of them invalid Unicode).</summary>
    public static Gen<string> JsonStringLiteral { get; } =
        Pick(
            (4, Gen.OneOf<string>(Words).Select(Quote)),
            (3, Gen.String[0, 40].Select(Quote)),
            (3, Gen.OneOf<string>(NastyPieces).Array[1, 12].Select(pieces => "\"" + string.Concat(pieces) + "\"")),
            (1, Gen.Int[200, 12_000].Select(n => Quote(new string('x', n)))),
            (1, Gen.Char.Array[0, 30].Select(chars => Quote(new string(chars)))));

    /// <summary>Any JSON value, including the wrong kind for the field it lands in.</summary>
    public static Gen<string> AnyValue { get; } =
        Pick(
            (5, JsonStringLiteral),
            (1, Gen.OneOf<string>("null", "true", "false", "0", "-1", "9223372036854775807", "1e400", "-0.0", "[]", "{}", "\"\"")),
            (1, Gen.Int[1, 200].Select(depth => new string('[', depth) + new string(']', depth))),
            (1, Gen.Int[1, 60].Select(depth => string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth))));

    private static Gen<string> Account(Gen<string> id) =>
        Pick(
            (12, Gen.Select(id, JsonStringLiteral, (i, n) => $"{{\"id\":{i},\"name\":{n}}}")),
            (1, AnyValue),
            (1, Gen.Const("{}")));

    /// <summary>An activity as JSON text; <paramref name="serviceUrl"/> is the live stand-in most payloads reply to.</summary>
    public static Gen<string> Payload(string serviceUrl)
    {
        var id = Pick((12, Gen.OneOf<string>("\"u1\"", "\"u2\"", "\"7001\"", "\"coordinator\"")), (1, JsonStringLiteral), (1, AnyValue));
        var fields = new (string Name, Gen<string> Value)[]
        {
            ("type", Pick((8, Gen.OneOf<string>("\"message\"")), (2, Gen.OneOf<string>("\"conversationUpdate\"", "\"typing\"", "\"event\"", "\"invoke\"", "\"endOfConversation\"", "\"messageReaction\"", "\"installationUpdate\"")), (1, AnyValue))),
            ("id", Pick((6, Gen.Int[0, 1_000_000].Select(n => $"\"act-{n}\"")), (1, JsonStringLiteral))),
            ("serviceUrl", Pick(
                (30, Gen.Const(Quote(serviceUrl))),
                (1, Gen.OneOf<string>("\"http://203.0.113.7/\"", "\"http://example.com/x\"", "\"not a url\"", "\"ftp://127.0.0.1/\"", "\"http://[::1\"", "\"http://user:pw@127.0.0.1/\"")),
                (1, AnyValue))),
            ("channelId", Pick((6, Gen.OneOf<string>("\"emulator\"", "\"telegram\"", "\"zalo\"", "\"zalo-bot\"", "\"webchat\"")), (1, AnyValue))),
            ("from", Account(id)),
            ("recipient", Account(Gen.Const("\"bot\""))),
            ("conversation", Pick(
                (6, Gen.Select(Gen.Int[0, 40], Gen.Bool, (n, group) => $"{{\"id\":\"fuzz-{n}|livechat\",\"isGroup\":{(group ? "true" : "false")}}}")),
                (1, Gen.Select(JsonStringLiteral, s => $"{{\"id\":{s}}}")),
                (1, AnyValue))),
            ("text", Pick((12, JsonStringLiteral), (1, AnyValue))),
            ("timestamp", Pick((3, Gen.Const("\"2026-12-07T10:00:00Z\"")), (1, AnyValue))),
            ("membersAdded", Pick((3, Gen.Const("[]")), (2, Account(id).Array[1, 5].Select(a => "[" + string.Join(",", a) + "]")), (1, AnyValue))),
            ("deliveryMode", Pick((6, Gen.Const("\"normal\"")), (1, Gen.Const("\"expectReplies\"")), (1, AnyValue))),
            ("channelData", Pick((6, Gen.Const("{}")), (1, AnyValue))),
            ("attachments", Pick((3, Gen.Const("[]")), (1, AnyValue))),
        };

        // Each field kept (92 %), replaced by any value (4 %) or left out (4 %): most payloads get past the checks.
        var activity = Gen.Int[0, 99].Array[fields.Length].SelectMany(rolls =>
        {
            var parts = new List<Gen<string>>();
            for (var i = 0; i < fields.Length; i++)
            {
                var (name, value) = fields[i];
                if (rolls[i] < 4)
                {
                    continue;
                }

                var chosen = rolls[i] < 8 ? AnyValue : value;
                parts.Add(chosen.Select(v => $"\"{name}\":{v}"));
            }

            var joined = Gen.Const("");
            foreach (var part in parts)
            {
                var previous = joined;
                joined = previous.SelectMany(a => part.Select(p => a.Length == 0 ? p : a + "," + p));
            }

            return joined.Select(body => "{" + body + "}");
        });

        return Pick(
            (17, activity),
            (1, activity.Select(Gen.Int[0, 100], (json, cut) => json[..(json.Length * cut / 100)])),
            (1, Gen.String[0, 200]),
            (1, AnyValue));
    }

    private static Gen<string> Pick(params (int Weight, IGen<string> Gen)[] choices) => Gen.Frequency(choices);

    private static string Quote(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                < ' ' => $"\\u{(int)c:x4}",
                _ when char.IsSurrogate(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }
}
