using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PcgdBot.Telegram.Tests.StandIn;

/// <summary>One message entity as the Bot API reports it (offset and length in UTF-16 code units).</summary>
public sealed record StandInEntity(string Type, int Offset, int Length, string? Url = null, string? Language = null)
{
    internal JsonObject ToJson()
    {
        var o = new JsonObject { ["offset"] = Offset, ["length"] = Length, ["type"] = Type };
        if (Url is not null)
        {
            o["url"] = Url;
        }

        if (Language is not null)
        {
            o["language"] = Language;
        }

        return o;
    }
}

/// <summary>Text after entity parsing, or the reason the Bot API would refuse it.</summary>
internal sealed record FormattedText(string Text, IReadOnlyList<StandInEntity> Entities, string? Error)
{
    public bool Failed => Error is not null;

    public static FormattedText Fail(string error) => new(string.Empty, [], error);
}

/// <summary>
/// A re-implementation of how the Bot API (tdlib) turns <c>text</c> + <c>parse_mode</c> into plain text and
/// entities: HTML, MarkdownV2 and legacy Markdown, with the error messages Telegram answers
/// ("can't parse entities: ..."). Offsets in error messages are UTF-8 byte offsets like Telegram's.
/// Also finds the entities Telegram detects by itself in any text (bot_command, mention, hashtag, url).
/// </summary>
internal static partial class TelegramFormatting
{
    private static readonly HashSet<string> HtmlTags = new(StringComparer.Ordinal)
    {
        "a", "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "code", "pre",
        "tg-spoiler", "tg-emoji", "span", "blockquote",
    };

    /// <summary>Parses like the Bot API. <paramref name="parseMode"/> null/empty = plain text.</summary>
    /// <param name="strictAmpersand">Reject a bare '&amp;' that starts no entity (Telegram itself keeps it literally).</param>
    public static FormattedText Parse(string text, string? parseMode, bool strictAmpersand)
    {
        // tdlib trims surrounding whitespace before parsing.
        var trimmed = text.Trim();
        var mode = parseMode?.Trim();
        FormattedText parsed;
        if (string.IsNullOrEmpty(mode))
        {
            parsed = new FormattedText(trimmed, [], null);
        }
        else if (mode.Equals("HTML", StringComparison.OrdinalIgnoreCase))
        {
            parsed = ParseHtml(trimmed, strictAmpersand);
        }
        else if (mode.Equals("MarkdownV2", StringComparison.OrdinalIgnoreCase))
        {
            parsed = ParseMarkdownV2(trimmed);
        }
        else if (mode.Equals("Markdown", StringComparison.OrdinalIgnoreCase))
        {
            parsed = ParseMarkdown(trimmed);
        }
        else
        {
            return FormattedText.Fail("Bad Request: unsupported parse_mode");
        }

        if (parsed.Failed)
        {
            return parsed;
        }

        var plain = parsed.Text.TrimEnd();
        var formatting = parsed.Entities
            .Select(e => e.Offset + e.Length > plain.Length ? e with { Length = plain.Length - e.Offset } : e)
            .Where(e => e.Length > 0)
            .ToList();
        var opaque = formatting.Where(e => e.Type is "code" or "pre" or "text_link").ToList();
        var detected = DetectEntities(plain)
            .Where(d => !opaque.Any(o => d.Offset < o.Offset + o.Length && o.Offset < d.Offset + d.Length));
        var entities = formatting
            .Concat(detected)
            .OrderBy(e => e.Offset).ThenByDescending(e => e.Length)
            .ToList();
        return new FormattedText(plain, entities, null);
    }

    /// <summary>Number of characters the 4096 limit counts (Unicode code points).</summary>
    public static int CountCharacters(string text) => text.EnumerateRunes().Count();

    private static int ByteOffset(string s, int index) => Encoding.UTF8.GetByteCount(s.AsSpan(0, Math.Min(index, s.Length)));

    private static string EntityError(string message) => "Bad Request: can't parse entities: " + message;

