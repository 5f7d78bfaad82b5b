using System.Text;
using System.Text.RegularExpressions;
using PcgdBot.Conversations.Tests.Support;
using PcgdBot.Storage.Reporting;
using Xunit.Abstractions;

namespace PcgdBot.Conversations.Tests.Evaluation;

/// <summary>
/// The development set of realistic conversations (<c>Data/conversations/scenarios-dev.yaml</c>, copied from the shared
/// evaluation with its runner), played in-process against the real engine on a fresh LiteDB file per scenario, with the
/// runner's matching. Required: at least 95 % of checks and 90 % of scenarios; the score and every failure are printed.
/// </summary>
public sealed class DevelopmentConversationsTests(ContentFixture fixture, ITestOutputHelper output) : IClassFixture<ContentFixture>
{
    private static readonly string ScenarioFile = Path.Combine(AppContext.BaseDirectory, "Data", "conversations", "scenarios-dev.yaml");

    [Fact]
    public async Task Development_conversations_pass_at_least_95_percent_of_checks_and_90_percent_of_scenarios()
    {
        var content = fixture.Content;
        var scenarios = ScenarioMatching.Load(ScenarioFile);
        var only = Environment.GetEnvironmentVariable("PCGDBOT_SCENARIOS")?.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        var checks = 0;
        var passed = 0;
        var fullyPassed = 0;
        var report = new StringBuilder();
        foreach (var scenario in scenarios.Where(s => only is null || only.Contains(s.Id)))
        {
            var (scenarioPassed, scenarioChecks, log) = await Run(scenario, content);
            checks += scenarioChecks;
            passed += scenarioPassed;
            fullyPassed += scenarioPassed == scenarioChecks ? 1 : 0;
            report.AppendLine($"{scenario.Id,-6} {scenarioPassed}/{scenarioChecks} {(scenarioPassed == scenarioChecks ? "PASS" : "FAIL")}  {scenario.Title}");
            if (scenarioPassed != scenarioChecks || only is not null)
            {
                report.Append(log);
            }
        }

        var count = only is null ? scenarios.Count : scenarios.Count(s => only.Contains(s.Id));
        var score = $"{passed}/{checks} checks passed, {fullyPassed}/{count} scenarios fully passed";
        output.WriteLine(report.ToString());
        output.WriteLine(score);
        Console.WriteLine(score);
        Assert.True(passed >= 0.95 * checks && fullyPassed >= 0.9 * count, score);
    }

    private static async Task<(int Passed, int Checks, string Log)> Run(Scenario scenario, PcgdBotContent content)
    {
        using var bot = new BotHarness(content, new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero));
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var log = new StringBuilder();
        var passed = 0;
        var checks = 0;
        foreach (var invite in scenario.Invites)
        {
            var role = invite.Role switch { "leader" => PersonRole.Leader, "coordinator" => PersonRole.Coordinator, _ => PersonRole.Focal };
            var made = bot.Engine.CreateInvite(invite.Unit, invite.Member, role, "eval");
            checks += made.Code is null ? 1 : 0;
            values[invite.Name] = made.Code ?? string.Empty;
        }

        foreach (var session in scenario.Sessions)
        {
            foreach (var turn in session.Turns)
            {
                var message = ScenarioMatching.Substitute(turn.Say, values);
                // The chat command's conversation: channel "cli", conversation "cli-<user>".
                var replies = await bot.Engine.HandleAsync(new ChatMessage("cli", "cli-" + session.User, new ChatUser(session.User), message), CancellationToken.None);
                var reply = string.Join("\n", replies.Select(r => r.Text));
                log.AppendLine($"  > {message}").AppendLine("    " + reply.Replace("\n", "\n    ", StringComparison.Ordinal));
                if (turn.Capture is { } capture)
                {
                    var match = Regex.Match(reply, capture.Pattern);
                    values[capture.Name] = match.Success ? match.Groups[1].Value : values.GetValueOrDefault(capture.Name, "NOCODE");
                }

                foreach (var (pattern, must) in turn.Must.Select(p => (p, true)).Concat(turn.MustNot.Select(p => (p, false))))
                {
                    var ok = ScenarioMatching.Found(pattern, reply) == must;
                    checks++;
                    passed += ok ? 1 : 0;
                    if (!ok)
                    {
                        log.AppendLine($"    [FAIL] {(must ? "must" : "must_not")}: {pattern}");
                    }
                }
            }
        }

        return (passed, checks, log.ToString());
    }
}
