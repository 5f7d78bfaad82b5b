using System.Text.RegularExpressions;
using PcgdBot.Answers;
using PcgdBot.Conversations.Routing;
using PcgdBot.Dialogs;
using PcgdBot.Plan;
using PcgdBot.Storage.Reporting;

namespace PcgdBot.Conversations;

/// <summary>The turn's routing (<see cref="MessageRouter"/> decides) and the handlers of intents that are not dialogs.</summary>
public sealed partial class ChatEngine
{
    private (IReadOnlyList<ChatReply>, ConversationData) InDialog(ConversationData data, TurnContext context)
    {
        var route = Content.Router.InDialog(context.Message.Text, dialogs, data.Dialog, context.Data, context.Today);
        switch (route.Target)
        {
            case RouteTarget.StartDialog:
                return Start(route.Dialog!.Dialog, route.Dialog.Rest, data, context);

            case RouteTarget.Intent when route.Intent == IntentNames.Cancel:
                return Finish(dialogs.CancelTop(data.Dialog, context.Data), data, context, []);

            case RouteTarget.Intent when route.Intent == IntentNames.Restart:
                return Finish(dialogs.Restart(data.Dialog, context.Data), data, context, []);

            case RouteTarget.Intent or RouteTarget.Question:
                // Answered, then the question the dialog was waiting for is asked again.
                var (reply, next) = route.Target == RouteTarget.Intent ? HandleIntent(route, data, context) : Answer(route, data, context);
                var title = Content.Dialogs[data.Dialog.Top!.DialogId].Title;
                var prompt = dialogs.Reprompt(next.Dialog, context.Data);
                return ([new ChatReply(reply), new ChatReply(Content.ChatReplies.Render("interrupted", ("title", title)) + "\n" + prompt.Text, prompt.Buttons)], next);

            default:
                return Finish(dialogs.Continue(data.Dialog, route.StepText ?? context.Message.Text, context.Data, context.Today), data, context, []);
        }
    }

    private (IReadOnlyList<ChatReply>, ConversationData) Idle(ConversationData data, TurnContext context)
    {
        // "xuất báo cáo tổng hợp", "/baocao docx": a file, not a text answer, so it is asked for before the router.
        if (Reports.TryHandle(context.Message.Text, context.Person, context.Today) is { } report)
        {
            return ([report], data);
        }

        var route = Content.Router.Idle(context.Message.Text);
        switch (route.Target)
        {
            case RouteTarget.StartDialog:
                return Start(route.Dialog!.Dialog, route.Dialog.Rest, data, context);

            case RouteTarget.Intent:
                var (reply, next) = HandleIntent(route, data, context);
                return Say(next, reply);

            default:
                var (answer, after) = Answer(route, data, context);
                return Say(after, answer);
        }
    }

    /// <summary>The handlers of intents that are not dialogs. An intent without a handler here is read as a question.</summary>
    private (string Reply, ConversationData Next) HandleIntent(Route route, ConversationData data, TurnContext context)
    {
        var person = context.Person;
        var replies = Content.ChatReplies;
        switch (route.Intent)
        {
            case IntentNames.MyReports:
                return (person is null ? actions.Text("not-registered") : actions.ListMine(person, context.Today), data);
            case IntentNames.LinkAccount:
                return (person is null ? actions.Text("not-registered") : actions.LinkCode(person, context.Now), data);
            case IntentNames.Acknowledge:
                return (person is null ? actions.Text("not-registered") : actions.Acknowledge(person), data);
            case IntentNames.WebLogin:
                return (WebLogin(person, context), data);
            case IntentNames.BroadcastStats:
                var id = BroadcastId().Match(VietnameseText.Fold(context.Message.Text)) is { Success: true } m ? m.Value : null;
                return (person is null ? actions.Text("coordinator-only") : actions.BroadcastStats(person, id), data);
            case IntentNames.Greeting:
                return (Content.Answers.Greeting(context.Message.User.Name), data);
            case IntentNames.Thanks:
                return (replies.Render("thanks"), data);
            case IntentNames.Acknowledgement or IntentNames.Yes or IntentNames.No:
                return (replies.Render("acknowledgement"), data);
            case IntentNames.Goodbye:
                return (replies.Render("goodbye"), data);
            case IntentNames.WhoAreYou:
                var district = Content.Plan.District is null ? string.Empty : $" huyện {Content.Plan.District}";
                return (replies.Render("who-are-you", ("district", district)), data);
            case IntentNames.Help or IntentNames.DontKnow:
                return (HelpFor(person, context.Today), data);
            case IntentNames.Cancel:
                return (replies.Render("nothing-to-cancel"), data);
            case IntentNames.Back or IntentNames.Skip or IntentNames.Restart:
                return (replies.Render("nothing-to-continue"), data);
            default:
                return Answer(route, data, context);
        }
    }

