using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace PcgdBot.Telegram.Tests.StandIn;

/// <summary>
/// The parameters of one Bot API call, however they came: query string, JSON body (what Telegram.Bot 22
/// sends), application/x-www-form-urlencoded or multipart/form-data. Like the Bot API, a number may come
/// as a JSON number or as a string, and a JSON-valued parameter (reply_markup, allowed_updates...) as an
/// object or as a string holding JSON.
/// </summary>
/// <summary>A multipart file part as the stand-in received it.</summary>
public sealed record UploadedFile(string FileName, string? ContentType, byte[] Content);

internal sealed class BotApiParameters
{
    private readonly Dictionary<string, JsonNode?> _values = new(StringComparer.Ordinal);

    public List<string> FileParts { get; } = [];

    /// <summary>The uploaded files by form field ("document"): their file name, media type and bytes.</summary>
    public Dictionary<string, UploadedFile> Files { get; } = new(StringComparer.Ordinal);

    public static BotApiParameters FromJsonObject(JsonObject obj)
    {
        var p = new BotApiParameters();
        foreach (var (key, value) in obj)
        {
            p._values[key] = value?.DeepClone();
        }

        return p;
    }

    /// <summary>Reads the request; returns null and an error text when the body is not understood.</summary>
    public static async Task<(BotApiParameters? Parameters, string? Error)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var p = new BotApiParameters();
        foreach (var (key, value) in request.Query)
        {
            p._values[key] = JsonValue.Create(value.ToString());
        }

        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            foreach (var (key, value) in form)
            {
                p._values[key] = JsonValue.Create(value.ToString());
            }

            foreach (var file in form.Files)
            {
                p.FileParts.Add($"{file.Name}:{file.FileName}:{file.Length}");
                using var bytes = new MemoryStream();
                await file.CopyToAsync(bytes, cancellationToken);
                p.Files[file.Name] = new UploadedFile(file.FileName, file.ContentType, bytes.ToArray());
            }

            return (p, null);
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(body))
        {
            return (p, null);
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body);
        }
        catch (JsonException ex)
        {
            return (null, "Bad Request: can't parse JSON object: " + ex.Message);
        }

        if (root is not JsonObject obj)
        {
            return (null, "Bad Request: request body must be a JSON object");
        }

        foreach (var (key, value) in obj)
        {
            p._values[key] = value?.DeepClone();
        }

        return (p, null);
    }

    public bool Has(string name) => _values.TryGetValue(name, out var v) && v is not null;

    /// <summary>The value as text: strings as they are, numbers and booleans as written, objects as JSON.</summary>
    public string? GetString(string name)
    {
        if (!_values.TryGetValue(name, out var node) || node is null)
        {
            return null;
        }

        if (node is JsonValue value)
        {
            return value.GetValueKind() switch
            {
                JsonValueKind.String => value.GetValue<string>(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => value.ToJsonString(),
            };
        }

        return node.ToJsonString();
    }

    public long? GetLong(string name)
    {
        var s = GetString(name);
        return long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;
    }

    public int? GetInt(string name)
    {
        var s = GetString(name);
        return int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;
    }

    public bool GetBool(string name)
    {
        var s = GetString(name);
        return s is not null && (s.Equals("true", StringComparison.OrdinalIgnoreCase) || s == "1");
    }

    /// <summary>A JSON-valued parameter, given as JSON or as a string holding JSON.</summary>
    public JsonNode? GetJson(string name)
    {
        if (!_values.TryGetValue(name, out var node) || node is null)
        {
            return null;
        }

        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            var text = value.GetValue<string>();
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            try
            {
                return JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                return null;
            }
        }

        return node.DeepClone();
    }

    public string ToJson()
    {
        var o = new JsonObject();
        foreach (var (key, value) in _values)
        {
            o[key] = value?.DeepClone();
        }

        return o.ToJsonString();
    }
}
