using System.Globalization;
using PcgdBot.Answers;
using PcgdBot.Conversations.Reporting;
using PcgdBot.Dialogs;
using PcgdBot.Storage.Reporting;

namespace PcgdBot.Conversations;

/// <summary>
/// What the bot does when a dialog completes (save an update, edit it, create an invite, register), and the
/// replies about it. Each action is idempotent per dialog run, so a retried turn never saves twice.
/// </summary>
internal sealed class ChatActions(PcgdBotContent content, ReportingStore store, ReportingCalendar calendar, ReplyTemplates replies, ChatOptions options, TimeZoneInfo timeZone, Broadcasting.BroadcastService broadcasts, Reminders.Outbox.OutboxStore outbox)
{
    public const string SaveStatusUpdate = "save-status-update";
    public const string EditLastUpdate = "edit-last-update";
    public const string CreateInvite = "create-invite";
    public const string Register = "register";
    public const string Broadcast = "broadcast";
    public const string PreviewPlaceholder = "preview";

    public const string MyUnits = "my-units";
    public const string UnitDuties = "unit-duties";
    public const string PlanUnits = "plan-units";
    public const string UnitMembers = "unit-members";

    public const string TemplateFile = "replies.reporting.vi.txt";

    public static readonly DialogCapabilities Capabilities = new(
        new HashSet<string>([SaveStatusUpdate, EditLastUpdate, CreateInvite, Register, Broadcast], StringComparer.Ordinal),
        new HashSet<string>([MyUnits, UnitDuties, PlanUnits, UnitMembers], StringComparer.Ordinal),
        new HashSet<string>([PreviewPlaceholder], StringComparer.Ordinal));

    /// <summary>The status keys of the dialog files and what they mean.</summary>
    public static readonly IReadOnlyDictionary<string, ProgressStatus> StatusKeys = new Dictionary<string, ProgressStatus>(StringComparer.Ordinal)
    {
        ["chua-trien-khai"] = ProgressStatus.NotStarted,
        ["dang-thuc-hien"] = ProgressStatus.InProgress,
        ["hoan-thanh"] = ProgressStatus.Done,
        ["gap-kho-khan"] = ProgressStatus.Blocked,
    };

    public static readonly IReadOnlyDictionary<string, string[]> RequiredTemplates = new Dictionary<string, string[]>
    {
        ["role.focal"] = [],
        ["role.leader"] = [],
        ["role.coordinator"] = [],
        ["register.done"] = ["name", "role", "unit"],
        ["register.done.leader"] = ["name", "role", "unit"],
        ["register.done.coordinator"] = ["name", "role", "unit"],
        ["register.already"] = ["role", "unit"],
        ["register.linked"] = ["name"],
        ["register.not-found"] = ["code"],
        ["register.expired"] = ["code"],
        ["register.used"] = ["code"],
        ["register.rate-limited"] = ["minutes"],
        ["register.other-person"] = [],
        ["link.code"] = ["code", "hours"],
        ["not-registered"] = [],
        ["message.too-long"] = ["max"],
        ["no-reporting-unit"] = [],
        ["not-your-unit"] = ["unit", "units"],
        ["coordinator-only"] = [],
        ["update.saved"] = ["receipt", "unit", "duty", "status", "figure"],
        ["update.figure"] = ["figure"],
        ["update.edited"] = ["receipt", "revision", "unit", "duty", "status", "figure"],
        ["update.none-to-edit"] = ["period"],
        ["update.edit-target"] = ["receipt", "unit", "duty", "status", "figure"],
        ["other-task"] = ["task"],
        ["mine.heading"] = ["period", "count"],
        ["mine.item"] = ["receipt", "date", "unit", "duty", "status", "figure", "note"],
        ["mine.note"] = ["note"],
        ["mine.none"] = ["period", "deadline"],
        ["invite.created"] = ["code", "role", "unit", "expires"],
        ["invite.leader-needs-commune"] = [],
        ["invite.member-needed"] = ["unit"],
        ["invite.unknown-unit"] = ["unit"],
        ["invite.unknown-member"] = ["member", "unit", "members"],
        ["duty.other"] = [],
        ["broadcast.preview"] = ["total", "channels"],
        ["broadcast.preview.channel"] = ["channel", "count"],
        ["broadcast.preview.unreachable"] = ["count", "names"],
        ["broadcast.preview.none"] = [],
        ["broadcast.sent"] = ["id", "total"],
        ["broadcast.footer"] = [],
        ["broadcast.acknowledged"] = [],
        ["broadcast.nothing-to-acknowledge"] = [],
        ["stats.none"] = [],
        ["stats"] = ["id", "date", "audience", "total", "sent", "pending", "failed", "unreachable", "acknowledged"],
        ["stats.names"] = ["label", "names"],
        ["stats.unknown"] = ["id"],
        ["error"] = [],
    };

