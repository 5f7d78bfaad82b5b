using System.Text;

namespace PcgdBot.Plan.Tests;

/// <summary>Folding, abbreviations and unit mentions: Vietnamese as people type it, with or without diacritics.</summary>
public class VietnameseFoldingTests
{
    [Theory]
    [InlineData("Phòng Giáo dục và Đào tạo")]
    [InlineData("Ủy ban nhân dân các xã, thị trấn")]
    [InlineData("Đề nghị Hội Liên hiệp Phụ nữ huyện")]
    [InlineData("xóa mù chữ, phân luồng học sinh")]
    public void Text_in_NFD_folds_like_the_same_text_in_NFC(string text)
    {
        var nfc = text.Normalize(NormalizationForm.FormC);
        var nfd = text.Normalize(NormalizationForm.FormD);

        Assert.NotEqual(nfc, nfd);
        Assert.Equal(VietnameseText.Fold(nfc), VietnameseText.Fold(nfd));
        Assert.Equal(TestContent.Lexicon.Canonical(nfc), TestContent.Lexicon.Canonical(nfd));
    }

    [Fact]
    public void The_per_character_fast_path_folds_every_character_as_decomposing_the_whole_text_does()
    {
        // Reference: the definition (NFD, marks dropped, the rest mapped), on every BMP character between two letters.
        static string Reference(string text)
        {
            var folded = new StringBuilder();
            var lastWasSpace = true;
            foreach (var c in text.Normalize(NormalizationForm.FormD))
            {
                if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark)
                {
                    continue;
                }

                var mapped = c switch
                {
                    'đ' or 'Đ' => 'd',
                    '\u00A0' or '\t' or '\r' or '\n' => ' ',
                    '“' or '”' or '„' => '"',
                    '‘' or '’' => '\'',
                    '–' or '—' => '-',
                    _ => char.ToLowerInvariant(c),
                };
                if (mapped == ' ' && lastWasSpace)
                {
                    continue;
                }

                folded.Append(mapped);
                lastWasSpace = mapped == ' ';
            }

            return folded.ToString().TrimEnd(' ');
        }

        for (var c = 0; c < 0xD800; c++)
        {
            var text = $"a{(char)c}b {(char)c}";
            Assert.Equal(Reference(text), VietnameseText.Fold(text));
        }

        Assert.Equal(Reference("Xã  Mường\tSo ạ "), VietnameseText.Fold("Xã  Mường\tSo ạ "));
    }

    [Fact]
    public void Folding_lower_cases_and_removes_the_diacritics()
    {
        Assert.Equal("phong giao duc va dao tao", VietnameseText.Fold("Phòng  Giáo dục và Đào tạo "));
    }

    [Fact]
    public void D_with_stroke_folds_to_d()
    {
        Assert.Equal("dt", VietnameseText.Fold("ĐT"));
        Assert.Equal("dd", VietnameseText.Fold("đĐ"));
    }

    [Fact]
    public void Words_and_slugs_are_made_of_the_folded_syllables()
    {
        Assert.Equal(["phong", "gd", "dt"], VietnameseText.Words(VietnameseText.Fold("Phòng GD&ĐT")));
        Assert.Equal("phong-kinh-te-ha-tang", VietnameseText.Slug("Phòng Kinh tế - Hạ tầng"));
    }

    [Fact]
    public void Canonical_spells_out_GD_DT()
    {
        Assert.Equal("phong giao duc va dao tao", TestContent.Lexicon.Canonical("Phòng GD&ĐT"));
        Assert.Equal("phong giao duc va dao tao", TestContent.Lexicon.Canonical("phong gd&dt"));
    }

    [Fact]
    public void Canonical_spells_out_P_NN_PTNT_as_the_office_of_agriculture_and_rural_development()
    {
        Assert.Contains("phong nong nghiep va phat trien nong thon", TestContent.Lexicon.Canonical("P.NN&PTNT"), StringComparison.Ordinal);
    }

    [Fact]
    public void An_abbreviation_expands_only_as_a_whole_word()
    {
        var lexicon = TestContent.Lexicon;

        Assert.Equal("thanh nien", lexicon.Canonical("thanh niên"));
        Assert.Equal("truong tieu hoc", lexicon.Canonical("trường TH"));
        Assert.DoesNotContain("tieu hoc", lexicon.Canonical("Đoàn Thanh niên"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_empty_lexicon_only_folds()
    {
        Assert.Equal("phong gd&dt", Lexicon.Empty.Canonical("Phòng GD&ĐT"));
    }

    [Fact]
    public void The_unit_mention_finder_finds_Phong_GDDT_in_a_question_typed_without_diacritics()
    {
        var plan = TestContent.PhongTho;
        var finder = new UnitMentionFinder(plan.Units, TestContent.Lexicon);

        var mention = Assert.Single(finder.Find("ai cung phong gd&dt xay dung ke hoach"));

        Assert.Equal(plan.UnitNamed("Phòng Giáo dục và Đào tạo").Id, mention.UnitId);
        Assert.Equal(2, mention.Start);
    }
}
