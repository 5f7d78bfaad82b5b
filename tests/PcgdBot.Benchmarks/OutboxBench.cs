using System.Diagnostics;
using PcgdBot.Reminders.Outbox;
using PcgdBot.Storage;
using PcgdBot.Telegram;
using PcgdBot.Telegram.Tests.StandIn;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.Enums;

namespace PcgdBot.Benchmarks;

/// <summary>
/// <c>outbox [recipients] [limit]</c>: a broadcast to many recipients through the durable outbox and the real Telegram.Bot
/// client into the stand-in Bot API, paced at <c>limit</c> messages/s: achieved rate (≥ 95 % of the limit is the target),
/// the most calls in any one second (above the limit a real platform would answer 429), duplicates; then the raw outbox
/// throughput with limits off (a transport that accepts at once).
/// </summary>
public static class OutboxBench
{
    public static async Task<int> RunAsync(int recipients, int limit)
    {
        var folder = Path.Combine(Path.GetTempPath(), "pcgdbot-outboxbench-" + Guid.NewGuid().ToString("N"));
        await using var api = await TelegramStandIn.StartAsync();
        using (var database = PcgdBotDatabase.Open(Path.Combine(folder, "paced.db")))
        {
            var options = new TelegramAdapterOptions { Token = api.Token, ApiBaseUrl = api.BaseUrl };
            var transport = new StandInTransport(new TelegramBotApiClient(options, new HttpClient()));
            var result = await OutboxThroughput.RunAsync(database, transport, recipients, limit, CancellationToken.None);
            var sent = api.Sent;
            var duplicates = sent.Count - sent.Select(m => m.ChatId).Distinct().Count();
            var busiest = BusiestSecond(sent.Select(m => m.At).Order().ToList());
            Console.WriteLine($"{recipients:N0} recipients at {limit}/s: achieved {result.AchievedPerSecond:N1}/s ({result.PercentOfLimit:N1} % of the limit) in {result.Elapsed.TotalSeconds:N1} s");
            Console.WriteLine($"  most calls in any one second: {busiest} (limit {limit}; 429s a platform enforcing it would answer: {Math.Max(0, busiest - limit)}), duplicates: {duplicates}, sent: {result.Sent:N0}");
        }

        using (var database = PcgdBotDatabase.Open(Path.Combine(folder, "raw.db")))
        {
            var result = await OutboxThroughput.RunAsync(database, new InstantTransport(), recipients, 0, CancellationToken.None);
            Console.WriteLine($"limits off: {result.RecordsPerSecond:N0} records/s settled (enqueue of {recipients:N0} in one transaction: {result.EnqueueElapsed.TotalMilliseconds:N0} ms)");
        }

        Directory.Delete(folder, recursive: true);
        return 0;
    }

    /// <summary>The largest number of calls within any one-second window.</summary>
    private static int BusiestSecond(List<DateTimeOffset> times)
    {
        var busiest = 0;
        var start = 0;
        for (var end = 0; end < times.Count; end++)
        {
            while (times[end] - times[start] >= TimeSpan.FromSeconds(1))
            {
                start++;
            }

            busiest = Math.Max(busiest, end - start + 1);
        }

        return busiest;
    }

    /// <summary>Sends each record as a Telegram message to its own chat in the stand-in.</summary>
    private sealed class StandInTransport(ITelegramClient client) : IOutboxTransport
    {
        public async Task<SendOutcome> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            var chat = 7_000_000_000L + long.Parse(message.ConversationId[(message.ConversationId.LastIndexOf('-') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            try
            {
                var sent = await client.SendMessageAsync(chat, message.Text, ParseMode.None, null, cancellationToken);
                return new SendOutcome.Accepted(sent.MessageId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            catch (ApiRequestException error) when (error.ErrorCode == 429)
            {
                return new SendOutcome.Transient(error.Message, TimeSpan.FromSeconds(error.Parameters?.RetryAfter ?? 1));
            }
            catch (ApiRequestException error) when (error.ErrorCode == 403)
            {
                return new SendOutcome.Unreachable(error.Message);
            }
            catch (ApiRequestException error)
            {
                return new SendOutcome.Rejected(error.Message);
            }
            catch (Exception error) when (error is RequestException or HttpRequestException)
            {
                return new SendOutcome.Transient(error.Message);
            }
        }
    }

    private sealed class InstantTransport : IOutboxTransport
    {
        public Task<SendOutcome> SendAsync(OutboxMessage message, CancellationToken cancellationToken) =>
            Task.FromResult<SendOutcome>(new SendOutcome.Accepted(message.Id));
    }
}
