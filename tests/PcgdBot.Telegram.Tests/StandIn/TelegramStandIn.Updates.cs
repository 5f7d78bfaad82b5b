using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Telegram.Bot.Types;

namespace PcgdBot.Telegram.Tests.StandIn;

public sealed partial class TelegramStandIn
{
    /// <summary>
    /// Queues a text message from a user, as Telegram builds it: message_id (shared numbering with the bot's
    /// messages in that chat), from, chat, date, text and the entities Telegram detects (bot_command for
    /// "/cmd" and "/cmd@PcgdBot", mention for "@PcgdBot", hashtag, url). chatType "channel" makes a
    /// channel_post (sender_chat, no from).
    /// </summary>
    public QueuedUpdate EnqueueText(long chatId, long userId, string text, string firstName = "Lan", string chatType = "private", string? chatTitle = null)
    {
        lock (_gate)
        {
            var user = RememberUserLocked(userId, firstName);
            var chat = RememberChatLocked(chatId, chatType, chatTitle, user);
            var message = new JsonObject { ["message_id"] = NextMessageIdLocked(chatId) };
            if (chatType == "channel")
            {
                message["sender_chat"] = chat.DeepClone();
            }
            else
            {
                message["from"] = user.DeepClone();
            }

            message["chat"] = chat.DeepClone();
            message["date"] = UnixNow;
            message["text"] = text;
            AddDetectedEntities(message, text);
            _messages[(chatId, (int)message["message_id"]!)] = new StoredMessage(message, fromBot: false);
            return EnqueueLocked(chatType == "channel" ? "channel_post" : "message", message);
        }
    }

    /// <summary>
    /// Queues a press on an inline button: callback_query with id, from, chat_instance, data and message =
    /// the bot's message that carried the keyboard (its reply_markup included). Without
    /// <paramref name="ofMessage"/>, the bot's latest message in the chat that has an inline keyboard.
    /// </summary>
    public QueuedUpdate EnqueueCallback(long chatId, long userId, string data, Message? ofMessage = null) =>
        EnqueueCallbackCore(chatId, userId, data, ofMessage?.Id);

    /// <summary>A press on a button of the bot's message <paramref name="messageId"/> in that chat.</summary>
    public QueuedUpdate EnqueueCallback(long chatId, long userId, string data, int messageId) =>
        EnqueueCallbackCore(chatId, userId, data, messageId);

    /// <summary>A press on a button of a message the stand-in recorded as sent.</summary>
    public QueuedUpdate EnqueueCallback(SentMessage ofMessage, long userId, string data) =>
        EnqueueCallbackCore(ofMessage.ChatId, userId, data, ofMessage.MessageId);

    private QueuedUpdate EnqueueCallbackCore(long chatId, long userId, string data, int? messageId)
    {
        lock (_gate)
        {
            StoredMessage? stored = null;
            if (messageId is { } id)
            {
                if (!_messages.TryGetValue((chatId, id), out stored))
                {
                    throw new InvalidOperationException($"The stand-in knows no message {id} in chat {chatId}.");
                }
            }
            else
            {
                stored = _messages
                    .Where(kv => kv.Key.Chat == chatId && kv.Value.FromBot)
                    .OrderByDescending(kv => kv.Key.Id)
                    .Select(kv => kv.Value)
                    .FirstOrDefault(m => m.Json.ContainsKey("reply_markup"))
                    ?? throw new InvalidOperationException($"The bot sent no message with an inline keyboard to chat {chatId}.");
            }

            var user = _users.TryGetValue(userId, out var known) ? known : RememberUserLocked(userId, "Lan");
            var queryId = ((ulong)Math.Abs(userId) * 4096UL + (ulong)(++_callbackCounter)).ToString(CultureInfo.InvariantCulture);
            _openCallbackQueries.Add(queryId);
            var query = new JsonObject
            {
                ["id"] = queryId,
                ["from"] = user.DeepClone(),
                ["message"] = stored.Json.DeepClone(),
                ["chat_instance"] = ChatInstance(chatId),
                ["data"] = data,
            };
            return EnqueueLocked("callback_query", query);
        }
    }

