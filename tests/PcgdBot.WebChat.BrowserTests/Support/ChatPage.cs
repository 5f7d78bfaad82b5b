using Microsoft.Playwright;

namespace PcgdBot.WebChat.BrowserTests.Support;

/// <summary>
/// The web chat page in one browser tab, as a person uses it: reads the bot's bubbles, types, presses the suggested
/// buttons. Every request the tab makes is recorded (to check none leaves the host) and the bytes received are counted
/// through the DevTools protocol.
/// </summary>
public sealed class ChatPage(IPage page, ICDPSession devTools, string origin)
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private const string BotBubbles = ".webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content";
    private long bytesReceived;

    public IPage Page => page;

    public List<string> Requests { get; } = [];

    /// <summary>Bytes received on the wire (headers and compressed bodies) since the last <see cref="ResetBytes"/>.</summary>
    public long BytesReceived => Interlocked.Read(ref bytesReceived);

    public static async Task<ChatPage> OpenAsync(IBrowserContext context, string origin)
    {
        var page = await context.NewPageAsync();
        var devTools = await context.NewCDPSessionAsync(page);
        var chat = new ChatPage(page, devTools, origin);
        page.Request += (_, request) => chat.Requests.Add(request.Url);
        page.WebSocket += (_, socket) => chat.Requests.Add(socket.Url);
        await devTools.SendAsync("Network.enable");
        devTools.Event("Network.loadingFinished").OnEvent += (_, e) =>
        {
            if (e is { } payload && payload.TryGetProperty("encodedDataLength", out var length))
            {
                Interlocked.Add(ref chat.bytesReceived, (long)length.GetDouble());
            }
        };
        return chat;
    }

    /// <summary>A slow link as in the border communes, emulated by Chromium: bandwidth in kbit/s, round trip in ms.</summary>
    public Task ThrottleAsync(int kilobitsPerSecond, int roundTripMs) =>
        devTools.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
        {
            ["offline"] = false,
            ["latency"] = roundTripMs,
            ["downloadThroughput"] = kilobitsPerSecond * 1000 / 8,
            ["uploadThroughput"] = kilobitsPerSecond * 1000 / 8,
        });

    public void ResetBytes() => Interlocked.Exchange(ref bytesReceived, 0);

    public async Task GotoAsync(string pathAndQuery = "/")
    {
        await page.GotoAsync(origin + pathAndQuery, new PageGotoOptions { Timeout = (float)Wait.TotalMilliseconds });
        await WaitForBotCountAsync(1);
    }

    public async Task ReloadAsync()
    {
        await page.ReloadAsync(new PageReloadOptions { Timeout = (float)Wait.TotalMilliseconds });
        await WaitForBotCountAsync(1);
    }

    public Task<int> BotCountAsync() => page.Locator(BotBubbles).CountAsync();

    public async Task<string> LastBotTextAsync() => await page.Locator(BotBubbles).Last.InnerTextAsync();

    public async Task<IReadOnlyList<string>> BotTextsAsync() => await page.Locator(BotBubbles).AllInnerTextsAsync();

    /// <summary>Types into Web Chat's send box and presses Enter; returns the bot's answer.</summary>
    public Task<string> SayAsync(string text) => AnswerToAsync(async () =>
    {
        var box = page.Locator("[data-id='webchat-sendbox-input']");
        await box.FillAsync(text);
        await box.PressAsync("Enter");
    });

    /// <summary>Presses the suggested-action button with this label; returns the bot's answer.</summary>
    public Task<string> PressAsync(string label) => AnswerToAsync(() =>
        page.Locator(".webchat__suggested-action", new PageLocatorOptions { HasText = label }).First.ClickAsync(new LocatorClickOptions { Timeout = (float)Wait.TotalMilliseconds }));

    public async Task<IReadOnlyList<string>> SuggestedActionsAsync() =>
        await page.Locator(".webchat__suggested-action").AllInnerTextsAsync();

    /// <summary>Presses one of the page's example questions; returns the bot's answer.</summary>
    public Task<string> AskExampleAsync(string question) => AnswerToAsync(() =>
        page.Locator($"button[data-question='{question}']:not([disabled])").ClickAsync(new LocatorClickOptions { Timeout = (float)Wait.TotalMilliseconds }));

    /// <summary>The conversation this tab talks in (the page puts it on its body).</summary>
    public Task<string?> ConversationIdAsync() => page.Locator("body").GetAttributeAsync("data-conversation");

    /// <summary>A Direct Line call made from inside the tab with its own fresh token; returns the HTTP status.</summary>
    public async Task<int> StatusOfActivitiesWithOwnTokenAsync(string conversationId) =>
        await page.EvaluateAsync<int>(@"async (conversationId) => {
            const identity = localStorage.getItem('pcgdbot.identity');
            const session = await (await fetch('/v3/directline/tokens/generate', { method: 'POST', headers: { Authorization: 'Bearer ' + identity } })).json();
            const response = await fetch('/v3/directline/conversations/' + encodeURIComponent(conversationId) + '/activities?watermark=', { headers: { Authorization: 'Bearer ' + session.token } });
            return response.status;
        }", conversationId);

    public Task ScreenshotAsync(string path) => page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });

    private async Task<string> AnswerToAsync(Func<Task> act)
    {
        var before = await BotCountAsync();
        await act();
        await WaitForBotCountAsync(before + 1);
        return await LastBotTextAsync();
    }

    private async Task WaitForBotCountAsync(int count)
    {
        await page.WaitForFunctionAsync(
            "([selector, count]) => document.querySelectorAll(selector).length >= count",
            new object[] { BotBubbles, count },
            new PageWaitForFunctionOptions { Timeout = (float)Wait.TotalMilliseconds, PollingInterval = 50 });
    }
}
