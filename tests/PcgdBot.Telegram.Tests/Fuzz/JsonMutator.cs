using System.Text;
using System.Text.Json.Nodes;
using CsCheck;

namespace PcgdBot.Telegram.Tests.Fuzz;

/// <summary>
/// Structure-aware mutations of recorded webhook bodies, as a CsCheck generator: huge and odd numbers, long strings,
/// lone surrogates, U+FFFF/U+FFFE, wrong types, deep nesting, missing and extra fields, truncation. Deterministic for a
/// given PCG seed, so a failing payload can be found again.
/// </summary>
public static class JsonMutator
{
    private static readonly string[] OddNumbers =
    [
        "9223372036854775807", "-9223372036854775808", "18446744073709551616", "1e400", "-1e400", "0", "-1", "1.5",
        "253402300800000", "253402300799999", "99999999999999999999999999999999", "4294967296", "-0", "1E-400",
    ];

    private static readonly string[] OddStrings =
    [
        "\"\\ud800\"", "\"a\\udfffb\"", "\"\\ud83d\"", "\"\uFFFF\"", "\"\uFFFE\"", "\"\\uFFFF\\uFFFE\"", "\"\\u0000\"", "\"\"", "\" \"",
        "\"\uFDD0\"", "\"ᅟ\"", "\"\u202Eabc\"", "\"đăng ký \\ud800ABCDEFGH\"", "\"/start \\udc00\"", "\"9223372036854775808\"",
    ];

    private static readonly string[] WrongTypes = ["[]", "{}", "true", "false", "null", "\"text\"", "123", "[1,2,3]", "{\"id\":{}}"];

    /// <summary>Payloads derived from <paramref name="seeds"/>: 1–3 mutations each, sometimes truncated.</summary>
    public static Gen<string> Payloads(IReadOnlyList<string> seeds) =>
        Gen.Select(Gen.Int[0, seeds.Count - 1], Gen.Int[1, 3], Gen.Int[0, 99], Gen.Int, (seed, count, truncate, random) => Mutate(seeds[seed], count, truncate < 8, random));

    /// <summary>The generator's first <paramref name="count"/> payloads from a fixed PCG seed.</summary>
    public static IEnumerable<string> Sample(Gen<string> gen, int count, ulong seed)
    {
        var pcg = new PCG(7, seed);
        for (var i = 0; i < count; i++)
        {
            yield return gen.Generate(pcg, null, out _);
        }
    }

    public static string Mutate(string json, int mutations, bool truncate, int seed)
    {
        var random = new Random(seed);
        var raw = new Dictionary<string, string>(StringComparer.Ordinal);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (System.Text.Json.JsonException)
        {
            return json;
        }

        for (var m = 0; m < mutations && root is not null; m++)
        {
            var slots = Slots(root).ToList();
            if (slots.Count == 0)
            {
                break;
            }

            var (parent, key, index) = slots[random.Next(slots.Count)];
            var kind = random.Next(10);
            JsonNode? replacement = kind switch
            {
                0 => Raw(raw, OddNumbers[random.Next(OddNumbers.Length)]),
                1 => JsonValue.Create(LongString(random)),
                2 => Raw(raw, OddStrings[random.Next(OddStrings.Length)]),
                3 => Raw(raw, WrongTypes[random.Next(WrongTypes.Length)]),
                4 => Raw(raw, Nested(random)),
                _ => null,
            };

            switch (kind)
            {
                case <= 4:
                    Set(parent, key, index, replacement);
                    break;

                case 5 when parent is JsonObject obj && key is not null:
                    obj.Remove(key);
                    break;

                case 6 when parent is JsonObject obj:
                    obj["x_" + random.Next(1000)] = Raw(raw, WrongTypes[random.Next(WrongTypes.Length)]);
                    break;

                case 7 when parent is JsonObject obj && key is not null:
                    // The same field again, with another type: last one wins in most readers.
                    var value = obj[key]?.DeepClone();
                    obj.Remove(key);
                    obj[key] = Raw(raw, OddNumbers[random.Next(OddNumbers.Length)]);
                    _ = value;
                    break;

                case 8:
                    Set(parent, key, index, JsonValue.Create(new string('9', random.Next(20, 2000))));
                    break;

                default:
                    Set(parent, key, index, JsonValue.Create(random.Next(2) == 0 ? long.MaxValue : random.NextInt64()));
                    break;
            }
        }

        var text = root?.ToJsonString() ?? "null";
        foreach (var (placeholder, value) in raw)
        {
            text = text.Replace("\"" + placeholder + "\"", value, StringComparison.Ordinal);
        }

        if (truncate && text.Length > 2)
        {
            text = text[..random.Next(1, text.Length)];
        }

        return text;
    }

    private static JsonNode Raw(Dictionary<string, string> raw, string value)
    {
        var placeholder = "@@RAW" + raw.Count + "@@";
        raw[placeholder] = value;
        return JsonValue.Create(placeholder);
    }

    private static string LongString(Random random)
    {
        var length = random.Next(3) switch { 0 => 1024, 1 => random.Next(1000, 5000), _ => random.Next(10_000, 200_000) };
        var alphabet = "aăâđêôơưáàảãạ xyz0123456789";
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            builder.Append(alphabet[random.Next(alphabet.Length)]);
        }

        return builder.ToString();
    }

    private static string Nested(Random random)
    {
        var depth = random.Next(2) == 0 ? 200 : random.Next(10, 60);
        return random.Next(2) == 0
            ? new string('[', depth) + new string(']', depth)
            : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
    }

    private static IEnumerable<(JsonNode Parent, string? Key, int Index)> Slots(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToList())
                {
                    yield return (obj, key, -1);
                    if (child is not null)
                    {
                        foreach (var inner in Slots(child))
                        {
                            yield return inner;
                        }
                    }
                }

                break;

            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    yield return (array, null, i);
                    if (array[i] is { } child)
                    {
                        foreach (var inner in Slots(child))
                        {
                            yield return inner;
                        }
                    }
                }

                break;
        }
    }

    private static void Set(JsonNode parent, string? key, int index, JsonNode? value)
    {
        if (parent is JsonObject obj && key is not null)
        {
            obj[key] = value;
        }
        else if (parent is JsonArray array && index >= 0 && index < array.Count)
        {
            array[index] = value;
        }
    }
}
