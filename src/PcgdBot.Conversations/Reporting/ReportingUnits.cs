using System.Text;
using PcgdBot.Plan;
using PcgdBot.Storage.Reporting;

namespace PcgdBot.Conversations.Reporting;

/// <summary>A content file that cannot be used: "file:line: reason".</summary>
public sealed class ReportingUnitsFormatException(string fileName, int line, string reason) : ContentFileException(fileName, line, reason);

/// <summary>
/// The units that report, from the plan and <c>dialogs/reporting-units.tsv</c>: every unit with its own section in part IV,
/// and for the collective ones ("UBND các xã, thị trấn") the named members that report on their own.
/// </summary>
public static class ReportingUnits
{
    public const string FileName = "reporting-units.tsv";

    public static IReadOnlyList<UnitRecord> Load(string directory, PlanDocument plan, Lexicon lexicon)
    {
        var path = Path.Combine(directory, FileName);
        var text = File.Exists(path) ? File.ReadAllText(path, Encoding.UTF8) : string.Empty;
        return Parse(text, FileName, plan, lexicon);
    }

    public static IReadOnlyList<UnitRecord> Parse(string text, string fileName, PlanDocument plan, Lexicon lexicon)
    {
        var planUnits = plan.ResponsibleUnits.ToList();
        var finder = new UnitMentionFinder(planUnits, lexicon);
        var units = new List<UnitRecord>();
        for (var i = 0; i < planUnits.Count; i++)
        {
            var planUnit = planUnits[i];
            units.Add(new UnitRecord
            {
                Id = planUnit.Id,
                Name = planUnit.Name,
                PlanUnitId = planUnit.Id,
                Kind = "unit",
                Aliases = [.. planUnit.Aliases],
                Order = (i + 1) * 1000,
            });
        }

        foreach (var (lineNumber, columns) in ContentTable.Rows(text))
        {
            if (columns.Length < 2 || columns[1].Length == 0)
            {
                throw new ReportingUnitsFormatException(fileName, lineNumber, "cần ít nhất 2 cột cách nhau bởi dấu Tab: đơn vị trong Kế hoạch, đơn vị thành viên (expected 2+ tab-separated columns)");
            }

            var parent = FindPlanUnit(columns[0], planUnits, finder)
                ?? throw new ReportingUnitsFormatException(fileName, lineNumber, $"Kế hoạch không có đơn vị \"{columns[0]}\" ở phần IV (unknown plan unit)");
            var parentRecord = units.First(u => u.Id == parent.Id);
            if (columns[1] == "-")
            {
                parentRecord.Reports = false;
                continue;
            }

            var kind = columns.Length > 2 && columns[2].Length > 0 ? KindOf(columns[2])
                ?? throw new ReportingUnitsFormatException(fileName, lineNumber, $"loại \"{columns[2]}\" không có; dùng: xã, thị trấn, trường, đồn biên phòng, khác (unknown kind)")
                : "member";
            var id = MemberId(parent.Id, columns[1]);
            if (units.Any(u => u.Id == id))
            {
                throw new ReportingUnitsFormatException(fileName, lineNumber, $"đơn vị \"{columns[1]}\" bị lặp lại (duplicate member)");
            }

            var aliases = columns.Length > 3
                ? columns[3].Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList()
                : [];
            var shortName = ShortName(columns[1]);
            if (shortName != columns[1])
            {
                aliases.Add(shortName);
            }

            // A collective unit with named members reports through them, not itself.
            parentRecord.Reports = false;
            units.Add(new UnitRecord
            {
                Id = id,
                Name = columns[1],
                PlanUnitId = parent.Id,
                ParentId = parent.Id,
                Kind = kind,
                Aliases = aliases,
                Order = parentRecord.Order + units.Count(u => u.ParentId == parent.Id) + 1,
            });
        }

        return units;
    }

    /// <summary>A member's id: its plan unit and its folded name ("uy-ban-nhan-dan-cac-xa-thi-tran/xa-muong-so").</summary>
    public static string MemberId(string planUnitId, string name) => planUnitId + "/" + VietnameseText.Slug(name);

    /// <summary>"Xã Mường So" → "Mường So": the name people use once the kind is clear.</summary>
    public static string ShortName(string name)
    {
        foreach (var prefix in new[] { "Thị trấn ", "Xã ", "Trường ", "Đồn Biên phòng ", "Đồn " })
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && name.Length > prefix.Length)
            {
                return name[prefix.Length..];
            }
        }

        return name;
    }

    public static string? KindOf(string text) => VietnameseText.Fold(text) switch
    {
        "xa" => "commune",
        "thi tran" => "town",
        "truong" => "school",
        "don bien phong" or "don" => "border-post",
        "khac" => "member",
        _ => null,
    };

    private static PlanUnit? FindPlanUnit(string reference, List<PlanUnit> planUnits, UnitMentionFinder finder)
    {
        var bySection = planUnits.FirstOrDefault(u => string.Equals(u.Section, reference, StringComparison.OrdinalIgnoreCase));
        if (bySection is not null)
        {
            return bySection;
        }

        var mentions = finder.Find(reference);
        return mentions.Count == 1 ? planUnits.First(u => u.Id == mentions[0].UnitId) : null;
    }
}
