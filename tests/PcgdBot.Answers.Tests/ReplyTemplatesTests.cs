using System.Text;
using System.Text.RegularExpressions;

namespace PcgdBot.Answers.Tests;

public sealed partial class ReplyTemplatesTests
{
    private const string Source = "test-replies.txt";

    private static string BundledText => File.ReadAllText(Path.Combine(AnswerServiceFixture.ContentDirectory, ReplyTemplates.FileName), Encoding.UTF8);

    /// <summary>A valid file: every required key, each using all its allowed placeholders; two lines per template.</summary>
    private static List<string> ValidLines(params string[] skip)
    {
        var lines = new List<string>();
        foreach (var (key, allowed) in ReplyTemplates.Required)
        {
            if (skip.Contains(key))
            {
                continue;
            }

            lines.Add($"[{key}]");
            lines.Add($"Mẫu {key}: " + string.Concat(allowed.Select(a => "{" + a + "}")));
        }

        return lines;
    }

    private static string Join(IEnumerable<string> lines) => string.Join('\n', lines) + "\n";

    [Fact]
    public void The_bundled_reply_file_loads()
    {
        var templates = ReplyTemplates.Load(AnswerServiceFixture.ContentDirectory);

        foreach (var key in ReplyTemplates.Required.Keys)
        {
            Assert.NotNull(templates.Render(key));
        }
    }

    [Fact]
    public void A_generated_file_with_every_required_key_parses()
    {
        var templates = ReplyTemplates.Parse(Join(ValidLines()), Source);

        Assert.Equal("Mẫu help: x", templates.Render("help", ("capabilities", "x")));
    }

    [Theory]
    [InlineData("unclear")]
    [InlineData("greeting")]
    [InlineData("who.partners")]
    [InlineData("duties.supporting.item")]
    public void A_file_missing_a_required_key_is_rejected_naming_the_key(string key)
    {
        var ex = Assert.Throws<TemplateException>(() => ReplyTemplates.Parse(Join(ValidLines(skip: key)), Source));

        Assert.Equal(Source, ex.FileName);
        Assert.Contains($"[{key}]", ex.Reason, StringComparison.Ordinal);
        Assert.Contains(Source, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_bundled_file_without_its_last_template_is_rejected_naming_that_key()
    {
        var text = BundledText;
        var cut = text.IndexOf("[unclear]", StringComparison.Ordinal);
        Assert.True(cut > 0);

        var ex = Assert.Throws<TemplateException>(() => ReplyTemplates.Parse(text[..cut], ReplyTemplates.FileName));

        Assert.Contains("[unclear]", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_key_is_reported_at_the_line_of_the_duplicate()
    {
        var lines = ValidLines();
        lines.Add(string.Empty);
        lines.Add("[help]");
        var duplicateLine = lines.Count;
        lines.Add("Lần nữa {capabilities}");

        var ex = Assert.Throws<TemplateException>(() => ReplyTemplates.Parse(Join(lines), Source));

        Assert.Equal(duplicateLine, ex.Line);
        Assert.Contains("[help]", ex.Reason, StringComparison.Ordinal);
        Assert.Contains($"{Source}:{duplicateLine}:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_key_in_the_bundled_file_is_reported_at_the_line_of_the_duplicate()
    {
        var text = BundledText.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n') + "\n\n[greeting]\nChào lại\n";
        var expectedLine = text.Split('\n').ToList().LastIndexOf("[greeting]") + 1;

        var ex = Assert.Throws<TemplateException>(() => ReplyTemplates.Parse(text, ReplyTemplates.FileName));

        Assert.Equal(expectedLine, ex.Line);
    }

    [Theory]
    [InlineData("help", "bogus")]
    [InlineData("duties.item", "unit")]
    [InlineData("capabilities", "name")]
    public void An_unknown_placeholder_is_reported_at_its_template_header_with_the_placeholder_name(string key, string placeholder)
    {
        var lines = ValidLines();
        var header = lines.IndexOf($"[{key}]");
        lines[header + 1] += "{" + placeholder + "}";

        var ex = Assert.Throws<TemplateException>(() => ReplyTemplates.Parse(Join(lines), Source));

        Assert.Equal(header + 1, ex.Line);
        Assert.Contains(placeholder, ex.Reason, StringComparison.Ordinal);
        Assert.Contains($"[{key}]", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_placeholder_deep_in_a_multi_line_template_is_reported_at_the_header()
    {
        var lines = ValidLines();
        var header = lines.IndexOf("[greeting]");
        lines.Insert(header + 2, "dòng hai");
        lines.Insert(header + 3, "dòng ba {wrong}");

        var ex = Assert.Throws<TemplateException>(() => ReplyTemplates.Parse(Join(lines), Source));

        Assert.Equal(header + 1, ex.Line);
        Assert.Contains("wrong", ex.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lạc chỗ\n", 1)]
    [InlineData("# ghi chú\n\nlạc chỗ\n", 3)]
    [InlineData("\n\n# a\n# b\n   x\n", 5)]
    public void Text_before_the_first_key_is_reported_at_its_line(string prefix, int line)
    {
        var ex = Assert.Throws<TemplateException>(() => ReplyTemplates.Parse(prefix + Join(ValidLines()), Source));

        Assert.Equal(line, ex.Line);
        Assert.Equal(Source, ex.FileName);
    }

    [Fact]
    public void Windows_line_endings_give_the_same_line_numbers()
    {
        var lines = ValidLines();
        lines.Add("[help]");
        var duplicateLine = lines.Count;

        var ex = Assert.Throws<TemplateException>(() => ReplyTemplates.Parse(string.Join("\r\n", lines) + "\r\n", Source));

        Assert.Equal(duplicateLine, ex.Line);
    }

    [Fact]
    public void Render_fills_the_values_given()
    {
        var templates = ReplyTemplates.Load(AnswerServiceFixture.ContentDirectory);

        var text = templates.Render("greeting", ("name", " Lan"), ("district", " huyện Phong Thổ"), ("capabilities", "CAPS"));

        Assert.StartsWith("Xin chào Lan!", text, StringComparison.Ordinal);
        Assert.Contains("huyện Phong Thổ", text, StringComparison.Ordinal);
        Assert.Contains("CAPS", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(Placeholder(), text);
    }

    [Fact]
    public void Render_leaves_no_placeholder_for_values_not_given()
    {
        var templates = ReplyTemplates.Load(AnswerServiceFixture.ContentDirectory);

        foreach (var key in ReplyTemplates.Required.Keys)
        {
            var text = templates.Render(key);
            Assert.DoesNotMatch(Placeholder(), text);
        }
    }

    [Fact]
    public void Render_keeps_the_leading_text_of_the_partners_template()
    {
        var templates = ReplyTemplates.Load(AnswerServiceFixture.ContentDirectory);

        Assert.Equal(", phối hợp với A và B", templates.Render("who.partners", ("units", "A và B")));
    }

    [GeneratedRegex(@"\{[^{}\s]+\}")]
    private static partial Regex Placeholder();
}