    /// <summary>Queues an edited_message: the user changed the text of their message <paramref name="messageId"/>.</summary>
    public QueuedUpdate EnqueueEdited(long chatId, long userId, int messageId, string newText, string firstName = "Lan", string chatType = "private", string? chatTitle = null)
    {
        lock (_gate)
        {
            JsonObject message;
            if (_messages.TryGetValue((chatId, messageId), out var stored) && !stored.FromBot)
            {
                message = (JsonObject)stored.Json.DeepClone();
                message.Remove("entities");
            }
            else
            {
                var user = RememberUserLocked(userId, firstName);
                message = new JsonObject
                {
                    ["message_id"] = messageId,
                    ["from"] = user.DeepClone(),
                    ["chat"] = RememberChatLocked(chatId, chatType, chatTitle, user).DeepClone(),
                    ["date"] = UnixNow - 60,
                };
            }

            message.Remove("text");
            message["edit_date"] = UnixNow;
            message["text"] = newText;
            AddDetectedEntities(message, newText);
            _messages[(chatId, messageId)] = new StoredMessage(message, fromBot: false);
            return EnqueueLocked("edited_message", message);
        }
    }

    /// <summary>
    /// Queues a my_chat_member update: the bot's status in the chat changed ("kicked" in a private chat = the
    /// user blocked the bot; "member" = unblocked or added to a group; "left" = removed).
    /// </summary>
    public QueuedUpdate EnqueueMyChatMember(long chatId, long userId, string newStatus, string oldStatus = "member", string firstName = "Lan", string chatType = "private", string? chatTitle = null)
    {
        string[] simple = ["member", "left", "kicked"];
        if (!simple.Contains(newStatus) || !simple.Contains(oldStatus))
        {
            throw new ArgumentException("Statuses member, left and kicked are built here; use EnqueueRaw for administrator or restricted.");
        }

        lock (_gate)
        {
            var user = RememberUserLocked(userId, firstName);
            var chat = RememberChatLocked(chatId, chatType, chatTitle, user);
            var update = new JsonObject
            {
                ["chat"] = chat.DeepClone(),
                ["from"] = user.DeepClone(),
                ["date"] = UnixNow,
                ["old_chat_member"] = ChatMember(oldStatus),
                ["new_chat_member"] = ChatMember(newStatus),
            };
            return EnqueueLocked("my_chat_member", update);
        }

        JsonObject ChatMember(string status)
        {
            var member = new JsonObject { ["user"] = BotUserJson(full: false), ["status"] = status };
            if (status == "kicked")
            {
                member["until_date"] = 0;
            }

            return member;
        }
    }

    /// <summary>
    /// Queues any update JSON (e.g. a recorded one from Data/updates). Its update_id is replaced by
    /// <see cref="NextUpdateId"/> unless <paramref name="keepUpdateId"/>. Chats, users, messages and
    /// callback query ids in it become known to the stand-in (for replies, edits, answerCallbackQuery).
    /// </summary>
    public QueuedUpdate EnqueueRaw(string json, bool keepUpdateId = false)
    {
        if (JsonNode.Parse(json) is not JsonObject update)
        {
            throw new ArgumentException("An update must be a JSON object.", nameof(json));
        }

        lock (_gate)
        {
            long id;
            if (keepUpdateId && update["update_id"] is JsonValue given && given.TryGetValue<long>(out var givenId))
            {
                id = givenId;
                _nextUpdateId = Math.Max(_nextUpdateId, givenId + 1);
            }
            else
            {
                id = _nextUpdateId++;
            }

            update["update_id"] = id;
            foreach (var (kind, payload) in update)
            {
                if (payload is not JsonObject obj)
                {
                    continue;
                }

                switch (kind)
                {
                    case "message" or "edited_message" or "channel_post" or "edited_channel_post":
                        RememberMessageLocked(obj);
                        break;
                    case "callback_query":
                        if (obj["id"]?.ToString() is { } queryId)
                        {
                            _openCallbackQueries.Add(queryId);
                        }

                        if (obj["message"] is JsonObject carried)
                        {
                            RememberMessageLocked(carried);
                        }

                        break;
                    case "my_chat_member" or "chat_member":
                        if (obj["chat"] is JsonObject chat && chat["id"] is JsonValue chatIdValue && chatIdValue.TryGetValue<long>(out var chatId))
                        {
                            _chats.TryAdd(chatId, (JsonObject)chat.DeepClone());
                        }

                        break;
                }
            }

            return AddToQueueLocked(new QueuedUpdate(id, update.ToJsonString(JsonOut)));
        }
    }

