namespace PcgdBot.Host.Web;

/// <summary>The bot cannot start (its content is missing or malformed); the message says what to fix.</summary>
internal sealed class BotStartupException(string message, Exception innerException) : Exception(message, innerException);
