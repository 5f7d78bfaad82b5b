using Microsoft.Extensions.Options;
using PcgdBot.Conversations;
using PcgdBot.Reminders.Outbox;
using PcgdBot.Reminders.Schedule;
using PcgdBot.Storage;

namespace PcgdBot.Host.Channels;

/// <summary>Broadcast delivery (the outbox sender) and the reminder schedule in the host.</summary>
public static class ReminderHosting
{
    public static TBuilder AddReminders<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        var services = builder.Services;
        services.AddOptions<OutboxOptions>().BindConfiguration("Outbox");
        services.AddSingleton<UndeliveredReplies>();
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<OutboxOptions>>().Value);
        services.AddSingleton<IOutboxTransport>(provider => new AdapterOutboxTransport(
            provider, provider.GetRequiredService<ChatEngine>().Broadcasts, provider.GetRequiredService<ILogger<AdapterOutboxTransport>>()));
        services.AddSingleton(provider =>
        {
            var sender = new OutboxSender(
                provider.GetRequiredService<ChatEngine>().Outbox,
                provider.GetRequiredService<IOutboxTransport>(),
                provider.GetRequiredService<OutboxOptions>(),
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILogger<OutboxSender>>());

            // A confirmed broadcast starts going out at once rather than at the next poll.
            provider.GetRequiredService<ChatEngine>().Broadcasts.Queued = sender.Wake;
            return sender;
        });
        services.AddHostedService(provider => provider.GetRequiredService<OutboxSender>());

        services.AddSingleton(provider => ReminderSchedule.Load(provider.GetRequiredService<PcgdBotContent>().Directory));
        services.AddSingleton(provider => new ReminderRunStore(provider.GetRequiredService<PcgdBotDatabase>()));
        services.AddSingleton<IReminderDispatcher, ReminderDispatcher>();
        services.AddHostedService(provider => new ReminderScheduler(
            provider.GetRequiredService<ReminderSchedule>(),
            provider.GetRequiredService<ReminderRunStore>(),
            provider.GetRequiredService<IReminderDispatcher>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<ReminderScheduler>>()));
        return builder;
    }
}
