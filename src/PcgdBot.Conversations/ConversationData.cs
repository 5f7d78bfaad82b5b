using System.Text.Json;
using PcgdBot.Dialogs;

namespace PcgdBot.Conversations;

/// <summary>What the bot keeps per conversation between messages: the dialog stack and the update being edited.</summary>
public sealed record ConversationData(DialogState Dialog, long? EditingUpdateId, Routing.ConversationSubject? Subject = null)
{
    public static ConversationData Empty { get; } = new(DialogState.Empty, null);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads stored state; state that no longer reads (an older shape, a removed dialog) starts afresh rather than failing the turn.</summary>
    public static ConversationData FromJson(string json, DialogCatalog catalog)
    {
        try
        {
            var data = JsonSerializer.Deserialize<ConversationData>(json, Json);
            if (data?.Dialog?.Stack is null || data.Dialog.Stack.Any(f => !catalog.Contains(f.DialogId) || f.StepIndex >= catalog[f.DialogId].Steps.Count))
            {
                return Empty;
            }

            return data;
        }
        catch (JsonException)
        {
            return Empty;
        }
    }
}
