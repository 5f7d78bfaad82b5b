using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace PcgdBot.Host.Tests.Support;

/// <summary>A log entry at Error or above.</summary>
public sealed record CapturedError(string Category, LogLevel Level, string Message, Exception? Exception);

/// <summary>Keeps the host's errors (Error and Critical) for a test to assert there were none.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    public ConcurrentQueue<CapturedError> Errors { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner.Errors.Enqueue(new CapturedError(category, logLevel, formatter(state, exception), exception));
            }
        }
    }
}
