using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using PcgdBot.Channels;
using PcgdBot.Host.Tests.Support;
using PcgdBot.Telegram.Tests.StandIn;
using Xunit.Abstractions;

namespace PcgdBot.Telegram.Tests;

/// <summary>
/// kill -9 under webhook load: the real host process (<c>dotnet PcgdBot.Host.dll serve</c>, loopback) takes 2,000
/// updates posted as Telegram would (several at once, anything not answered 2xx posted again after the restart) and is
/// killed with SIGKILL 10 times. Every acknowledged update is answered, none is lost at start-up, and the updates answered
/// twice stay within the stated bound: per crash, at most the webhook calls in flight at that moment.
/// </summary>
[Trait("Category", "Long")]
public sealed class TelegramKillLoopTests(ITestOutputHelper output)
{
    private const int Updates = 2_000;
    private const int Kills = 10;

    /// <summary>The webhook calls in flight at once (Telegram's max_connections plays this part; 40 by default).</summary>
    private const int Concurrency = 8;

    private const string Secret = "kill-loop-secret";
    private const long FirstChat = 7_000_000_000;

    [Fact]
    public async Task Every_acknowledged_update_is_answered_across_ten_kills_and_repeats_stay_within_the_in_flight_bound()
    {
        await using var api = await TelegramStandIn.StartAsync();
        var folder = Path.Combine(Path.GetTempPath(), "pcgdbot-kill-" + Guid.NewGuid().ToString("N"));
        var port = KestrelBotHost.FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };

        // One update per chat, so each reply names its update.
        var pending = new ConcurrentQueue<QueuedUpdate>();
        var chats = new Dictionary<long, long>();
        for (var i = 0; i < Updates; i++)
        {
            var chat = FirstChat + i;
            var update = api.EnqueueText(chat, chat, i % 2 == 0 ? "Hạn nộp báo cáo là khi nào?" : "xin chào");
            chats[update.UpdateId] = chat;
            pending.Enqueue(update);
        }

        var acknowledged = new ConcurrentDictionary<long, int>();
        var random = new Random(15);
        var notAcknowledged = 0;
        try
        {
            for (var round = 0; round <= Kills; round++)
            {
                await using var host = HostProcess.Start(
                    "serve", $"--urls={baseUrl}", "--db", Path.Combine(folder, "bot.db"),
                    $"--Telegram:Token={api.Token}", $"--Telegram:ApiBaseUrl={api.BaseUrl}", "--Telegram:Mode=webhook",
                    $"--Telegram:PublicUrl={baseUrl}", $"--Telegram:WebhookSecret={Secret}", "--Telegram:TypingDelay=00:00:05",
                    "--Logging:LogLevel:Default=Warning");
                await WaitUntilReadyAsync(http, host);

                // Kill after a random share of this round's updates (the last round runs to the end).
                var killAfter = round < Kills ? acknowledged.Count + random.Next(100, 260) : int.MaxValue;
                using var stop = new CancellationTokenSource();
                var posters = Enumerable.Range(0, Concurrency).Select(_ => Task.Run(async () =>
                {
                    while (!stop.IsCancellationRequested && pending.TryDequeue(out var update))
                    {
                        var status = await PostAsync(http, update);
                        if (status is >= 200 and < 300)
                        {
                            acknowledged.AddOrUpdate(update.UpdateId, 1, (_, n) => n + 1);
                            if (acknowledged.Count >= killAfter)
                            {
                                await stop.CancelAsync();
                            }
                        }
                        else
                        {
                            // Telegram delivers it again later.
                            Interlocked.Increment(ref notAcknowledged);
                            pending.Enqueue(update);
                            if (status == 0)
                            {
                                await Task.Delay(50);
                            }
                        }
                    }
                })).ToArray();

                if (round < Kills)
                {
                    await stop.Token.WaitHandle.WaitOneAsync(TimeSpan.FromMinutes(2));

                    // SIGKILL with calls still in flight.
                    host.KillHard();
                    await Task.WhenAll(posters);
                }
                else
                {
                    await Task.WhenAll(posters);
                    Assert.True(pending.IsEmpty, $"{pending.Count} updates never acknowledged");

                    // Everything acknowledged is answered (the replies go out before the 200).
                    await WaitUntilAsync(() => chats.Values.All(chat => api.SentTo(chat).Count > 0), TimeSpan.FromSeconds(60));
                }
            }
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // The OS cleans temp files.
            }
        }

        var unanswered = acknowledged.Keys.Where(id => api.SentTo(chats[id]).Count == 0).ToList();
        var repeats = chats.Values.Sum(chat => Math.Max(0, api.SentTo(chat).Count - 1));
        var notes = api.Sent.Count(m => m.PlainText?.Contains("chưa xử lý được tin nhắn", StringComparison.Ordinal) == true);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"kill -9 loop: {Updates} updates, {Kills} kills, {acknowledged.Count} acknowledged, {notAcknowledged} posts not acknowledged (re-posted), "
            + $"{unanswered.Count} acknowledged but unanswered, {repeats} answered twice (bound {Kills * Concurrency} = kills × in-flight {Concurrency}), {notes} give-up notes"));

        Assert.Equal(Updates, acknowledged.Count);
        Assert.Empty(unanswered);
        Assert.InRange(repeats, 0, Kills * Concurrency);
        Assert.Equal(0, notes);
    }

    private static async Task<int> PostAsync(HttpClient http, QueuedUpdate update)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, TelegramAdapterOptions.WebhookPath) { Content = new StringContent(update.Json, Encoding.UTF8, "application/json") };
            request.Headers.Add(TelegramAdapter.SecretHeader, Secret);
            using var response = await http.SendAsync(request);
            return (int)response.StatusCode;
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException or IOException)
        {
            // Killed mid-call, or not listening yet.
            return 0;
        }
    }

    private static async Task WaitUntilReadyAsync(HttpClient http, HostProcess host)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await http.GetAsync("/healthz");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("the host did not start: " + host.Error);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
    }
}

internal static class WaitHandleExtensions
{
    public static Task WaitOneAsync(this WaitHandle handle, TimeSpan timeout)
    {
        var done = new TaskCompletionSource();
        var registration = ThreadPool.RegisterWaitForSingleObject(handle, (_, _) => done.TrySetResult(), null, timeout, executeOnlyOnce: true);
        return done.Task.ContinueWith(_ => registration.Unregister(null), TaskScheduler.Default);
    }
}
