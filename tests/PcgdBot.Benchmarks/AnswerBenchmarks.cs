using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using PcgdBot.Conversations;

namespace PcgdBot.Benchmarks;

/// <summary>Questions answered per second on one thread, after warm-up: 1 / mean of <see cref="Ask"/>.</summary>
[MemoryDiagnoser]
public class AnswerBenchmarks
{
    // A mix of the kinds users send: who, duties, deadlines, targets, documents, out of scope, no diacritics.
    private static readonly string[] Questions =
    [
        "Ai chủ trì tham mưu tuyển dụng giáo viên?",
        "ai phu trach cap dat xay truong hoc",
        "UBND xã cần làm gì?",
        "nhiem vu cua phong giao duc",
        "Hạn nộp báo cáo là khi nào?",
        "Mục tiêu xóa mù chữ đến 2030?",
        "Kế hoạch này thực hiện chỉ thị nào?",
        "Ai mở lớp bồi dưỡng nghề cho người lao động tại TTHTCĐ?",
        "Giá phân bón hôm nay bao nhiêu?",
        "ai van dong hoc sinh dan toc thieu so o bien gioi di hoc dung do tuoi",
        "Ai cùng phòng GD&ĐT xây dựng kế hoạch tuyên truyền?",
        "Đồn Biên phòng có nhiệm vụ gì?",
    ];

    private PcgdBotContent content = null!;
    private int next;

    [GlobalSetup]
    public void Setup() => content = PcgdBotContent.Load(PcgdBotContent.DefaultDirectory);

    [GlobalCleanup]
    public void Cleanup() => content.Dispose();

    [Benchmark]
    public int Ask() => content.Answers.Ask(Questions[next++ % Questions.Length]).Text.Length;
}

/// <summary>Start-up: read the content folder, parse the plan, build the Lucene index — warm, and in a fresh process.</summary>
[MemoryDiagnoser]
public class StartupBenchmarks
{
    [Benchmark]
    public int LoadContent()
    {
        using var content = PcgdBotContent.Load(PcgdBotContent.DefaultDirectory);
        return content.Plan.Duties.Count;
    }
}

/// <summary>The first load in a new process (JIT included): what a user waits for when the bot starts.</summary>
[SimpleJob(RunStrategy.ColdStart, launchCount: 5, warmupCount: 0, iterationCount: 1)]
public class ColdStartBenchmarks
{
    [Benchmark]
    public int LoadContentCold()
    {
        using var content = PcgdBotContent.Load(PcgdBotContent.DefaultDirectory);
        return content.Plan.Duties.Count;
    }
}
