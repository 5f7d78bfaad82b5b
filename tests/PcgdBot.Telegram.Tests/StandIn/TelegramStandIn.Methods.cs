using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PcgdBot.Telegram.Tests.StandIn;

public sealed partial class TelegramStandIn
{
    private static readonly HashSet<string> ChatActionNames = new(StringComparer.Ordinal)
    {
        "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
        "upload_document", "choose_sticker", "find_location", "record_video_note", "upload_video_note",
    };

    private static readonly string[] InlineButtonActions =
    [
        "url", "callback_data", "web_app", "login_url", "switch_inline_query", "switch_inline_query_current_chat",
        "switch_inline_query_chosen_chat", "copy_text", "callback_game", "pay",
    ];

    [GeneratedRegex("^[A-Za-z0-9_-]{1,256}$")]
    private static partial Regex SecretTokenPattern();

    // ====================================================================== getUpdates

    private async Task<ApiResult> GetUpdatesAsync(BotApiParameters p, CancellationToken aborted)
    {
        var offset = p.GetLong("offset") ?? 0;
        var limit = Math.Clamp(p.GetInt("limit") ?? 100, 1, 100);
        var timeout = Math.Clamp(p.GetInt("timeout") ?? 0, 0, MaxLongPollSeconds);
        var me = new PollWaiter();
        lock (_gate)
        {
            if (_webhook is not null)
            {
                return ApiResult.Error(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
            }

            _activePoll?.Terminate("Conflict: terminated by other getUpdates request; make sure that only one bot instance is running");
            _activePoll = me;
            if (offset > 0)
            {
                _queue.RemoveAll(u => u.UpdateId < offset);
            }
            else if (offset < 0 && _queue.Count > -offset)
            {
                _queue.RemoveRange(0, _queue.Count - (int)Math.Min(-offset, int.MaxValue));
            }
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            while (true)
            {
                Task signal;
                lock (_gate)
                {
                    var batch = _queue.Take(limit).ToList();
                    var remainingMs = (timeout * 1000L) - ElapsedMs(started);
                    if (batch.Count > 0 || remainingMs <= 0 || _stopping.IsCancellationRequested)
                    {
                        var result = new JsonArray();
                        foreach (var u in batch)
                        {
                            result.Add(JsonNode.Parse(u.Json));
                        }

                        return ApiResult.Success(result);
                    }

                    signal = _updatesSignal.Task;
                }

                using var wake = CancellationTokenSource.CreateLinkedTokenSource(aborted, _stopping.Token);
                var delay = Task.Delay(TimeSpan.FromMilliseconds(Math.Max(1, (timeout * 1000L) - ElapsedMs(started))), wake.Token);
                await Task.WhenAny(signal, me.Terminated, delay);
                await wake.CancelAsync();
                aborted.ThrowIfCancellationRequested();
                if (me.Terminated.IsCompleted)
                {
                    var conflict = await me.Terminated;
                    return conflict is null ? ApiResult.Success(new JsonArray()) : ApiResult.Error(409, conflict);
                }
            }
        }
        finally
        {
            lock (_gate)
            {
                if (ReferenceEquals(_activePoll, me))
                {
                    _activePoll = null;
                }
            }
        }
    }

    // ====================================================================== webhooks

    private ApiResult SetWebhook(BotApiParameters p)
    {
        var url = p.GetString("url")?.Trim() ?? string.Empty;
        if (url.Length == 0)
        {
            return DeleteWebhook(p);
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return ApiResult.Error(400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook");
        }

        var secret = p.GetString("secret_token");
        if (secret is not null && !SecretTokenPattern().IsMatch(secret))
        {
            return ApiResult.Error(400, "Bad Request: secret token contains unallowed characters");
        }

        var maxConnections = p.GetInt("max_connections") ?? 40;
        if (maxConnections is < 1 or > 100)
        {
            return ApiResult.Error(400, "Bad Request: bad webhook: max_connections must be between 1 and 100");
        }

        List<string>? allowed = null;
        if (p.GetJson("allowed_updates") is JsonArray array)
        {
            allowed = array.Select(n => n?.ToString() ?? string.Empty).ToList();
        }

        var state = new WebhookState(url, secret, allowed, maxConnections, p.GetString("ip_address"));
        string description;
        lock (_gate)
        {
            description = _webhook is { } current && current.Url == url && current.SecretToken == secret
                ? "Webhook is already set"
                : "Webhook was set";
            _webhook = state;
            if (p.GetBool("drop_pending_updates"))
            {
                _queue.Clear();
            }

            _activePoll?.Terminate("Conflict: terminated by setWebhook request");
            NotifyChangedLocked();
        }

        StartAutoDelivery();
        return ApiResult.True(description);
    }

    private ApiResult DeleteWebhook(BotApiParameters p)
    {
        lock (_gate)
        {
            var had = _webhook is not null;
            _webhook = null;
            if (p.GetBool("drop_pending_updates"))
            {
                _queue.Clear();
            }

            NotifyChangedLocked();
            return ApiResult.True(had ? "Webhook was deleted" : "Webhook is already deleted");
        }
    }

    private ApiResult GetWebhookInfo()
    {
        lock (_gate)
        {
            var info = new JsonObject
            {
                ["url"] = _webhook?.Url ?? string.Empty,
                ["has_custom_certificate"] = false,
                ["pending_update_count"] = _queue.Count,
            };
            if (_webhook is { } hook)
            {
                info["max_connections"] = hook.MaxConnections;
                info["ip_address"] = hook.IpAddress ?? "127.0.0.1";
                if (hook.AllowedUpdates is { } allowed)
                {
                    info["allowed_updates"] = new JsonArray(allowed.Select(a => (JsonNode?)JsonValue.Create(a)).ToArray());
                }

                if (_webhookLastErrorDate is { } errorDate)
                {
                    info["last_error_date"] = errorDate.ToUnixTimeSeconds();
                    info["last_error_message"] = _webhookLastErrorMessage;
                }
            }

            return ApiResult.Success(info);
        }
    }

    // ====================================================================== sending

    private bool TryChatId(BotApiParameters p, out long chatId, out ApiResult error)
    {
        chatId = 0;
        error = default;
        var raw = p.GetString("chat_id");
        if (string.IsNullOrWhiteSpace(raw))
        {
            error = ApiResult.Error(400, "Bad Request: chat_id is empty");
            return false;
        }

        if (long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out chatId))
        {
            return true;
        }

        if (raw.StartsWith('@'))
        {
            lock (_gate)
            {
                foreach (var (id, chat) in _chats)
                {
                    if (string.Equals(chat["username"]?.ToString(), raw[1..], StringComparison.OrdinalIgnoreCase))
                    {
                        chatId = id;
                        return true;
                    }
                }
            }
        }

        error = ApiResult.Error(400, "Bad Request: chat not found");
        return false;
    }

    private bool IsBlocked(long chatId, out ApiResult error)
    {
        lock (_gate)
        {
            if (_blockedChats.TryGetValue(chatId, out var description))
            {
                error = ApiResult.Error(403, description);
                return true;
            }
        }

        error = default;
        return false;
    }

    /// <summary>Parses text + parse_mode (or explicit entities) like Telegram and applies its length rules.</summary>
    private FormattedText? ParseOutgoingText(BotApiParameters p, out ApiResult error)
    {
        error = default;
        var text = p.GetString("text") ?? string.Empty;
        var parseMode = p.GetString("parse_mode");
        var parsed = TelegramFormatting.Parse(text, parseMode, StrictHtmlAmpersand);
        if (parsed.Failed)
        {
            error = ApiResult.Error(400, parsed.Error!);
            return null;
        }

        if (string.IsNullOrEmpty(parseMode) && p.GetJson("entities") is JsonArray explicitEntities)
        {
            var list = new List<StandInEntity>();
            foreach (var e in explicitEntities.OfType<JsonObject>())
            {
                list.Add(new StandInEntity(
                    e["type"]?.ToString() ?? "unknown",
                    (int?)e["offset"] ?? 0,
                    (int?)e["length"] ?? 0,
                    e["url"]?.ToString(),
                    e["language"]?.ToString()));
            }

            parsed = parsed with { Entities = list };
        }

        if (parsed.Text.Length == 0)
        {
            error = ApiResult.Error(400, "Bad Request: message text is empty");
            return null;
        }

        if (TelegramFormatting.CountCharacters(parsed.Text) > MaxMessageLength)
        {
            error = ApiResult.Error(400, "Bad Request: message is too long");
            return null;
        }

        return parsed;
    }

    /// <summary>Checks reply_markup like Telegram; returns the inline keyboard to echo (null for other keyboards).</summary>
    private static JsonObject? CheckReplyMarkup(BotApiParameters p, out ApiResult error)
    {
        error = default;
        if (!p.Has("reply_markup"))
        {
            return null;
        }

        var markup = p.GetJson("reply_markup");
        if (markup is not JsonObject obj)
        {
            error = ApiResult.Error(400, "Bad Request: can't parse reply keyboard markup JSON object");
            return null;
        }

        if (!obj.ContainsKey("inline_keyboard"))
        {
            return null;
        }

        if (obj["inline_keyboard"] is not JsonArray rows || rows.Any(r => r is not JsonArray))
        {
            error = ApiResult.Error(400, "Bad Request: field \"inline_keyboard\" of the InlineKeyboardMarkup must be an Array of Arrays");
            return null;
        }

        foreach (var button in rows.SelectMany(r => r!.AsArray()))
        {
            if (button is not JsonObject b || b["text"] is not JsonValue)
            {
                error = ApiResult.Error(400, "Bad Request: can't parse inline keyboard button: Field \"text\" must be of type String");
                return null;
            }

            if (!InlineButtonActions.Any(b.ContainsKey))
            {
                error = ApiResult.Error(400, "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
                return null;
            }

            if (b.ContainsKey("callback_data"))
            {
                var data = b["callback_data"]?.ToString() ?? string.Empty;
                var bytes = Encoding.UTF8.GetByteCount(data);
                if (bytes is < 1 or > 64)
                {
                    error = ApiResult.Error(400, "Bad Request: BUTTON_DATA_INVALID");
                    return null;
                }
            }

            if (b["url"] is { } urlNode && !Uri.TryCreate(urlNode.ToString(), UriKind.Absolute, out _))
            {
                error = ApiResult.Error(400, $"Bad Request: inline keyboard button URL '{urlNode}' is invalid: Wrong HTTP URL");
                return null;
            }
        }

        return (JsonObject)obj.DeepClone();
    }

    private ApiResult SendMessage(BotApiParameters p)
    {
        if (!TryChatId(p, out var chatId, out var error) || IsBlocked(chatId, out error))
        {
            return error;
        }

        var parsed = ParseOutgoingText(p, out error);
        if (parsed is null)
        {
            return error;
        }

        var inlineKeyboard = CheckReplyMarkup(p, out error);
        if (error.StatusCode != 0)
        {
            return error;
        }

        var replyTo = p.GetJson("reply_parameters") is JsonObject rp ? (int?)rp["message_id"] : p.GetInt("reply_to_message_id");
        var allowWithoutReply = p.GetBool("allow_sending_without_reply")
            || (p.GetJson("reply_parameters") is JsonObject rp2 && rp2["allow_sending_without_reply"]?.ToString() == "true");
        var threadId = p.GetInt("message_thread_id");

        lock (_gate)
        {
            JsonObject? repliedTo = null;
            if (replyTo is { } replyId)
            {
                if (_messages.TryGetValue((chatId, replyId), out var original))
                {
                    repliedTo = (JsonObject)original.Json.DeepClone();
                    repliedTo.Remove("reply_to_message");
                }
                else if (!allowWithoutReply)
                {
                    return ApiResult.Error(400, "Bad Request: message to be replied not found");
                }
            }

            var messageId = NextMessageIdLocked(chatId);
            var message = new JsonObject
            {
                ["message_id"] = messageId,
                ["from"] = BotUserJson(full: false),
                ["chat"] = ChatJsonLocked(chatId),
                ["date"] = UnixNow,
            };
            if (threadId is { } thread)
            {
                message["message_thread_id"] = thread;
            }

            if (repliedTo is not null)
            {
                message["reply_to_message"] = repliedTo;
            }

            message["text"] = parsed.Text;
            if (parsed.Entities.Count > 0)
            {
                message["entities"] = new JsonArray(parsed.Entities.Select(e => (JsonNode?)e.ToJson()).ToArray());
            }

            if (inlineKeyboard is not null)
            {
                message["reply_markup"] = inlineKeyboard;
            }

            _messages[(chatId, messageId)] = new StoredMessage(message, fromBot: true);
            AddSentLocked("sendMessage", chatId, messageId, p, parsed, replyTo, threadId, message);
            return ApiResult.Success(message.DeepClone());
        }
    }

    private void AddSentLocked(string method, long chatId, int messageId, BotApiParameters p, FormattedText? parsed, int? replyTo, int? threadId, JsonObject result)
    {
        var markup = p.GetJson("reply_markup");
        _sent.Add(new SentMessage(
            method,
            chatId,
            messageId,
            p.GetString("text"),
            parsed?.Text ?? result["text"]?.ToString(),
            p.GetString("parse_mode"),
            markup?.ToJsonString(JsonOut),
            replyTo,
            threadId,
            p.GetBool("disable_notification"),
            parsed?.Entities ?? [],
            p.ToJson(),
            result.ToJsonString(JsonOut),
            Now));
        NotifyChangedLocked();
    }

    private ApiResult EditMessage(BotApiParameters p, string method)
    {
        var editsText = method == "editMessageText";
        FormattedText? parsed = null;
        ApiResult error;
        if (editsText)
        {
            parsed = ParseOutgoingText(p, out error);
            if (parsed is null)
            {
                return error;
            }
        }

        var inlineKeyboard = CheckReplyMarkup(p, out error);
        if (error.StatusCode != 0)
        {
            return error;
        }

        if (p.GetString("inline_message_id") is { Length: > 0 } inlineId)
        {
            lock (_gate)
            {
                var result = new JsonObject { ["inline_message_id"] = inlineId, ["text"] = parsed?.Text };
                AddSentLocked(method, 0, 0, p, parsed, null, null, result);
            }

            return ApiResult.True();
        }

        if (!TryChatId(p, out var chatId, out error) || IsBlocked(chatId, out error))
        {
            return error;
        }

        var messageId = p.GetInt("message_id");
        if (messageId is null)
        {
            return ApiResult.Error(400, "Bad Request: message identifier is not specified");
        }

        lock (_gate)
        {
            if (!_messages.TryGetValue((chatId, messageId.Value), out var stored))
            {
                return ApiResult.Error(400, "Bad Request: message to edit not found");
            }

            if (!stored.FromBot)
            {
                return ApiResult.Error(400, "Bad Request: message can't be edited");
            }

            var updated = (JsonObject)stored.Json.DeepClone();
            if (parsed is not null)
            {
                updated["text"] = parsed.Text;
                updated.Remove("entities");
                if (parsed.Entities.Count > 0)
                {
                    updated["entities"] = new JsonArray(parsed.Entities.Select(e => (JsonNode?)e.ToJson()).ToArray());
                }
            }

            updated.Remove("reply_markup");
            if (inlineKeyboard is not null)
            {
                updated["reply_markup"] = inlineKeyboard;
            }

            if (JsonNode.DeepEquals(Comparable(updated), Comparable(stored.Json)))
            {
                return ApiResult.Error(400, "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message");
            }

            updated["edit_date"] = UnixNow;
            stored.Json = updated;
            AddSentLocked(method, chatId, messageId.Value, p, parsed, null, null, updated);
            return ApiResult.Success(updated.DeepClone());
        }

        static JsonObject Comparable(JsonObject m) => new()
        {
            ["text"] = m["text"]?.DeepClone(),
            ["entities"] = m["entities"]?.DeepClone(),
            ["reply_markup"] = m["reply_markup"]?.DeepClone(),
        };
    }

    private ApiResult DeleteMessage(BotApiParameters p)
    {
        if (!TryChatId(p, out var chatId, out var error))
        {
            return error;
        }

        var messageId = p.GetInt("message_id") ?? 0;
        lock (_gate)
        {
            return _messages.Remove((chatId, messageId))
                ? ApiResult.True()
                : ApiResult.Error(400, "Bad Request: message to delete not found");
        }
    }

    /// <summary>Telegram's bots may upload documents up to 50 MB.</summary>
    public const int MaxDocumentBytes = 50 * 1024 * 1024;

    /// <summary>sendDocument with the file uploaded as multipart/form-data (a file_id or URL string is not kept here).</summary>
    private ApiResult SendDocument(BotApiParameters p)
    {
        if (!TryChatId(p, out var chatId, out var error) || IsBlocked(chatId, out error))
        {
            return error;
        }

        // The file is the "document" part itself, or a part the parameter names as "attach://<part>".
        var part = p.GetString("document") is { } named && named.StartsWith("attach://", StringComparison.Ordinal) ? named["attach://".Length..] : "document";
        if (!p.Files.TryGetValue(part, out var file) || file.Content.Length == 0)
        {
            return ApiResult.Error(400, "Bad Request: there is no document in the request (parts: " + string.Join(", ", p.FileParts) + "; document=" + p.GetString("document") + ")");
        }

        if (file.Content.Length > MaxDocumentBytes)
        {
            return ApiResult.Error(413, "Request Entity Too Large");
        }

        lock (_gate)
        {
            var messageId = NextMessageIdLocked(chatId);
            var message = new JsonObject
            {
                ["message_id"] = messageId,
                ["from"] = BotUserJson(full: false),
                ["chat"] = ChatJsonLocked(chatId),
                ["date"] = UnixNow,
                ["document"] = new JsonObject
                {
                    ["file_id"] = "doc-" + messageId,
                    ["file_unique_id"] = "udoc-" + messageId,
                    ["file_name"] = file.FileName,
                    ["mime_type"] = file.ContentType ?? "application/octet-stream",
                    ["file_size"] = file.Content.Length,
                },
            };
            if (p.GetString("caption") is { } caption)
            {
                message["caption"] = caption;
            }

            _messages[(chatId, messageId)] = new StoredMessage(message, fromBot: true);
            _documents.Add(new SentDocument(chatId, messageId, file.FileName, file.ContentType, file.Content, p.GetString("caption"), Now));
            NotifyChangedLocked();
            return ApiResult.Success(message.DeepClone());
        }
    }

    private ApiResult SendChatAction(BotApiParameters p)
    {
        if (!TryChatId(p, out var chatId, out var error) || IsBlocked(chatId, out error))
        {
            return error;
        }

        var action = p.GetString("action");
        if (action is null || !ChatActionNames.Contains(action))
        {
            return ApiResult.Error(400, "Bad Request: wrong parameter action in request");
        }

        lock (_gate)
        {
            _chatActions.Add(new ChatActionSent(chatId, action, p.GetInt("message_thread_id"), Now));
            NotifyChangedLocked();
        }

        return ApiResult.True();
    }

    private ApiResult AnswerCallbackQuery(BotApiParameters p)
    {
        var id = p.GetString("callback_query_id");
        if (string.IsNullOrEmpty(id))
        {
            return ApiResult.Error(400, "Bad Request: parameter \"callback_query_id\" is required");
        }

        var text = p.GetString("text");
        if (text is not null && text.Length > 200)
        {
            return ApiResult.Error(400, "Bad Request: MESSAGE_TOO_LONG");
        }

        lock (_gate)
        {
            if (!_openCallbackQueries.Remove(id))
            {
                return ApiResult.Error(400, "Bad Request: query is too old and response timeout expired or query ID is invalid");
            }

            _callbackAnswers.Add(new CallbackAnswer(id, text, p.GetBool("show_alert"), p.GetString("url"), p.GetInt("cache_time"), Now));
            NotifyChangedLocked();
        }

        return ApiResult.True();
    }

    private ApiResult SetMyCommands(BotApiParameters p)
    {
        if (p.GetJson("commands") is not JsonArray commands)
        {
            return ApiResult.Error(400, "Bad Request: parameter \"commands\" is required");
        }

        lock (_gate)
        {
            _commands = commands;
        }

        return ApiResult.True();
    }

    private ApiResult GetMyCommands()
    {
        lock (_gate)
        {
            return ApiResult.Success(_commands.DeepClone());
        }
    }

    private ApiResult DeleteMyCommands()
    {
        lock (_gate)
        {
            _commands = [];
        }

        return ApiResult.True();
    }

    // ====================================================================== shared JSON

    private JsonObject BotUserJson(bool full)
    {
        var bot = new JsonObject
        {
            ["id"] = BotId,
            ["is_bot"] = true,
            ["first_name"] = BotFirstName,
            ["username"] = BotUsername,
        };
        if (full)
        {
            bot["can_join_groups"] = true;
            bot["can_read_all_group_messages"] = false;
            bot["supports_inline_queries"] = false;
            bot["can_connect_to_business"] = false;
            bot["has_main_web_app"] = false;
        }

        return bot;
    }

    private JsonObject ChatJsonLocked(long chatId)
    {
        if (_chats.TryGetValue(chatId, out var known))
        {
            return (JsonObject)known.DeepClone();
        }

        return chatId > 0
            ? new JsonObject { ["id"] = chatId, ["type"] = "private" }
            : new JsonObject
            {
                ["id"] = chatId,
                ["title"] = "Nhóm " + chatId.ToString(CultureInfo.InvariantCulture),
                ["type"] = chatId.ToString(CultureInfo.InvariantCulture).StartsWith("-100", StringComparison.Ordinal) ? "supergroup" : "group",
            };
    }

    private int NextMessageIdLocked(long chatId)
    {
        var next = _lastMessageId.GetValueOrDefault(chatId, 100) + 1;
        _lastMessageId[chatId] = next;
        return next;
    }
}