    // ---------------------------------------------------------------- HTML

    private sealed record OpenTag(string Name, int Offset, int BeginPos, string? Argument);

    private static FormattedText ParseHtml(string s, bool strictAmpersand)
    {
        var sb = new StringBuilder(s.Length);
        var entities = new List<StandInEntity>();
        var open = new List<OpenTag>();
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (c == '&')
            {
                if (TryDecodeHtmlEntity(s, i, out var decoded, out var next))
                {
                    sb.Append(decoded);
                    i = next;
                    continue;
                }

                if (strictAmpersand)
                {
                    return FormattedText.Fail(EntityError(
                        $"Character '&' at byte offset {ByteOffset(s, i)} must be escaped as &amp; (stand-in strict mode)"));
                }

                sb.Append(c);
                i++;
                continue;
            }

            if (c != '<')
            {
                sb.Append(c);
                i++;
                continue;
            }

            var tagStart = i;
            i++;
            if (i < s.Length && s[i] == '/')
            {
                // End tag.
                if (open.Count == 0)
                {
                    return FormattedText.Fail(EntityError($"Unexpected end tag at byte offset {ByteOffset(s, tagStart)}"));
                }

                i++;
                var nameStart = i;
                while (i < s.Length && !char.IsWhiteSpace(s[i]) && s[i] != '>')
                {
                    i++;
                }

                var endName = s[nameStart..i].ToLowerInvariant();
                while (i < s.Length && char.IsWhiteSpace(s[i]))
                {
                    i++;
                }

                if (i >= s.Length || s[i] != '>')
                {
                    return FormattedText.Fail(EntityError($"Unclosed end tag at byte offset {ByteOffset(s, tagStart)}"));
                }

                i++;
                var top = open[^1];
                if (endName.Length > 0 && endName != top.Name)
                {
                    return FormattedText.Fail(EntityError(
                        $"Unmatched end tag at byte offset {ByteOffset(s, tagStart)}, expected \"</{top.Name}>\", found \"</{endName}>\""));
                }

                open.RemoveAt(open.Count - 1);
                var length = sb.Length - top.Offset;
                if (length > 0)
                {
                    var entity = HtmlEntityFor(top, length);
                    if (entity is not null)
                    {
                        entities.Add(entity);
                    }
                }

                continue;
            }

            // Start tag: the name runs up to whitespace or '>'.
            var tagNameStart = i;
            while (i < s.Length && !char.IsWhiteSpace(s[i]) && s[i] != '>')
            {
                i++;
            }

            if (i >= s.Length)
            {
                return FormattedText.Fail(EntityError($"Unclosed start tag at byte offset {ByteOffset(s, tagStart)}"));
            }

            var tagName = s[tagNameStart..i].ToLowerInvariant();
            if (!HtmlTags.Contains(tagName))
            {
                return FormattedText.Fail(EntityError($"Unsupported start tag \"{tagName}\" at byte offset {ByteOffset(s, tagStart)}"));
            }

            string? argument = null;
            while (i < s.Length && s[i] != '>')
            {
                while (i < s.Length && char.IsWhiteSpace(s[i]))
                {
                    i++;
                }

                if (i >= s.Length || s[i] == '>')
                {
                    break;
                }

                var attrStart = i;
                while (i < s.Length && !char.IsWhiteSpace(s[i]) && "=>/\"'".IndexOf(s[i]) < 0)
                {
                    i++;
                }

                var attrName = s[attrStart..i].ToLowerInvariant();
                if (attrName.Length == 0)
                {
                    return FormattedText.Fail(EntityError(
                        $"Empty attribute name in the tag \"{tagName}\" at byte offset {ByteOffset(s, tagStart)}"));
                }

                while (i < s.Length && char.IsWhiteSpace(s[i]))
                {
                    i++;
                }

                if (i >= s.Length)
                {
                    return FormattedText.Fail(EntityError($"Unclosed start tag at byte offset {ByteOffset(s, tagStart)}"));
                }

                if (s[i] != '=')
                {
                    if (tagName == "blockquote" && attrName == "expandable")
                    {
                        argument = "expandable";
                    }

                    continue;
                }

                i++;
                while (i < s.Length && char.IsWhiteSpace(s[i]))
                {
                    i++;
                }

                if (i >= s.Length)
                {
                    return FormattedText.Fail(EntityError($"Unclosed start tag at byte offset {ByteOffset(s, tagStart)}"));
                }

                string value;
                if (s[i] is '"' or '\'')
                {
                    var quote = s[i++];
                    var vb = new StringBuilder();
                    while (i < s.Length && s[i] != quote)
                    {
                        if (s[i] == '&' && TryDecodeHtmlEntity(s, i, out var dv, out var nx))
                        {
                            vb.Append(dv);
                            i = nx;
                            continue;
                        }

                        vb.Append(s[i++]);
                    }

                    if (i < s.Length)
                    {
                        i++;
                    }

                    value = vb.ToString();
                }
                else
                {
                    var vs = i;
                    while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] is '.' or '-'))
                    {
                        i++;
                    }

