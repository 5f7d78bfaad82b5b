namespace PcgdBot.Dialogs.Recognition;

/// <summary>An option of a prompt: its label ("Đang thực hiện") and other ways to say it ("đang làm").</summary>
public sealed record ChoiceOption(string Label, IReadOnlyList<string> Synonyms)
{
    public ChoiceOption(string label)
        : this(label, [])
    {
    }
}

/// <summary>The option chosen, 0-based; <see cref="Exact"/> when chosen by number or by its full label or synonym.</summary>
public sealed record ChoiceMatch(int Index, bool Exact);

/// <summary>
/// Which option of a numbered list ("1. Chưa thực hiện", "2. Đang thực hiện", …) an answer picks: by number ("2",
/// "số 2", "2.", "#2", "hai"), by label or synonym ("đang thực hiện", "dang thuc hien"), or by part of one
/// ("hoàn thành rồi" → "Hoàn thành"; "thực hiện" alone is ambiguous → null).
/// </summary>
public static class ChoiceRecognizer
{
    /// <summary>Words that may stand before the number of an option: "số 2", "chọn 2", "phương án 2", "thứ 2".</summary>
    /// <summary>Words around an ordinal ("chọn cái thứ nhất"); narrower than <see cref="NumberLeads"/>, which holds "nhất" of "cập nhật".</summary>
    private static readonly HashSet<string> OrdinalLeads = new(StringComparer.Ordinal) { "so", "chon", "lay", "cai", "thu", "toi", "minh", "em", "la", "y", "muc" };

    private static readonly HashSet<string> NumberLeads = new(StringComparer.Ordinal)
    {
        "so", "chon", "lua", "phuong", "an", "muc", "cau", "y", "dap", "thu", "cai", "option", "toi", "minh", "em",
        "la", "o", "dong", "nhiem", "vu", "viec", "phan", "bao", "cao", "cap", "nhat", "ban",
    };

    /// <summary>Words that say the thing is not there yet: "gần xong", "sắp hoàn thành" are not "Hoàn thành".</summary>
    private static readonly HashSet<string> Hedges = new(StringComparer.Ordinal) { "gan", "sap", "suyt", "chua", "muon", "dinh", "se" };

    /// <summary>Verbs between a negation and what it denies: "không có", "không gặp", "chưa được".</summary>
    private static readonly HashSet<string> NegatedVerbs = new(StringComparer.Ordinal)
    {
        "co", "gap", "bi", "con", "phai", "duoc", "can", "thay", "het",
    };

    public static ChoiceMatch? Recognize(string text, IReadOnlyList<ChoiceOption> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(text) || options.Count == 0)
        {
            return null;
        }

        var folded = new FoldedText(text);
        var number = Ordinal(text, options.Count) ?? OptionNumber(folded);
        if (number is >= 1 && number <= options.Count)
        {
            return new ChoiceMatch((int)number.Value - 1, Exact: true);
        }

        var words = Words(folded);
        var content = words.Where(w => !Vocabulary.Particles.Contains(w.Text)).Select(w => w.Text).ToList();
        if (content.Count == 0)
        {
            return null;
        }

        var names = options.Select(Names).ToList();
        var exact = Enumerable.Range(0, options.Count)
            .Where(i => names[i].Any(n => n.SequenceEqual(content) || n.SequenceEqual(words.Select(w => w.Text))))
            .ToList();
        if (exact.Count == 1)
        {
            return new ChoiceMatch(exact[0], Exact: true);
        }

        if (exact.Count > 1 || number is not null)
        {
            return null;
        }

        // An option named in the text: the longest name wins; a tie is ambiguous.
        var named = Enumerable.Range(0, options.Count)
            .Select(i => (Index: i, Length: names[i].Where(n => FindAll(words, n).Any(m => !IsNegated(words, m, n))).Select(n => n.Length).DefaultIfEmpty(0).Max()))
            .Where(x => x.Length > 0)
            .ToList();
        if (named.Count > 0)
        {
            var longest = named.Max(x => x.Length);
            var best = named.Where(x => x.Length == longest).ToList();
            return best.Count == 1 ? new ChoiceMatch(best[0].Index, Exact: false) : null;
        }