    /// <summary>
    /// A question: a section by number, the reported data, a follow-up on the last subject, then the plan, read as the
    /// asker means it ("xã em" is their commune). What it was about is kept as the conversation's subject.
    /// </summary>
    private (string Reply, ConversationData Next) Answer(Route route, ConversationData data, TurnContext context)
    {
        var text = context.Message.Text;
        var followUps = Content.FollowUps;
        if (followUps.Section(text) is { } section && route.Intent is IntentNames.PlanSection or "plan_content" or "plan_unit_duties" or "plan_who" or IntentNames.OutOfScope)
        {
            return (section.Reply, data with { Subject = section.Subject ?? data.Subject });
        }

        var surePlan = route.Intent.StartsWith("plan_", StringComparison.Ordinal) && route.Confidence >= 0.85;
        if (!surePlan && queries.TryAnswer(text, context.Person, context.Today) is { } fromReports)
        {
            return (fromReports, data);
        }

        var asAsker = followUps.AsAsker(text, context.Person, OwnUnit(context.Person));
        var asked = followUps.WithSubject(asAsker ?? text, data.Subject) ?? asAsker ?? text;
        if (followUps.Roles(asked, data.Subject) is { } roles)
        {
            return (roles.Reply, data with { Subject = roles.Subject });
        }

        var answer = AskPlan(asked, route, OwnUnit(context.Person)?.PlanUnitId);
        if (asAsker is not null && answer.Kind is QuestionKind.OutOfScope or QuestionKind.Unclear or QuestionKind.PlanContent)
        {
            // "đơn vị tôi phải báo cáo những nội dung gì": about the asker's own unit, which the plan answers with its duties.
            var own = Content.Answers.Ask(asked, QuestionKind.UnitDuties);
            answer = own.Units.Count > 0 ? own : answer;
        }
        switch (answer.Kind)
        {
            case QuestionKind.Greeting:
                return (Content.Answers.Greeting(context.Message.User.Name), data);
            case QuestionKind.Help:
                return (HelpFor(context.Person, context.Today), data);
            case QuestionKind.OutOfScope or QuestionKind.Unclear:
                return (Refusal(text), data);
            default:
                return (answer.Text, data with { Subject = followUps.SubjectOf(answer) ?? data.Subject });
        }
    }

    /// <summary>
    /// The plan's answer, with the kind of question the classifier read where the plan answers cannot tell it from the
    /// words alone: a deadline asked with "ai" ("báo cáo lên ai, hạn khi nào"), a unit's duties asked as "thì sao".
    /// </summary>
    /// <param name="askerUnitId">The asker's plan unit: a deadline is answered for their role (a unit: to phòng GD&amp;ĐT
    /// before 10/12; the coordinator: to BTV Huyện ủy before 20/12), as the plan says.</param>
    private Answer AskPlan(string question, Route route, string? askerUnitId)
    {
        QuestionKind? hint = route.Intent switch
        {
            "plan_deadline" => QuestionKind.Deadline,
            "plan_unit_duties" => QuestionKind.UnitDuties,
            "plan_target" => QuestionKind.Target,
            "plan_documents" => QuestionKind.BaseDocuments,
            _ => null,
        };
        if (hint == QuestionKind.Deadline && route.Confidence >= 0.7)
        {
            return Content.Answers.Ask(question, hint, askerUnitId);
        }

        var answer = Content.Answers.Ask(question, null, askerUnitId);
        if (hint is not null && route.Confidence >= IntentClassifierThreshold && answer.Kind != hint
            && answer.Kind is QuestionKind.OutOfScope or QuestionKind.Unclear or QuestionKind.PlanContent)
        {
            var hinted = Content.Answers.Ask(question, hint);
            if (hinted.Kind == hint && (hint != QuestionKind.UnitDuties || hinted.Units.Count > 0))
            {
                return hinted;
            }
        }

        return answer;
    }

