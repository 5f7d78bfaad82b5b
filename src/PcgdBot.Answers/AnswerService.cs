using PcgdBot.Plan;

namespace PcgdBot.Answers;

/// <summary>Answers questions about the plan. Thread-safe; build once per process.</summary>
public sealed class AnswerService : IDisposable
{
    public AnswerService(PlanDocument plan) => Plan = plan;

    public PlanDocument Plan { get; }

    public Answer Ask(string question) => throw new NotImplementedException();

    public void Dispose() { }
}