        // The text is part of one option's name only ("thành" → "Hoàn thành").
        var containing = Enumerable.Range(0, options.Count)
            .Where(i => names[i].Any(n => IndexOf(n, content) >= 0))
            .ToList();
        return containing.Count == 1 ? new ChoiceMatch(containing[0], Exact: false) : null;
    }

    /// <summary>
    /// The options named inside a longer message ("cập nhật nhiệm vụ 2: đang thực hiện 80%" → "Đang thực hiện"), as
    /// whole words with or without diacritics, the longest name first where two overlap, each option once,
    /// in the order they appear; Start and Length are positions in <paramref name="text"/>. A name right after
    /// a negation ("chưa hoàn thành") does not count unless the name itself starts with one.
    /// </summary>
    public static IReadOnlyList<(int Index, int Start, int Length)> FindIn(string text, IReadOnlyList<ChoiceOption> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(text) || options.Count == 0)
        {
            return [];
        }

        var folded = new FoldedText(text);
        var words = Words(folded);
        var candidates = new List<(int Index, int First, int Count)>();
        for (var i = 0; i < options.Count; i++)
        {
            foreach (var name in Names(options[i]))
            {
                foreach (var at in FindAll(words, name))
                {
                    if (!IsNegated(words, at, name))
                    {
                        candidates.Add((i, at, name.Length));
                    }
                }
            }
        }

        var taken = new bool[words.Count];
        var chosen = new List<(int Index, int First, int Count)>();
        foreach (var candidate in candidates
                     .OrderByDescending(c => c.Count)
                     .ThenByDescending(c => words.Skip(c.First).Take(c.Count).Sum(w => w.Text.Length))
                     .ThenBy(c => c.First))
        {
            if (chosen.Any(c => c.Index == candidate.Index)
                || Enumerable.Range(candidate.First, candidate.Count).Any(k => taken[k]))
            {
                continue;
            }

            for (var k = candidate.First; k < candidate.First + candidate.Count; k++)
            {
                taken[k] = true;
            }

            chosen.Add(candidate);
        }

        return
        [
            .. chosen
                .OrderBy(c => c.First)
                .Select(c =>
                {
                    var (start, length) = folded.OriginalSpan(words[c.First].FirstToken, words[c.First + c.Count - 1].LastToken);
                    return (c.Index, start, length);
                }),
        ];
    }

    /// <summary>"cái thứ nhất", "cái đầu tiên", "thứ tư", "cái cuối cùng": ordinals the number words do not cover.</summary>
    private static long? Ordinal(string text, int count)
    {
        var words = PcgdBot.Plan.VietnameseText.Words(PcgdBot.Plan.VietnameseText.Fold(text))
            .Where(w => !OrdinalLeads.Contains(w) && !Vocabulary.Particles.Contains(w)).ToList();
        return string.Join(' ', words) switch
        {
            "nhat" or "dau tien" or "dau" => 1,
            "tu" => 4,
            "cuoi" or "cuoi cung" => count,
            _ => null,
        };
    }

    /// <summary>The number of the option the whole answer is: "2", "2.", "#2", "số 2", "hai", "chọn số 3 nhé".</summary>
    private static long? OptionNumber(FoldedText text)
    {
        var content = new List<Token>();
        foreach (var token in text.Tokens)
        {
            if (token.Kind == TokenKind.Symbol)
            {
                if (token.Folded[0] is '#' or '.' or ')' or '(' or ':' or '!' or ',' or '-' or '[' or ']' or '"' or '\'')
                {
                    continue;
                }

                return null;
            }

            if (token.IsWord && (NumberLeads.Contains(token.Folded) || Vocabulary.Particles.Contains(token.Folded)))
            {
                continue;
            }

            content.Add(token);
        }

        if (content.Count == 1 && content[0].IsDigits)
        {
            return content[0].Folded.Length <= 9 ? long.Parse(content[0].Folded, System.Globalization.CultureInfo.InvariantCulture) : long.MaxValue;
        }

        if (content.Count > 0 && content.All(t => t.IsWord)
            && content.Select((t, k) => t.Index == content[0].Index + k).All(x => x)
            && VietnameseNumberWords.TryParse(text, content[0].Index, out var value, out var last, out _)
            && last == content[^1].Index && value == decimal.Truncate(value) && value < 1_000_000)
        {
            return (long)value;
        }

        return null;
    }

    /// <summary>Words: runs of letters and digits, as <see cref="PcgdBot.Plan.VietnameseText.Words"/> cuts them.</summary>
    private static List<(string Text, int FirstToken, int LastToken)> Words(FoldedText text)
    {
        var words = new List<(string Text, int FirstToken, int LastToken)>();
        for (var i = 0; i < text.Tokens.Count; i++)
        {
            var token = text.Tokens[i];
            if (token.Kind == TokenKind.Symbol)
            {
                continue;
            }

            if (words.Count > 0 && !token.SpaceBefore && words[^1].LastToken == i - 1)
            {
                var previous = words[^1];
                words[^1] = (previous.Text + token.Folded, previous.FirstToken, i);
            }
            else
            {
                words.Add((token.Folded, i, i));
            }
        }

        return words;
    }

    private static List<string[]> Names(ChoiceOption option) =>
        [.. option.Synonyms.Prepend(option.Label)
            .Select(n => Words(new FoldedText(n)).Select(w => w.Text).ToArray())
            .Where(n => n.Length > 0)];

    private static IEnumerable<int> FindAll(List<(string Text, int FirstToken, int LastToken)> words, string[] name)
    {
        for (var i = 0; i + name.Length <= words.Count; i++)
        {
            var found = true;
            for (var k = 0; k < name.Length && found; k++)
            {
                found = words[i + k].Text == name[k];
            }

            if (found)
            {
                yield return i;
            }
        }
    }

    private static int IndexOf(string[] name, List<string> part)
    {
        for (var i = 0; i + part.Count <= name.Length; i++)
        {
            if (part.Select((w, k) => name[i + k] == w).All(x => x))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>"chưa hoàn thành", "không gặp khó khăn", "không có vướng mắc": the name is denied, not said.</summary>
    private static bool IsNegated(List<(string Text, int FirstToken, int LastToken)> words, int at, string[] name)
    {
        if (Vocabulary.Negations.Contains(name[0]))
        {
            return false;
        }

        var before = at - 1;
        if (before >= 0 && Hedges.Contains(words[before].Text))
        {
            return true;
        }

        if (before >= 0 && NegatedVerbs.Contains(words[before].Text))
        {
            before--;
        }

        return before >= 0 && Vocabulary.Negations.Contains(words[before].Text);
    }
}
