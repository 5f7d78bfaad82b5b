using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PcgdBot.Telegram.Tests;

/// <summary>The Telegram settings as the host reads them at start-up.</summary>
public sealed class TelegramConfigurationTests
{
    private sealed class CapturedLogs : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturedLogs owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Lines.Enqueue(formatter(state, exception));
        }
    }

    private sealed class Host(Dictionary<string, string?> settings, CapturedLogs logs) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureLogging(logging => logging.AddProvider(logs));
        }
    }

    private static Dictionary<string, string?> Settings(params (string Key, string? Value)[] extra)
    {
        var settings = new Dictionary<string, string?> { ["Bot:DatabasePath"] = Path.Combine(Path.GetTempPath(), "pcgdbot-cfg-" + Guid.NewGuid().ToString("N"), "bot.db") };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    [Fact]
    public async Task Without_a_token_the_host_runs_without_telegram_and_says_so_once()
    {
        var logs = new CapturedLogs();
        await using var host = new Host(Settings(), logs);

        using var response = await host.CreateClient().GetAsync("/healthz");
        using var webhook = await host.CreateClient().PostAsync("/api/telegram", new StringContent("{}"));

        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, webhook.StatusCode);
        Assert.Single(logs.Lines, line => line.Contains("Telegram is off", StringComparison.Ordinal));
        Assert.Null(host.Services.GetService<TelegramAdapter>());
    }

    [Fact]
    public async Task Invalid_settings_stop_the_start_with_one_line_naming_each_problem_and_no_stack_trace()
    {
        var folder = Path.Combine(Path.GetTempPath(), "pcgdbot-cfg-" + Guid.NewGuid().ToString("N"));
        var (exitCode, output, error) = await PcgdBot.Host.Tests.Support.HostProcess.RunAsync(
            string.Empty,
            "serve",
            "--urls=http://127.0.0.1:0",
            "--db", Path.Combine(folder, "bot.db"),
            "--Telegram:Token=not-a-token",
            "--Telegram:Mode=webhook",
            "--Telegram:PublicUrl=http://bot.example.vn");

        Assert.NotEqual(0, exitCode);
        var lines = (output + error).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var line = Assert.Single(lines, l => l.Contains("Telegram:Token", StringComparison.Ordinal));
        Assert.Contains("Telegram:PublicUrl", line, StringComparison.Ordinal);
        Assert.Contains("Telegram:WebhookSecret", line, StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.StartsWith("at ", StringComparison.Ordinal) || l.Contains("Exception", StringComparison.Ordinal));
    }
}
