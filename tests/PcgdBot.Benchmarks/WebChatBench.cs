using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;

namespace PcgdBot.Benchmarks;

/// <summary>
/// <c>webchat [conversations] [questions]</c>: the host on Kestrel (loopback) and that many web conversations at once,
/// each as Web Chat runs it: tokens/generate, conversation start, the WebSocket stream, then questions one after the
/// other (the next when the answer came). Reports answers/s, send→reply latency (POST start to the answer on the socket),
/// memory, and every error (non-2xx, a missing echo or answer).
/// </summary>
public static class WebChatBench
{
    private static readonly string[] Questions =
    [
        "Ai chủ trì tham mưu tuyển dụng giáo viên?",
        "UBND xã cần làm gì?",
        "Hạn nộp báo cáo là khi nào?",
        "ai phu trach xoa mu chu",
        "Mục tiêu xóa mù chữ đến 2030?",
        "nhiem vu cua phong giao duc",
        "Phòng Nội vụ phải làm gì?",
        "Kế hoạch thực hiện chỉ thị nào?",
        "huyện đoàn làm gì",
        "ai phối hợp với phòng GD&ĐT về phân luồng học sinh?",
    ];

    public static async Task<int> RunAsync(int conversations, int questions)
    {
        await using var host = await BenchHost.StartAsync(_ => new Dictionary<string, string?>
        {
            ["WebChat:StartsPerMinutePerIp"] = "1000000",
            ["WebChat:PostsPerMinutePerIp"] = "1000000",
        });
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = conversations + 10 }) { BaseAddress = new Uri(host.BaseUrl + "/v3/directline/"), Timeout = TimeSpan.FromSeconds(60) };

        // Warm-up: one conversation, a few questions (JIT, index, LiteDB pages).
        await RunConversationAsync(http, 3, new ConcurrentBag<double>(), new ConcurrentBag<string>());

        var latencies = new ConcurrentBag<double>();
        var errors = new ConcurrentBag<string>();
        GC.Collect();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, conversations).Select(_ => Task.Run(() => RunConversationAsync(http, questions, latencies, errors))));
        clock.Stop();

        var sorted = latencies.Order().ToArray();
        var process = Process.GetCurrentProcess();
        Console.WriteLine($"webchat: {conversations} concurrent conversations × {questions} questions over WebSocket + HTTP POST on loopback, {Environment.ProcessorCount} cores");
        Console.WriteLine($"answers: {sorted.Length} in {clock.Elapsed.TotalSeconds:F2} s = {sorted.Length / clock.Elapsed.TotalSeconds:F0} answers/s (conversation starts included)");
        if (sorted.Length > 0)
        {
            Console.WriteLine($"send→reply: p50 {Percentile(sorted, 0.50):F1} ms, p90 {Percentile(sorted, 0.90):F1} ms, p99 {Percentile(sorted, 0.99):F1} ms, max {sorted[^1]:F1} ms");
        }

        Console.WriteLine($"memory: working set {process.WorkingSet64 / 1048576.0:F0} MB, peak {process.PeakWorkingSet64 / 1048576.0:F0} MB, managed heap {GC.GetTotalMemory(false) / 1048576.0:F0} MB (host and clients in one process)");
        Console.WriteLine($"errors: {errors.Count}");
        foreach (var error in errors.Distinct().Take(10))
        {
            Console.WriteLine("  " + error);
        }

        return errors.IsEmpty && sorted.Length == conversations * questions ? 0 : 1;
    }

    private static async Task RunConversationAsync(HttpClient http, int questions, ConcurrentBag<double> latencies, ConcurrentBag<string> errors)
    {
        try
        {
            var generate = await http.PostAsync("tokens/generate", null);
            generate.EnsureSuccessStatusCode();
            var session = await generate.Content.ReadFromJsonAsync<JsonElement>();
            var token = session.GetProperty("token").GetString()!;
            var conversationId = session.GetProperty("conversationId").GetString()!;
            using var start = new HttpRequestMessage(HttpMethod.Post, "conversations");
            start.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var started = await http.SendAsync(start);
            started.EnsureSuccessStatusCode();
            var streamUrl = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("streamUrl").GetString()!;

            using var socket = new ClientWebSocket();
            await socket.ConnectAsync(new Uri(streamUrl), CancellationToken.None);
            var answers = new ConcurrentDictionary<string, TaskCompletionSource<long>>();
            using var stop = new CancellationTokenSource();
            var receiving = ReceiveAsync(socket, answers, stop.Token);
            for (var i = 0; i < questions; i++)
            {
                var clientId = Guid.NewGuid().ToString("N");
                var answered = answers.GetOrAdd(clientId, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));
                var sent = Stopwatch.GetTimestamp();
                using var post = new HttpRequestMessage(HttpMethod.Post, $"conversations/{conversationId}/activities");
                post.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                post.Content = JsonContent.Create(new { type = "message", text = Questions[i % Questions.Length], from = new { id = "u", role = "user" }, channelData = new { clientActivityID = clientId } });
                var response = await http.SendAsync(post);
                if (!response.IsSuccessStatusCode)
                {
                    errors.Add($"POST activities: {(int)response.StatusCode}");
                    continue;
                }

                var finished = await Task.WhenAny(answered.Task, Task.Delay(TimeSpan.FromSeconds(30)));
                if (finished != answered.Task)
                {
                    errors.Add("no answer on the socket within 30 s");
                    continue;
                }

                latencies.Add(Stopwatch.GetElapsedTime(sent, answered.Task.Result).TotalMilliseconds);
            }

            // Closed as a browser closes it: our side first, then the server answers the close and the reader ends.
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            stop.CancelAfter(TimeSpan.FromSeconds(10));
            try
            {
                await receiving;
            }
            catch (OperationCanceledException)
            {
                errors.Add("the server did not close the stream");
            }
        }
        catch (Exception error) when (error is HttpRequestException or WebSocketException or JsonException or TaskCanceledException)
        {
            errors.Add(error.GetType().Name + ": " + error.Message);
        }
    }

    /// <summary>The stream: the echo names the client id of a message, the bot's answer replies to the echo's id.</summary>
    private static async Task ReceiveAsync(ClientWebSocket socket, ConcurrentDictionary<string, TaskCompletionSource<long>> answers, CancellationToken stop)
    {
        var clientIdOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (!stop.IsCancellationRequested && socket.State == WebSocketState.Open)
        {
            message.SetLength(0);
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer, stop);
                message.Write(buffer, 0, result.Count);
            }
            while (!result.EndOfMessage);

            if (result.MessageType == WebSocketMessageType.Close)
            {
                return;
            }

            if (message.Length == 0)
            {
                continue;
            }

            var arrived = Stopwatch.GetTimestamp();
            using var set = JsonDocument.Parse(message.ToArray());
            foreach (var activity in set.RootElement.GetProperty("activities").EnumerateArray())
            {
                var role = activity.GetProperty("from").GetProperty("role").GetString();
                if (role == "user" && activity.TryGetProperty("channelData", out var data) && data.TryGetProperty("clientActivityID", out var clientId))
                {
                    clientIdOf[activity.GetProperty("id").GetString()!] = clientId.GetString()!;
                }
                else if (role == "bot" && activity.GetProperty("type").GetString() == "message"
                    && activity.TryGetProperty("replyToId", out var replyTo) && clientIdOf.TryGetValue(replyTo.GetString()!, out var asked)
                    && answers.TryGetValue(asked, out var answered))
                {
                    answered.TrySetResult(arrived);
                }
            }
        }
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
