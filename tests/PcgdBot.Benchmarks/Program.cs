using BenchmarkDotNet.Running;
using PcgdBot.Benchmarks;

// dotnet run -c Release --project tests/PcgdBot.Benchmarks -- --filter '*' [--job short]
// dotnet run -c Release --project tests/PcgdBot.Benchmarks -- storage-memory [people] [updates]
// dotnet run -c Release --project tests/PcgdBot.Benchmarks -- telegram-webhook [updates] [concurrency]
if (args.Length > 0 && args[0] == "telegram-webhook")
{
    return await TelegramWebhookBench.RunAsync(
        args.Length > 1 ? int.Parse(args[1]) : 5_000,
        args.Length > 2 ? int.Parse(args[2]) : 16);
}

// dotnet run -c Release --project tests/PcgdBot.Benchmarks -- zalo-oa-webhook [events] [rate]
if (args.Length > 0 && args[0] == "zalo-oa-webhook")
{
    return await ZaloOaWebhookBench.RunAsync(
        args.Length > 1 ? int.Parse(args[1]) : 10_000,
        args.Length > 2 ? int.Parse(args[2]) : 500);
}

// dotnet run -c Release --project tests/PcgdBot.Benchmarks -- outbox [recipients] [limit]
if (args.Length > 0 && args[0] == "outbox")
{
    return await OutboxBench.RunAsync(
        args.Length > 1 ? int.Parse(args[1]) : 10_000,
        args.Length > 2 ? int.Parse(args[2]) : 30);
}

// dotnet run -c Release --project tests/PcgdBot.Benchmarks -- fuzz-messages [payloads] [seed]
if (args.Length > 0 && args[0] == "fuzz-messages")
{
    return await FuzzMessagesBench.RunAsync(
        args.Length > 1 ? int.Parse(args[1]) : 20_000,
        args.Length > 2 ? ulong.Parse(args[2]) : 20261207);
}

// dotnet run -c Release --project tests/PcgdBot.Benchmarks -- fuzz-webhooks [payloads] [seed]
if (args.Length > 0 && args[0] == "fuzz-webhooks")
{
    return await FuzzWebhooksBench.RunAsync(
        args.Length > 1 ? int.Parse(args[1]) : 20_000,
        args.Length > 2 ? ulong.Parse(args[2]) : 20261207);
}

// dotnet run -c Release --project tests/PcgdBot.Benchmarks -- webchat [conversations] [questions]
if (args.Length > 0 && args[0] == "webchat")
{
    return await WebChatBench.RunAsync(
        args.Length > 1 ? int.Parse(args[1]) : 200,
        args.Length > 2 ? int.Parse(args[2]) : 10);
}

// dotnet build -c Release src/PcgdBot.Host && dotnet run -c Release --project tests/PcgdBot.Benchmarks -- ask-throughput [questions] [PcgdBot.Host.dll]
if (args.Length > 0 && args[0] == "ask-throughput")
{
    return await AskThroughputBench.RunAsync(
        args.Length > 1 ? int.Parse(args[1]) : 12_000,
        args.Length > 2 ? args[2] : null);
}

// dotnet run -c Release --project tests/PcgdBot.Benchmarks -- ask-allocation [questions]
if (args.Length > 0 && args[0] == "ask-allocation")
{
    return AskAllocationBench.Run(args.Length > 1 ? int.Parse(args[1]) : 12_000);
}

// dotnet build -c Release src/PcgdBot.Host && dotnet run -c Release --project tests/PcgdBot.Benchmarks -- startup [runs] [PcgdBot.Host.dll]
if (args.Length > 0 && args[0] == "startup")
{
    return await StartupBench.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 5, args.Length > 2 ? args[2] : null);
}

if (args.Length > 0 && args[0] == "startup-probe")
{
    return StartupBench.Probe(args.Length > 1 ? args[1] : "whole");
}

if (args.Length > 0 && args[0] == "storage-memory")
{
    return await StorageMemory.RunAsync(
        args.Length > 1 ? int.Parse(args[1]) : 10_000,
        args.Length > 2 ? int.Parse(args[2]) : 100_000);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;

public partial class Program;