                    value = s[vs..i].ToLowerInvariant();
                    if (i < s.Length && !char.IsWhiteSpace(s[i]) && s[i] != '>')
                    {
                        return FormattedText.Fail(EntityError($"Unexpected end of name token at byte offset {ByteOffset(s, vs)}"));
                    }
                }

                if (i >= s.Length)
                {
                    return FormattedText.Fail(EntityError($"Unclosed start tag at byte offset {ByteOffset(s, tagStart)}"));
                }

                argument = (tagName, attrName) switch
                {
                    ("a", "href") => value,
                    ("code", "class") when value.StartsWith("language-", StringComparison.Ordinal) => value["language-".Length..],
                    ("span", "class") when value.StartsWith("tg-", StringComparison.Ordinal) => value["tg-".Length..],
                    ("tg-emoji", "emoji-id") => value,
                    ("blockquote", "expandable") => "expandable",
                    _ => argument,
                };
            }

            if (i >= s.Length)
            {
                return FormattedText.Fail(EntityError($"Unclosed start tag at byte offset {ByteOffset(s, tagStart)}"));
            }

            i++; // '>'
            if (tagName == "span" && argument != "spoiler")
            {
                return FormattedText.Fail(EntityError($"Tag \"span\" must have class \"tg-spoiler\" at byte offset {ByteOffset(s, tagStart)}"));
            }

            open.Add(new OpenTag(tagName, sb.Length, tagStart, argument));
        }

        if (open.Count > 0)
        {
            return FormattedText.Fail(EntityError($"Can't find end tag corresponding to start tag \"{open[^1].Name}\""));
        }

        return new FormattedText(sb.ToString(), entities, null);
    }

    private static StandInEntity? HtmlEntityFor(OpenTag tag, int length) => tag.Name switch
    {
        "b" or "strong" => new StandInEntity("bold", tag.Offset, length),
        "i" or "em" => new StandInEntity("italic", tag.Offset, length),
        "u" or "ins" => new StandInEntity("underline", tag.Offset, length),
        "s" or "strike" or "del" => new StandInEntity("strikethrough", tag.Offset, length),
        "tg-spoiler" or "span" => new StandInEntity("spoiler", tag.Offset, length),
        "code" => new StandInEntity("code", tag.Offset, length),
        "pre" => new StandInEntity("pre", tag.Offset, length),
        "blockquote" => new StandInEntity(tag.Argument == "expandable" ? "expandable_blockquote" : "blockquote", tag.Offset, length),
        "a" when !string.IsNullOrEmpty(tag.Argument) => new StandInEntity("text_link", tag.Offset, length, Url: tag.Argument),
        "tg-emoji" => new StandInEntity("custom_emoji", tag.Offset, length),
        _ => null,
    };

    /// <summary>&amp;lt; &amp;gt; &amp;amp; &amp;quot; and numeric references (the only ones the Bot API knows).</summary>
    private static bool TryDecodeHtmlEntity(string s, int at, out string decoded, out int next)
    {
        decoded = string.Empty;
        next = at;
        var end = at + 1;
        if (end < s.Length && s[end] == '#')
        {
            end++;
            var hex = end < s.Length && s[end] is 'x' or 'X';
            if (hex)
            {
                end++;
            }

            var digitsStart = end;
            while (end < s.Length && (hex ? char.IsAsciiHexDigit(s[end]) : char.IsAsciiDigit(s[end])))
            {
                end++;
            }

            if (end == digitsStart || end - at >= 10)
            {
                return false;
            }

            var number = s[digitsStart..end];
            if (!int.TryParse(number, hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None, CultureInfo.InvariantCulture, out var code)
                || code <= 0 || code >= 0x10FFFF || !Rune.IsValid(code))
            {
                return false;
            }

            decoded = char.ConvertFromUtf32(code);
        }
        else
        {
            while (end < s.Length && char.IsAsciiLetter(s[end]))
            {
                end++;
            }

            decoded = s[(at + 1)..end] switch
            {
                "lt" => "<",
                "gt" => ">",
                "amp" => "&",
                "quot" => "\"",
                _ => string.Empty,
            };
            if (decoded.Length == 0)
            {
                return false;
            }
        }

        next = end < s.Length && s[end] == ';' ? end + 1 : end;
        return true;
    }

    // ---------------------------------------------------------------- MarkdownV2

    private sealed record OpenMd(string Type, int Offset, int RawPos);

    private static FormattedText ParseMarkdownV2(string s)
    {
        const string Reserved = "_*[]()~`>#+-=|{}.!";
        var sb = new StringBuilder(s.Length);
        var entities = new List<StandInEntity>();
        var open = new List<OpenMd>();
        var lineStart = true;
        var inQuote = false;
        var quoteOffset = 0;
        var i = 0;

        static string Reject(char c) => EntityError($"Character '{c}' is reserved and must be escaped with the preceding '\\'");

        void CloseQuote()
        {
            if (inQuote)
            {
                var len = sb.Length - quoteOffset;
                if (sb.Length > quoteOffset && sb[^1] == '\n')
                {
                    len--;
                }

                if (len > 0)
                {
                    entities.Add(new StandInEntity("blockquote", quoteOffset, len));
                }

                inQuote = false;
            }
        }

        while (i < s.Length)
        {
            var c = s[i];
            var top = open.Count > 0 ? open[^1] : null;
            var inCode = top is not null && top.Type is "code" or "pre";

            if (c == '\\' && i + 1 < s.Length && s[i + 1] is > '\0' and <= '~')
            {
                sb.Append(s[i + 1]);
                lineStart = s[i + 1] == '\n';
                i += 2;
                continue;
            }

            if (inCode)
            {
                var closes = top!.Type == "code" ? c == '`' : c == '`' && At(s, i, "```");
                if (closes)
                {
                    open.RemoveAt(open.Count - 1);
                    AddMd(entities, top, sb.Length);
                    i += top.Type == "pre" ? 3 : 1;
                }
                else
                {
                    sb.Append(c);
                    i++;
                }

                continue;
            }

            if (c == '\n')
            {
                sb.Append(c);
                i++;
                lineStart = true;
                if (inQuote && (i >= s.Length || s[i] != '>'))
                {
                    CloseQuote();
                }

                continue;
            }

            if (c == '>' && lineStart)
            {
                if (!inQuote)
                {
                    inQuote = true;
                    quoteOffset = sb.Length;
                }

                i++;
                lineStart = false;
                continue;
            }

            if (Reserved.IndexOf(c) < 0)
            {
                sb.Append(c);
                if (c != '\r')
                {
                    lineStart = false;
                }

                i++;
                continue;
            }

            lineStart = false;

            // Closing?
            if (top is not null)
            {
                var len = top.Type switch
                {
                    "bold" when c == '*' => 1,
                    "italic" when c == '_' && !At(s, i, "__") => 1,
                    "underline" when At(s, i, "__") => 2,
                    "strikethrough" when c == '~' => 1,
                    "spoiler" when At(s, i, "||") => 2,
                    "text_link" when c == ']' => 1,
                    _ => 0,
                };
                if (len > 0)
                {
                    open.RemoveAt(open.Count - 1);
                    i += len;
                    if (top.Type == "text_link")
                    {
                        // ](url)
                        if (i < s.Length && s[i] == '(')
                        {
                            var url = new StringBuilder();
                            i++;
                            while (i < s.Length && s[i] != ')')
                            {
                                if (s[i] == '\\' && i + 1 < s.Length)
                                {
                                    i++;
                                }

                                url.Append(s[i++]);
                            }

                            if (i >= s.Length)
                            {
                                return FormattedText.Fail(EntityError($"Can't find end of a url at byte offset {ByteOffset(s, i)}"));
                            }

                            i++;
                            if (sb.Length > top.Offset)
                            {
                                entities.Add(new StandInEntity("text_link", top.Offset, sb.Length - top.Offset, Url: url.ToString()));
                            }
                        }
                    }
                    else
                    {
                        AddMd(entities, top, sb.Length);
                    }

                    continue;
                }
            }

            // Opening.
            switch (c)
            {
                case '*':
                    open.Add(new OpenMd("bold", sb.Length, i));
                    i++;
                    break;
                case '_' when At(s, i, "__"):
                    open.Add(new OpenMd("underline", sb.Length, i));
                    i += 2;
                    break;
                case '_':
                    open.Add(new OpenMd("italic", sb.Length, i));
                    i++;
                    break;
                case '~':
                    open.Add(new OpenMd("strikethrough", sb.Length, i));
                    i++;
                    break;
                case '|' when At(s, i, "||"):
                    open.Add(new OpenMd("spoiler", sb.Length, i));
                    i += 2;
                    break;
                case '[':
                    open.Add(new OpenMd("text_link", sb.Length, i));
                    i++;
                    break;
                case '`' when At(s, i, "```"):
                    {
                        var raw = i;
                        i += 3;
                        var langStart = i;
                        while (i < s.Length && !char.IsWhiteSpace(s[i]) && s[i] != '`')
                        {
                            i++;
                        }

                        if (i < s.Length && s[i] == '\n' && i > langStart)
                        {
                            i++;
                        }
                        else
                        {
                            i = langStart;
                            if (i < s.Length && s[i] == '\n')
                            {
                                i++;
                            }
                        }

                        open.Add(new OpenMd("pre", sb.Length, raw));
                        break;
                    }

                case '`':
                    open.Add(new OpenMd("code", sb.Length, i));
                    i++;
                    break;
                default:
                    return FormattedText.Fail(Reject(c));
            }
        }

        if (open.Count > 0)
        {
            var last = open[^1];
            var name = last.Type switch
            {
                "bold" => "Bold",
                "italic" => "Italic",
                "underline" => "Underline",
                "strikethrough" => "Strikethrough",
                "spoiler" => "Spoiler",
                "code" => "Code",
                "pre" => "Pre",
                _ => "TextUrl",
            };
            return FormattedText.Fail(EntityError($"Can't find end of {name} entity at byte offset {ByteOffset(s, last.RawPos)}"));
        }

        CloseQuote();
        return new FormattedText(sb.ToString(), entities, null);
    }

    private static void AddMd(List<StandInEntity> entities, OpenMd top, int end)
    {
        if (end > top.Offset)
        {
            entities.Add(new StandInEntity(top.Type, top.Offset, end - top.Offset));
        }
    }

    private static bool At(string s, int i, string token) =>
        i + token.Length <= s.Length && string.CompareOrdinal(s, i, token, 0, token.Length) == 0;

    // ---------------------------------------------------------------- legacy Markdown

    private static FormattedText ParseMarkdown(string s)
    {
        var sb = new StringBuilder(s.Length);
        var entities = new List<StandInEntity>();
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (c == '\\' && i + 1 < s.Length && "_*`[".IndexOf(s[i + 1]) >= 0)
            {
                sb.Append(s[i + 1]);
                i += 2;
                continue;
            }

            if ("_*`[".IndexOf(c) < 0)
            {
                sb.Append(c);
                i++;
                continue;
            }

            var raw = i;
            var isPre = c == '`' && At(s, i, "```");
            var endToken = isPre ? "```" : c == '[' ? "]" : c.ToString();
            i += isPre ? 3 : 1;
            string? language = null;
            if (isPre)
            {
                var m = PreLanguage().Match(s, i);
                if (m.Success && m.Index == i)
                {
                    language = m.Groups[1].Value;
                    i += language.Length;
                }

                if (i < s.Length && s[i] is '\n' or '\r')
                {
                    i++;
                }
            }

            var close = s.IndexOf(endToken, i, StringComparison.Ordinal);
            if (close < 0)
            {
                return FormattedText.Fail(EntityError($"Can't find end of the entity starting at byte offset {ByteOffset(s, raw)}"));
            }

            var offset = sb.Length;
            sb.Append(s, i, close - i);
            i = close + endToken.Length;
            var length = sb.Length - offset;
            if (c == '[')
            {
                string? url = null;
                if (i < s.Length && s[i] == '(')
                {
                    var closeParen = s.IndexOf(')', i);
                    if (closeParen > 0)
                    {
                        url = s[(i + 1)..closeParen];
                        i = closeParen + 1;
                    }
                }

                if (length > 0 && !string.IsNullOrWhiteSpace(url))
                {
                    entities.Add(new StandInEntity("text_link", offset, length, Url: url));
                }

                continue;
            }

            if (length > 0)
            {
                entities.Add(c switch
                {
                    '*' => new StandInEntity("bold", offset, length),
                    '_' => new StandInEntity("italic", offset, length),
                    _ when isPre => new StandInEntity("pre", offset, length, Language: language),
                    _ => new StandInEntity("code", offset, length),
                });
            }
        }

        return new FormattedText(sb.ToString(), entities, null);
    }

    [GeneratedRegex(@"([a-z0-9-]+)\s+")]
    private static partial Regex PreLanguage();

    // ---------------------------------------------------------------- entities found in any text

    [GeneratedRegex(@"(?<![\p{L}\p{N}_/])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![\p{L}\p{N}_])")]
    private static partial Regex BotCommand();

    [GeneratedRegex(@"(?<![\p{L}\p{N}_@/])@[A-Za-z0-9_]{4,32}(?![\p{L}\p{N}_])")]
    private static partial Regex Mention();

    [GeneratedRegex(@"(?<![\p{L}\p{N}_#])#[\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*")]
    private static partial Regex Hashtag();

    [GeneratedRegex(@"https?://[^\s<>""]+", RegexOptions.IgnoreCase)]
    private static partial Regex Url();

    /// <summary>The entities Telegram finds by itself: bot commands, @mentions, #hashtags and URLs.</summary>
    public static IReadOnlyList<StandInEntity> DetectEntities(string text)
    {
        var found = new List<StandInEntity>();
        foreach (Match m in BotCommand().Matches(text))
        {
            found.Add(new StandInEntity("bot_command", m.Index, m.Length));
        }

        foreach (Match m in Mention().Matches(text))
        {
            found.Add(new StandInEntity("mention", m.Index, m.Length));
        }

        foreach (Match m in Hashtag().Matches(text))
        {
            found.Add(new StandInEntity("hashtag", m.Index, m.Length));
        }

        foreach (Match m in Url().Matches(text))
        {
            var value = m.Value.TrimEnd('.', ',', ':', ';', '!', '?', ')', '\'');
            found.Add(new StandInEntity("url", m.Index, value.Length));
        }

        return found.OrderBy(e => e.Offset).ToList();
    }
}