    private UnitDirectory? directory;

    public ReplyTemplates Replies => replies;

    /// <summary>The units as stored now: the same directory until the stored units change (an invite adds a member).</summary>
    public UnitDirectory Units
    {
        get
        {
            var all = store.AllUnits();
            if (directory is null || !ReferenceEquals(directory.Units, all))
            {
                directory = new UnitDirectory(all, content.Lexicon);
            }

            return directory;
        }
    }

    public string Text(string key, params (string Name, string Value)[] values) => replies.Render(key, values);

    public string RoleName(PersonRole role) => Text(role switch
    {
        PersonRole.Focal => "role.focal",
        PersonRole.Leader => "role.leader",
        _ => "role.coordinator",
    });

    public string StatusName(ProgressStatus status)
    {
        var key = StatusKeys.First(s => s.Value == status).Key;
        var step = content.Dialogs["status-update"].Steps.First(s => s.Id == "status");
        return step.Choices.FirstOrDefault(c => c.Key == key)?.Label ?? key;
    }

    // ---- Registration ----------------------------------------------------------------------------

    public string RegisterWith(string code, ChatMessage message, DateTime now)
    {
        var normalized = ReportingStore.NormalizeCode(code);
        var result = store.Redeem(normalized, message.ChannelId, message.User.Id, message.User.Name, message.ConversationId, now);
        return result.Outcome switch
        {
            RedeemOutcome.Registered => Text(result.Role switch { PersonRole.Leader => "register.done.leader", PersonRole.Coordinator => "register.done.coordinator", _ => "register.done" }, ("name", result.Person!.Name), ("role", RoleName(result.Role!.Value)), ("unit", result.Unit?.Name ?? string.Empty)),
            RedeemOutcome.AlreadyRegistered when result.Role is { } role => Text("register.already", ("role", RoleName(role)), ("unit", result.Unit?.Name ?? string.Empty)),
            RedeemOutcome.AlreadyRegistered or RedeemOutcome.Linked => Text("register.linked", ("name", result.Person!.Name)),
            RedeemOutcome.Expired => Text("register.expired", ("code", normalized)),
            RedeemOutcome.AlreadyUsed => Text("register.used", ("code", normalized)),
            RedeemOutcome.RateLimited => Text("register.rate-limited", ("minutes", Math.Max(1, (int)Math.Ceiling(result.RetryAfter?.TotalMinutes ?? 15)).ToString(CultureInfo.InvariantCulture))),
            RedeemOutcome.AccountBelongsToAnotherPerson => Text("register.other-person"),
            _ => Text("register.not-found", ("code", normalized)),
        };
    }

    public string LinkCode(KnownPerson person, DateTime now)
    {
        var invite = store.CreateLinkCode(person.Person.Id, now, options.LinkCodeValidity);
        return Text("link.code", ("code", invite.Id), ("hours", ((int)options.LinkCodeValidity.TotalHours).ToString(CultureInfo.InvariantCulture)));
    }

    // ---- Status updates ----------------------------------------------------------------------------

