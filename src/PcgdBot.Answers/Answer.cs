using PcgdBot.Plan;

namespace PcgdBot.Answers;

/// <summary>What kind of question the user asked.</summary>
public enum QuestionKind
{
    /// <summary>"Ai chủ trì …?", "Đơn vị nào phụ trách …?"</summary>
    WhoIsResponsible,
    /// <summary>"UBND xã cần làm gì?", "nhiệm vụ của phòng giáo dục"</summary>
    UnitDuties,
    /// <summary>"Hạn nộp báo cáo?"</summary>
    Deadline,
    /// <summary>"Mục tiêu xóa mù chữ đến 2030?"</summary>
    Target,
    /// <summary>"Kế hoạch thực hiện chỉ thị nào?"</summary>
    BaseDocuments,
    /// <summary>A question about the plan's general tasks or content that names no unit.</summary>
    PlanContent,
    /// <summary>"Xin chào", "/start".</summary>
    Greeting,
    /// <summary>"Trợ giúp", "/help", "bạn làm được gì?"</summary>
    Help,
    /// <summary>Too short or unreadable to answer.</summary>
    Unclear,
    /// <summary>Not covered by the plan.</summary>
    OutOfScope,
    /// <summary>"Phòng y tế cần làm gì?": a unit the plan does not name; the answer says so and names the nearest ones.</summary>
    UnknownUnit,
}

/// <summary>A unit named in an answer, as the plan writes it, with its role.</summary>
public sealed record AnsweredUnit(string Name, UnitRole Role);

/// <summary>The answer to one question.</summary>
/// <param name="Text">The reply the user sees (Vietnamese).</param>
/// <param name="Units">The units the answer names; the one that answers the question first.</param>
/// <param name="Source">The plan section quoted, e.g. "IV.4"; null when none.</param>
/// <param name="Confidence">0–1: how sure the bot is that the plan answers this.</param>
public sealed record Answer(
    string Question,
    QuestionKind Kind,
    string Text,
    IReadOnlyList<AnsweredUnit> Units,
    string? Source,
    double Confidence);
