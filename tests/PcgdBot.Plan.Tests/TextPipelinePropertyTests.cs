using System.Text;
using CsCheck;

namespace PcgdBot.Plan.Tests;

/// <summary>
/// Properties of the text pipeline every message goes through (<see cref="MessageText.Clean"/>, then
/// <see cref="VietnameseText.Fold"/>), over generated text mixing Vietnamese, combining marks, lone surrogates,
/// noncharacters and control characters: nothing throws, and what comes out is valid text.
/// </summary>
public sealed class TextPipelinePropertyTests
{
    /// <summary>A fixed seed: the run is the same every time; a failure prints the seed that reproduces it.</summary>
    private static readonly string Seed = new PCG(15, 20261207).ToString();

    private static readonly string[] Pieces =
    [
        "xã", "Mường So", "báo cáo", "nhiệm vụ 3", "dạ em", "ạ", "Phòng GD&ĐT", "IV.9", "10/12", " ", "  ", "\n", "\t", "\r\n",
        "\u0301", "\u0323", "\u0309", "a\u0306\u0301", "\ud800", "\udfff", "\ud83d\ude00", "\ud83d", "\uffff", "\ufffe", "\ufdd0",
        "\u0000", "\u001b", "\u200b", "\u00a0", "“”", "–", "\U0001FFFE", "Ǆ", "ﬁ", "İ", "ß",
    ];

    private static readonly Gen<string> Text = Gen.Frequency(
        (3, Gen.OneOf<string>(Pieces).Array[0, 20].Select(string.Concat)),
        (2, Gen.Char.Array[0, 40].Select(chars => new string(chars))),
        (1, Gen.String[0, 60]));

    [Fact]
    public void Cleaning_any_text_gives_valid_normalised_text_without_control_characters_and_is_idempotent()
    {
        Text.Sample(
            text =>
            {
                var cleaned = MessageText.Clean(text);
                Assert.True(IsValidUnicode(cleaned), Escape(cleaned));
                Assert.True(cleaned.IsNormalized(NormalizationForm.FormC), Escape(cleaned));
                Assert.DoesNotContain(cleaned, c => char.IsControl(c) && c is not '\n' and not '\t');
                Assert.Equal(cleaned, cleaned.Trim());
                Assert.Equal(cleaned, MessageText.Clean(cleaned));
            },
            seed: Seed,
            iter: 10_000);
    }

    [Fact]
    public void Folding_any_text_never_throws_and_folding_twice_changes_nothing()
    {
        Text.Sample(
            text =>
            {
                var folded = VietnameseText.Fold(text);
                Assert.Equal(folded, VietnameseText.Fold(folded));
                Assert.Equal(folded, folded.Trim(' '));
                Assert.DoesNotContain("  ", folded, StringComparison.Ordinal);
                var cleanedThenFolded = VietnameseText.Fold(MessageText.Clean(text));
                Assert.True(IsValidUnicode(cleanedThenFolded), Escape(cleanedThenFolded));
            },
            seed: Seed,
            iter: 10_000);
    }

    private static bool IsValidUnicode(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]) || text[i] is '\uFFFE' or '\uFFFF')
            {
                return false;
            }
        }

        return true;
    }

    private static string Escape(string text) => string.Concat(text.Select(c => c < 128 && !char.IsControl(c) ? c.ToString() : $"\\u{(int)c:x4}"));
}