    /// <summary>Reads a recorded update from the test output's Data/updates folder and queues it.</summary>
    public QueuedUpdate EnqueueRecorded(string fileName) =>
        EnqueueRaw(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "updates", fileName)));

    /// <summary>Forgets every queued update.</summary>
    public void ClearPendingUpdates()
    {
        lock (_gate)
        {
            _queue.Clear();
        }
    }

    // ====================================================================== helpers

    private QueuedUpdate EnqueueLocked(string kind, JsonObject payload)
    {
        var id = _nextUpdateId++;
        var update = new JsonObject { ["update_id"] = id, [kind] = payload.DeepClone() };
        return AddToQueueLocked(new QueuedUpdate(id, update.ToJsonString(JsonOut)));
    }

    private QueuedUpdate AddToQueueLocked(QueuedUpdate queued)
    {
        _queue.Add(queued);
        var old = _updatesSignal;
        _updatesSignal = NewSignal();
        old.TrySetResult();
        NotifyChangedLocked();
        if (AutoDeliverToWebhook && _webhook is not null)
        {
            StartAutoDelivery();
        }

        return queued;
    }

    private void RememberMessageLocked(JsonObject message)
    {
        if (message["chat"] is not JsonObject chat || chat["id"] is not JsonValue chatIdValue || !chatIdValue.TryGetValue<long>(out var chatId))
        {
            return;
        }

        _chats.TryAdd(chatId, (JsonObject)chat.DeepClone());
        if (message["from"] is JsonObject from && from["id"] is JsonValue userIdValue && userIdValue.TryGetValue<long>(out var userId))
        {
            _users.TryAdd(userId, (JsonObject)from.DeepClone());
        }

        if (message["message_id"] is JsonValue idValue && idValue.TryGetValue<int>(out var messageId))
        {
            var fromBot = message["from"] is JsonObject f && f["id"] is JsonValue fid && fid.TryGetValue<long>(out var fromId) && fromId == BotId;
            _messages[(chatId, messageId)] = new StoredMessage((JsonObject)message.DeepClone(), fromBot);
            _lastMessageId[chatId] = Math.Max(_lastMessageId.GetValueOrDefault(chatId, 100), messageId);
        }
    }

    private JsonObject RememberUserLocked(long userId, string firstName)
    {
        if (_users.TryGetValue(userId, out var known) && known["first_name"]?.ToString() == firstName)
        {
            return known;
        }

        var user = new JsonObject
        {
            ["id"] = userId,
            ["is_bot"] = false,
            ["first_name"] = firstName,
            ["language_code"] = "vi",
        };
        _users[userId] = user;
        return user;
    }

    private JsonObject RememberChatLocked(long chatId, string chatType, string? chatTitle, JsonObject user)
    {
        JsonObject chat = chatType switch
        {
            "private" => new JsonObject
            {
                ["id"] = chatId,
                ["first_name"] = user["first_name"]?.DeepClone(),
                ["type"] = "private",
            },
            "group" or "supergroup" or "channel" => new JsonObject
            {
                ["id"] = chatId,
                ["title"] = chatTitle ?? (chatType == "channel" ? "Kênh thông báo PCGD" : "Nhóm hỏi đáp PCGD"),
                ["type"] = chatType,
            },
            _ => throw new ArgumentException($"Unknown chat type '{chatType}' (private, group, supergroup, channel).", nameof(chatType)),
        };
        _chats[chatId] = chat;
        return chat;
    }

    private static void AddDetectedEntities(JsonObject message, string text)
    {
        var entities = TelegramFormatting.DetectEntities(text);
        if (entities.Count > 0)
        {
            message["entities"] = new JsonArray(entities.Select(e => (JsonNode?)e.ToJson()).ToArray());
        }
    }

    private static string ChatInstance(long chatId)
    {
        unchecked
        {
            var h = (ulong)chatId * 0x9E3779B97F4A7C15UL;
            h ^= h >> 29;
            return ((long)(h % 9_000_000_000_000_000_000UL) * (chatId > 0 ? 1 : -1)).ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The Telegram.Bot view of a queued update.</summary>
    public static Update Deserialize(string updateJson) =>
        JsonSerializer.Deserialize<Update>(updateJson, global::Telegram.Bot.JsonBotAPI.Options)
        ?? throw new JsonException("The JSON is not an Update.");
}