    public string Save(DialogResult result, KnownPerson person, string channel, DateTime now, DateOnly today)
    {
        var unitId = result.Value("unit");
        if (!person.Memberships.Any(m => m.UnitId == unitId) || Units[unitId] is not { } unit)
        {
            return NotYourUnit(person, Units[unitId]?.Name ?? unitId);
        }

        var dutyId = result.Value("duty");
        var duty = dutyId == ReportingDialogData.OtherTaskKey ? null : content.Plan.Duties.FirstOrDefault(d => d.Id == dutyId);
        var figure = result.Slot("figure");
        var update = store.SaveUpdate(new StatusUpdateRecord
        {
            PersonId = person.Person.Id,
            UnitId = unit.Id,
            DutyId = duty?.Id,
            Task = duty?.Text ?? result.Value("other-task"),
            Status = StatusKeys[result.Value("status")],
            FigureValue = figure?.Number,
            FigureUnit = figure?.Unit,
            FigureIsPercent = figure?.IsPercent ?? false,
            FigureText = figure?.Display,
            Note = result.Slot("note")?.Key,
            Period = calendar.PeriodOf(today),
            Channel = channel,
            CreatedAt = now,
            UpdatedAt = now,
            SourceKey = result.InstanceId,
        });
        return Describe("update.saved", update, ("receipt", update.Receipt));
    }

    public StatusUpdateRecord? LastUpdate(KnownPerson person, DateOnly today) =>
        store.UpdatesOfPerson(person.Person.Id, calendar.PeriodOf(today)).LastOrDefault();

    public string EditTarget(StatusUpdateRecord update) => Describe("update.edit-target", update, ("receipt", update.Receipt));

    public string NoneToEdit(DateOnly today) => Text("update.none-to-edit", ("period", calendar.Describe(calendar.PeriodOf(today))));

    public string Edit(DialogResult result, KnownPerson person, long updateId, DateTime now)
    {
        var edited = store.EditUpdate(updateId, person.Person.Id, result.InstanceId, now, update =>
        {
            switch (result.Value("field"))
            {
                case "status":
                    update.Status = StatusKeys[result.Value("status")];
                    break;
                case "figure":
                    var figure = result.Slot("figure");
                    update.FigureValue = figure?.Number;
                    update.FigureUnit = figure?.Unit;
                    update.FigureIsPercent = figure?.IsPercent ?? false;
                    update.FigureText = figure?.Display;
                    break;
                case "note":
                    update.Note = result.Slot("note")?.Key;
                    break;
            }
        });
        return edited is null
            ? Text("error")
            : Describe("update.edited", edited, ("receipt", edited.Receipt), ("revision", (edited.Revision - 1).ToString(CultureInfo.InvariantCulture)));
    }

    public string ListMine(KnownPerson person, DateOnly today)
    {
        var period = calendar.PeriodOf(today);
        var updates = store.UpdatesOfPerson(person.Person.Id, period);
        if (updates.Count == 0)
        {
            return Text("mine.none", ("period", calendar.Describe(period)), ("deadline", calendar.DeadlineOf(period).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)));
        }

        var lines = new List<string> { Text("mine.heading", ("period", calendar.Describe(period)), ("count", updates.Count.ToString(CultureInfo.InvariantCulture))) };
        foreach (var update in updates)
        {
            lines.Add(Text(
                "mine.item",
                ("receipt", update.Receipt),
                ("date", update.CreatedAt.ToString("dd/MM", CultureInfo.InvariantCulture)),
                ("unit", Units[update.UnitId]?.Name ?? update.UnitId),
                ("duty", DutyName(update)),
                ("status", StatusName(update.Status)),
                ("figure", FigurePart(update)),
                ("note", update.Note is { Length: > 0 } note ? Text("mine.note", ("note", ReportingDialogData.Shorten(note, 80))) : string.Empty)));
        }

