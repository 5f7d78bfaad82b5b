using System.Globalization;
using System.Text;

namespace PcgdBot.Benchmarks;

/// <summary>
/// The mixed questions of the ask benchmarks: the plan questions of <c>Data/ask-seed-questions.tsv</c> (the dev Q&amp;A set),
/// out-of-scope questions, and each of them also without diacritics and with a one-letter typo — generated with a fixed
/// seed, so every run asks the same questions.
/// </summary>
public static class AskQuestionMix
{
    private static readonly string[] OutOfScope =
    [
        "Giá phân bón hôm nay bao nhiêu?",
        "Thời tiết Phong Thổ ngày mai thế nào?",
        "Lịch thi đấu bóng đá tối nay",
        "Cách nấu phở bò ngon",
        "Tỷ giá đô la hôm nay",
        "Ai là ca sĩ nổi tiếng nhất?",
        "Mua xe máy trả góp ở đâu?",
        "Phòng y tế cần làm gì?",
        "Bệnh viện huyện mở cửa mấy giờ?",
        "Đăng ký kết hôn cần giấy tờ gì?",
    ];

    private static readonly string[] Extra =
    [
        "UBND xã cần làm gì?",
        "nhiem vu cua phong giao duc",
        "Hạn nộp báo cáo là khi nào?",
        "Mục tiêu xóa mù chữ đến 2030?",
        "Kế hoạch này thực hiện chỉ thị nào?",
        "Đồn Biên phòng có nhiệm vụ gì?",
        "mục IV.9 nói gì",
        "xin chào",
    ];

    /// <summary>The seed questions: the first column of the TSV beside the program, plus a few of each other kind.</summary>
    public static IReadOnlyList<string> Seeds()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Data", "ask-seed-questions.tsv");
        var fromFile = File.ReadLines(path, Encoding.UTF8)
            .Where(line => line.Length > 0 && line[0] != '#')
            .Select(line => line.Split('\t')[0].Trim())
            .Where(q => q.Length > 0);
        return [.. fromFile, .. Extra, .. OutOfScope];
    }

    /// <summary><paramref name="count"/> questions: a third as written, a third without diacritics, a third with a typo.</summary>
    public static List<string> Generate(int count, int seed = 20241210)
    {
        var seeds = Seeds();
        var random = new Random(seed);
        var questions = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var question = seeds[random.Next(seeds.Count)];
            questions.Add((i % 3) switch
            {
                0 => question,
                1 => WithoutDiacritics(question),
                _ => WithTypo(WithoutDiacritics(question), random),
            });
        }

        return questions;
    }

    private static string WithoutDiacritics(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var plain = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                plain.Append(c switch { 'đ' => 'd', 'Đ' => 'D', _ => c });
            }
        }

        return plain.ToString().ToLowerInvariant();
    }

    /// <summary>One edit in one word of four letters or more: a letter doubled, dropped, swapped with the next or replaced.</summary>
    private static string WithTypo(string text, Random random)
    {
        var words = text.Split(' ');
        var long_ = Enumerable.Range(0, words.Length).Where(i => words[i].Count(char.IsLetter) >= 4 && words[i].All(char.IsLetter)).ToList();
        if (long_.Count == 0)
        {
            return text;
        }

        var at = long_[random.Next(long_.Count)];
        var word = words[at];
        var position = random.Next(1, word.Length - 1);
        words[at] = random.Next(4) switch
        {
            0 => word.Insert(position, word[position].ToString()),
            1 => word.Remove(position, 1),
            2 => string.Concat(word.AsSpan(0, position), word[position + 1].ToString(), word[position].ToString(), word.AsSpan(position + 2)),
            _ => string.Concat(word.AsSpan(0, position), ((char)('a' + random.Next(26))).ToString(), word.AsSpan(position + 1)),
        };
        return string.Join(' ', words);
    }
}