    private const double IntentClassifierThreshold = PcgdBot.Dialogs.Understanding.IntentClassifier.ConfidenceThreshold;

    /// <summary>A short refusal and the two or three kinds of question closest to what was asked.</summary>
    private string Refusal(string text)
    {
        var ranking = Content.Router.Classifier.Predict(text).Ranking;
        var keys = ranking.Select(r => SuggestionOf(r.Intent)).OfType<string>().Distinct().Take(2).ToList();
        foreach (var fallback in new[] { "suggest.plan", "suggest.unit", "suggest.help" })
        {
            if (keys.Count < 3 && !keys.Contains(fallback))
            {
                keys.Add(fallback);
            }
        }

        var suggestions = string.Join('\n', keys.Select(k => Content.ChatReplies.Render(k)));
        return Content.ChatReplies.Render("refusal", ("suggestions", suggestions));
    }

    private static string? SuggestionOf(string intent) => intent switch
    {
        "plan_who" or "plan_content" or "plan_section" => "suggest.plan",
        "plan_unit_duties" => "suggest.unit",
        "plan_deadline" => "suggest.deadline",
        "plan_target" => "suggest.target",
        IntentNames.StatusUpdate or IntentNames.EditReport or IntentNames.MyReports => "suggest.report",
        _ when IntentNames.IsDataQuestion(intent) => "suggest.data",
        _ => null,
    };

    /// <summary>"đăng nhập web": a one-time link to the web desk, for coordinators and commune leaders only.</summary>
    private string WebLogin(KnownPerson? person, TurnContext context)
    {
        if (person is null)
        {
            return actions.Text("not-registered");
        }

        if (!person.IsCoordinator && !person.Has(PersonRole.Leader))
        {
            return Content.ChatReplies.Render("web-login.refused");
        }

        var message = context.Message;
        var code = WebSignIn.CreateCode(person.Person.Id, message.ChannelId + ":" + message.User.Id, context.Now, options.WebSignInValidity);
        var baseUrl = (options.DashboardUrl is { Length: > 0 } url ? url : "http://localhost:5000/dieu-phoi").TrimEnd('/');
        var minutes = Math.Max(1, (int)Math.Round(options.WebSignInValidity.TotalMinutes)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Content.ChatReplies.Render("web-login.link", ("link", baseUrl + "/dang-nhap?ma=" + code), ("code", code), ("minutes", minutes));
    }

    /// <summary>What the bot can do, with the line for the asker's role.</summary>
    private string HelpFor(KnownPerson? person, DateOnly today)
    {
        var help = Content.Answers.Ask("trợ giúp").Text;
        if (person is null || OwnUnit(person) is not { } unit)
        {
            return help;
        }

        var role = person.IsCoordinator ? PersonRole.Coordinator : person.Has(PersonRole.Leader) ? PersonRole.Leader : PersonRole.Focal;
        var key = role switch { PersonRole.Coordinator => "help.coordinator", PersonRole.Leader => "help.leader", _ => "help.focal" };
        var deadline = calendar.DeadlineOf(calendar.PeriodOf(today)).ToString("dd/MM", System.Globalization.CultureInfo.InvariantCulture);
        return Content.ChatReplies.Render(key, ("role", actions.RoleName(role)), ("unit", unit.Name), ("deadline", deadline)) + "\n\n" + help;
    }

    /// <summary>The asker's unit: the one they report for (a commune for its people), else the first they belong to.</summary>
    private UnitRecord? OwnUnit(KnownPerson? person) =>
        person?.Memberships.Select(m => actions.Units[m.UnitId]).OfType<UnitRecord>().FirstOrDefault();

    [GeneratedRegex(@"tb-\d+")]
    private static partial Regex BroadcastId();
}
