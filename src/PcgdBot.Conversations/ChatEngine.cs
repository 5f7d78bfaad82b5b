using System.Text;
using PcgdBot.Answers;
using PcgdBot.Conversations.Reporting;
using PcgdBot.Dialogs;
using PcgdBot.Plan;
using PcgdBot.Storage;
using PcgdBot.Storage.Reporting;

namespace PcgdBot.Conversations;

/// <summary>
/// The bot's behaviour: one message in, the replies out. Channel- and SDK-independent.
/// A turn reads the conversation's state, runs the dialog runtime (a pure step) or answers a question, runs the
/// action of a finished dialog (idempotent), and stores the new state with its ETag before the replies go out.
/// Messages of one conversation are handled one at a time; a stale state (ETag conflict) re-runs the turn.
/// </summary>
public sealed partial class ChatEngine
{
    private const int MaxTurnAttempts = 3;
    private static readonly TimeSpan SeenInterval = TimeSpan.FromMinutes(5);

    // Turns of one conversation run one at a time; a fixed set of gates bounds memory whatever the number of conversations.
    private readonly SemaphoreSlim[] gates = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];
    private readonly DocumentStore conversations;
    private readonly ReportingStore store;
    private readonly DialogEngine dialogs;
    private readonly ChatActions actions;
    private readonly ReportQueries queries;
    private readonly ReportingCalendar calendar;
    private readonly TimeProvider time;
    private readonly TimeZoneInfo timeZone;
    private readonly ChatOptions options;

    public ChatEngine(PcgdBotContent content, PcgdBotDatabase database, TimeProvider time, ChatOptions? options = null, PcgdBot.Reports.ReportSettings? reportSettings = null)
    {
        options ??= new ChatOptions();
        Content = content;
        this.time = time;
        // The people's zone; without a zone database (slim containers) Vietnam's fixed UTC+7 is exact.
        timeZone = Reminders.Schedule.ReminderTimeZones.Find(options.TimeZone) ?? Reminders.Schedule.ReminderTimeZones.VietnamFixed;
        conversations = new DocumentStore(database);
        store = new ReportingStore(database);
        store.SyncUnits(content.ReportingUnits);
        calendar = options.PeriodEnd is { Length: > 0 } end
            ? ReportingCalendar.Parse(end)
            : content.Plan.Deadlines.OrderBy(d => (d.Month, d.Day)).Select(d => new ReportingCalendar(d.Day, d.Month)).FirstOrDefault() ?? new ReportingCalendar(10, 12);
        dialogs = new DialogEngine(content.Dialogs);
        var outbox = new Reminders.Outbox.OutboxStore(database, time);
        Broadcasts = new Broadcasting.BroadcastService(database, store, outbox, calendar, time);
        Outbox = outbox;
        WebSignIn = new PcgdBot.Storage.Dashboard.WebSignInStore(database);
        this.options = options;
        actions = new ChatActions(content, store, calendar, content.ReportingReplies, options, timeZone, Broadcasts, outbox);
        queries = new ReportQueries(content.Plan, content.Lexicon, content.QueryReplies, store, calendar);
        Reports = Conversations.Reports.ReportRequests.Load(new Conversations.Reports.ReportService(content, new Conversations.Reports.StoreReportSource(store), calendar, () => actions.Units, reportSettings ?? new(), timeZone), content.Directory);
    }

    /// <summary>"xuất báo cáo": the consolidated report as a file (also used by the <c>report</c> command).</summary>
    public Conversations.Reports.ReportRequests Reports { get; }

    public PcgdBotContent Content { get; }

    public ReportingStore Store => store;

    public ReportingCalendar Calendar => calendar;

    /// <summary>Broadcasts and reminders: audiences, channels, the outbox records they queue.</summary>
    public Broadcasting.BroadcastService Broadcasts { get; }

    public Reminders.Outbox.OutboxStore Outbox { get; }

    /// <summary>Sign-in codes and sessions of the web desk ("đăng nhập web").</summary>
    public PcgdBot.Storage.Dashboard.WebSignInStore WebSignIn { get; }

    /// <summary>The people's time zone.</summary>
    public TimeZoneInfo TimeZone => timeZone;

    /// <summary>Today where the people are (the reporting period and reminders follow it).</summary>
    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(time.GetUtcNow().UtcDateTime, timeZone));

    internal ChatActions Actions => actions;

    /// <summary>The units as stored now (members added by invites included).</summary>
    public UnitDirectory Units => actions.Units;

    /// <summary>
    /// Creates an invite code outside a chat (the <c>invite</c> command): the unit by name or alias, the member (commune,
    /// school…) by name. A member the content does not list is added to a unit without listed members (a new school).
    /// </summary>
    public InviteOutcome CreateInvite(string unitName, string? memberName, PersonRole role, string createdBy)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var units = actions.Units;
        var unit = units.Resolve(unitName);
        if (unit is null)
        {
            return new InviteOutcome(null, actions.Text("invite.unknown-unit", ("unit", unitName)));
        }

        UnitRecord? member = null;
        if (unit.ParentId is { } parentId)
        {
            // "--unit 'xã Mường So'" names the member directly.
            member = unit;
            unit = units[parentId]!;
        }

        if (memberName is { Length: > 0 })
        {
            var members = units.MembersOf(unit.Id).ToList();
            var folded = VietnameseText.Fold(memberName);
            member = members.FirstOrDefault(m => VietnameseText.Fold(m.Name) == folded || m.Aliases.Any(a => VietnameseText.Fold(a) == folded))
                ?? new UnitDirectory(members, Content.Lexicon).Find(memberName).FirstOrDefault();
            if (member is null)
            {
                if (members.Any(m => m.Source == "content"))
                {
                    return new InviteOutcome(null, actions.Text("invite.unknown-member", ("member", memberName), ("unit", unit.Name), ("members", string.Join(", ", members.Select(m => m.Name)))));
                }

                member = actions.AddMember(unit, memberName.Trim(), createdBy, now);
            }
        }

        var (reply, invite) = actions.Invite(unit, member, role, createdBy, now);
        return new InviteOutcome(invite?.Id, reply);
    }

    /// <summary>
    /// Answers a question about reported data ("đơn vị nào chưa báo cáo?") as the person behind a chat account sees it,
    /// outside any conversation; null when the text is not such a question.
    /// </summary>
    public string? AnswerFromReports(string text, string channel, string userId)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(time.GetUtcNow().UtcDateTime, timeZone));
        return queries.TryAnswer(Clean(text), store.FindByIdentity(channel, userId), today);
    }

    public async ValueTask<IReadOnlyList<ChatReply>> HandleAsync(ChatMessage message, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (MessageText.IsTooLong(Clean(message.Text)))
        {
            // Not read at all (a cut-off report would be saved as something the person did not write); the state stays.
            return [new ChatReply(actions.Text("message.too-long", ("max", MessageText.MaxLength.ToString("#,0", System.Globalization.CultureInfo.GetCultureInfo("vi-VN")))))];
        }

        var key = "conversation/" + message.ChannelId + "/" + message.ConversationId;
        var gate = gates[(uint)StringComparer.Ordinal.GetHashCode(key) % (uint)gates.Length];
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var stored = conversations.Read(key);
                var data = stored is null ? ConversationData.Empty : ConversationData.FromJson(stored.Json, Content.Dialogs);
                var (replies, next) = Turn(message with { Text = Clean(message.Text) }, data);
                try
                {
                    // The state is saved before the replies go out: a reply never describes a step the store does not know.
                    if (stored is not null || next != ConversationData.Empty)
                    {
                        conversations.Write(key, next.ToJson(), stored?.ETag);
                    }

                    return replies;
                }
                catch (ETagConflictException) when (attempt < MaxTurnAttempts)
                {
                    // Another process or turn moved the conversation on: run the turn again on the fresh state.
                }
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private (IReadOnlyList<ChatReply> Replies, ConversationData Next) Turn(ChatMessage message, ConversationData data)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, timeZone));
        var person = store.FindByIdentity(message.ChannelId, message.User.Id);
        // "Last seen" decides which channel reaches the person first: kept exact when they switch channels, else
        // written at most every few minutes (a write per message would be wasted).
        if (person is not null && (now - person.Identity.LastSeenAt > SeenInterval
            || person.Identity.ConversationId != message.ConversationId
            || person.Identity.Unreachable
            || store.IdentitiesOf(person.Person.Id).Any(other => other.Id != person.Identity.Id && other.LastSeenAt >= person.Identity.LastSeenAt)))
        {
            store.Seen(message.ChannelId, message.User.Id, message.ConversationId, message.User.Name, now);
        }

        var context = new TurnContext(message, person, now, today, new ReportingDialogData(
            Content.Plan,
            actions.Units,
            person,
            actions.Text("duty.other"),
            (name, values) => name == ChatActions.PreviewPlaceholder ? actions.BroadcastPreview(values, today) : null));
        // The last subject fades after a few messages unless an answer renews it.
        data = data with { Subject = data.Subject?.Aged() };
        return data.Dialog.IsActive ? InDialog(data, context) : Idle(data, context);
    }

    private (IReadOnlyList<ChatReply>, ConversationData) Start(DialogDefinition dialog, string rest, ConversationData data, TurnContext context)
    {
        var person = context.Person;
        var known = new Dictionary<string, SlotValue>(StringComparer.Ordinal);
        var opening = new List<ChatReply>();
        long? editing = data.EditingUpdateId;
        switch (dialog.Action)
        {
            case ChatActions.Register:
                var code = rest.Trim();
                if (code.Length > 0)
                {
                    // "đăng ký AB3DE5FG" needs no dialog at all.
                    return Say(data, actions.RegisterWith(code, context.Message, context.Now));
                }

                break;

            case ChatActions.SaveStatusUpdate:
                if (person is null)
                {
                    return Say(data, actions.Text("not-registered"));
                }

                if (context.Data.MyUnits().Count == 0)
                {
                    return Say(data, actions.Text("no-reporting-unit"));
                }

                var reading = OneShotReader.Read(rest, person, context.Data, actions.Units, dialog.Steps.First(s => s.Id == "status"));
                if (reading.ForeignUnit is { } foreign)
                {
                    return Say(data, actions.NotYourUnit(person, foreign.Name));
                }

                known = reading.Known;
                break;

            case ChatActions.EditLastUpdate:
                if (person is null)
                {
                    return Say(data, actions.Text("not-registered"));
                }

                if (actions.LastUpdate(person, context.Today) is not { } last)
                {
                    return Say(data, actions.NoneToEdit(context.Today));
                }

                editing = last.Id;
                opening.Add(new ChatReply(actions.EditTarget(last)));
                break;

            case ChatActions.CreateInvite or ChatActions.Broadcast:
                if (person is null || !person.IsCoordinator)
                {
                    return Say(data, actions.Text("coordinator-only"));
                }

                break;
        }

        var turn = dialogs.Begin(data.Dialog, dialog.Id, NewInstanceId(), known, context.Data);
        return Finish(turn, data with { EditingUpdateId = editing }, context, opening);
    }

    /// <summary>Turns the runtime's step into replies, running the action of a dialog that completed.</summary>
    private (IReadOnlyList<ChatReply>, ConversationData) Finish(DialogTurn turn, ConversationData data, TurnContext context, List<ChatReply> replies)
    {
        replies.AddRange(turn.Replies.Select(r => new ChatReply(r.Text, r.Buttons)));
        var next = data with { Dialog = turn.State };
        if (turn.Ended is { Outcome: DialogOutcome.Completed } result)
        {
            replies.Add(new ChatReply(Act(result, next, context)));
            if (result.Action == ChatActions.EditLastUpdate)
            {
                next = next with { EditingUpdateId = null };
            }

            if (turn.State.Top is { } below)
            {
                replies.Add(new ChatReply(Content.Dialogs.Texts.Text("resume", ("title", Content.Dialogs[below.DialogId].Title))));
                var reprompt = dialogs.Reprompt(turn.State, context.Data);
                replies.Add(new ChatReply(reprompt.Text, reprompt.Buttons));
            }
        }
        else if (turn.Ended is { Outcome: DialogOutcome.Cancelled, Action: ChatActions.EditLastUpdate })
        {
            next = next with { EditingUpdateId = null };
        }

        return (replies, next);
    }

    private string Act(DialogResult result, ConversationData data, TurnContext context)
    {
        var person = context.Person;
        return result.Action switch
        {
            ChatActions.Register => actions.RegisterWith(result.Value("code"), context.Message, context.Now),
            ChatActions.SaveStatusUpdate when person is not null => actions.Save(result, person, context.Message.ChannelId, context.Now, context.Today),
            ChatActions.EditLastUpdate when person is not null && data.EditingUpdateId is { } id => actions.Edit(result, person, id, context.Now),
            ChatActions.CreateInvite when person is not null => actions.Invite(result, person, context.Now),
            ChatActions.Broadcast when person is not null => actions.SendBroadcast(result, person, context.Today),
            _ => actions.Text("not-registered"),
        };
    }

    private static (IReadOnlyList<ChatReply>, ConversationData) Say(ConversationData data, string text) => ([new ChatReply(text)], data);

    /// <summary>Valid Unicode in NFC, no control characters, trimmed: what every comparison downstream expects.</summary>
    private static string Clean(string text) => MessageText.Clean(text);

    private static string NewInstanceId() => Guid.NewGuid().ToString("N")[..16];

    /// <summary>The code made (null when refused) and what to tell the coordinator.</summary>
    public sealed record InviteOutcome(string? Code, string Message);

    private sealed record TurnContext(ChatMessage Message, KnownPerson? Person, DateTime Now, DateOnly Today, ReportingDialogData Data);
}