        return string.Join('\n', lines);
    }

    public string NotYourUnit(KnownPerson person, string unitName) =>
        Text("not-your-unit", ("unit", unitName), ("units", string.Join(", ", person.Memberships.Select(m => Units[m.UnitId]?.Name ?? m.UnitId))));

    // ---- Invites ------------------------------------------------------------------------------------

    /// <summary>Creates an invite for a unit (and member), checking the role fits; returns the reply and the code, if one was made.</summary>
    public (string Reply, InviteRecord? Invite) Invite(UnitRecord unit, UnitRecord? member, PersonRole role, string createdBy, DateTime now)
    {
        var target = member ?? unit;
        if (role == PersonRole.Leader && !target.IsCommune)
        {
            return (Text("invite.leader-needs-commune"), null);
        }

        if (role != PersonRole.Coordinator && member is null && Units.MembersOf(unit.Id).Any() && !unit.Reports)
        {
            return (Text("invite.member-needed", ("unit", unit.Name)), null);
        }

        var invite = store.CreateInvite(target.Id, role, createdBy, now, options.InviteValidity);
        var expires = TimeZoneInfo.ConvertTimeFromUtc(invite.ExpiresAt, timeZone);
        return (Text("invite.created", ("code", invite.Id), ("role", RoleName(role)), ("unit", target.Name), ("expires", expires.ToString("HH:mm dd/MM/yyyy", CultureInfo.InvariantCulture))), invite);
    }

    public string Invite(DialogResult result, KnownPerson person, DateTime now)
    {
        if (!person.IsCoordinator)
        {
            return Text("coordinator-only");
        }

        var unit = Units[result.Value("unit")];
        if (unit is null)
        {
            return Text("error");
        }

        var member = result.Slot("member") is { } slot ? Units[slot.Key] : null;
        var role = result.Value("role") switch
        {
            "leader" => PersonRole.Leader,
            "coordinator" => PersonRole.Coordinator,
            _ => PersonRole.Focal,
        };
        return Invite(unit, member, role, person.Person.Id, now).Reply;
    }

    /// <summary>Adds a member unit named in an invite (e.g. a school) that the content does not list.</summary>
    public UnitRecord AddMember(UnitRecord parent, string name, string createdBy, DateTime now)
    {
        // A new member is of the same kind as the members listed already (a new school among schools).
        var kind = Units.MembersOf(parent.Id).FirstOrDefault()?.Kind ?? "member";
        return store.AddMemberUnit(parent, Reporting.ReportingUnits.MemberId(parent.Id, name), name, kind, createdBy, now);
    }

    // ---- Broadcasts ---------------------------------------------------------------------------------

    private static readonly IReadOnlyDictionary<string, string> ChannelNames = new Dictionary<string, string>
    {
        ["telegram"] = "Telegram",
        ["zalo"] = "Zalo OA",
        ["zalo-bot"] = "Zalo Bot",
        ["webchat"] = "trang web",
    };

    /// <summary>"{preview}" of the broadcast dialog: how many people each channel reaches, and who cannot be reached.</summary>
    public string BroadcastPreview(IReadOnlyDictionary<string, SlotValue> values, DateOnly today)
    {
        if (!values.TryGetValue("audience", out var audience))
        {
            return string.Empty;
        }

        var recipients = broadcasts.Resolve(audience.Key, Units, values.GetValueOrDefault("units")?.Key, today);
        if (recipients.Count == 0)
        {
            return Text("broadcast.preview.none");
        }

        var (total, perChannel, notReachable) = Broadcasting.BroadcastService.Count(recipients);
        var lines = new List<string>
        {
            Text("broadcast.preview", ("total", total.ToString(CultureInfo.InvariantCulture)), ("channels", string.Join(", ", perChannel.Select(c =>
                Text("broadcast.preview.channel", ("channel", ChannelNames.GetValueOrDefault(c.Key, c.Key)), ("count", c.Value.ToString(CultureInfo.InvariantCulture))))))),
        };
        if (notReachable.Count > 0)
        {
            lines.Add(Text("broadcast.preview.unreachable", ("count", notReachable.Count.ToString(CultureInfo.InvariantCulture)), ("names", string.Join(", ", notReachable))));
        }

        return string.Join('\n', lines);
    }

    public string SendBroadcast(DialogResult result, KnownPerson person, DateOnly today)
    {
        if (!person.IsCoordinator)
        {
            return Text("coordinator-only");
        }

        var audience = result.Value("audience");
        var recipients = broadcasts.Resolve(audience, Units, result.Slot("units")?.Key, today);
        var label = result.Slot("audience")?.Display ?? audience;
        var text = result.Value("message") + "\n" + Text("broadcast.footer");
        var sent = broadcasts.Send(text, label, recipients, person.Person.Id, "manual", offerUpdate: false);
        return Text("broadcast.sent", ("id", sent.Id), ("total", sent.Recipients.ToString(CultureInfo.InvariantCulture)));
    }

    public string Acknowledge(KnownPerson person) =>
        Text(outbox.Acknowledge(person.Person.Id, null) ? "broadcast.acknowledged" : "broadcast.nothing-to-acknowledge");

    public string BroadcastStats(KnownPerson person, string? broadcastId)
    {
        if (!person.IsCoordinator)
        {
            return Text("coordinator-only");
        }

        var info = broadcastId is null ? broadcasts.Latest() : broadcasts.Find(broadcastId.ToUpperInvariant());
        if (info is null)
        {
            return broadcastId is null ? Text("stats.none") : Text("stats.unknown", ("id", broadcastId));
        }

        var stats = outbox.Stats(info.Id);
        var lines = new List<string>
        {
            Text(
                "stats",
                ("id", info.Id),
                ("date", TimeZoneInfo.ConvertTimeFromUtc(info.CreatedAt, timeZone).ToString("HH:mm dd/MM/yyyy", CultureInfo.InvariantCulture)),
                ("audience", info.Audience),
                ("total", (info.Recipients + info.NotReachable.Count).ToString(CultureInfo.InvariantCulture)),
                ("sent", stats.Sent.ToString(CultureInfo.InvariantCulture)),
                ("pending", (stats.Pending + stats.Sending).ToString(CultureInfo.InvariantCulture)),
                ("failed", stats.Failed.ToString(CultureInfo.InvariantCulture)),
                ("unreachable", (stats.Unreachable + info.NotReachable.Count).ToString(CultureInfo.InvariantCulture)),
                ("acknowledged", stats.Acknowledged.ToString(CultureInfo.InvariantCulture))),
        };
        string NameOf(Reminders.Outbox.OutboxRecord record) => store.Person(record.PersonId)?.Name ?? record.PersonId;
        var failedNames = stats.Undelivered.Where(r => r.State == Reminders.Outbox.OutboxState.Failed).Select(NameOf).ToList();
        var unreachableNames = stats.Undelivered.Where(r => r.State == Reminders.Outbox.OutboxState.Unreachable).Select(NameOf).Concat(info.NotReachable).ToList();
        if (failedNames.Count > 0)
        {
            lines.Add(Text("stats.names", ("label", "Lỗi"), ("names", string.Join(", ", failedNames))));
        }

        if (unreachableNames.Count > 0)
        {
            lines.Add(Text("stats.names", ("label", "Không liên lạc được"), ("names", string.Join(", ", unreachableNames))));
        }

        return string.Join('\n', lines);
    }

    // ---- Rendering ----------------------------------------------------------------------------------

    private string Describe(string key, StatusUpdateRecord update, params (string Name, string Value)[] extra) =>
        Text(key, [.. extra,
            ("unit", Units[update.UnitId]?.Name ?? update.UnitId),
            ("duty", DutyName(update)),
            ("status", StatusName(update.Status)),
            ("figure", FigurePart(update))]);

    private string DutyName(StatusUpdateRecord update) =>
        update.DutyId ?? Text("other-task", ("task", ReportingDialogData.Shorten(update.Task, 60)));

    private string FigurePart(StatusUpdateRecord update) =>
        update.FigureText is { Length: > 0 } figure ? Text("update.figure", ("figure", figure)) : string.Empty;
}
