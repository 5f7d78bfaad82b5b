namespace PcgdBot.Dialogs.Recognition;

/// <summary>
/// Yes or no in a short Vietnamese answer, with or without diacritics: "có", "ok", "đồng ý", "đúng rồi", "vâng ạ",
/// "ừ", "lưu", "xác nhận", "được" → true; "không", "ko", "k", "sai", "chưa", "thôi", "không đồng ý", "chưa đúng" → false;
/// anything else, or both at once ("có không?"), → null. The first clause that says something decides:
/// "không, cảm ơn" is no, "dạ, có" is yes. A word typed with diacritics must be that word: "đừng" is not "đúng".
/// </summary>
public static class YesNoRecognizer
{
    private static readonly Phrase[] Yes = Phrases(
        "có", "ok", "oke", "okê", "okie", "okay", "okey", "oki", "đồng ý", "đúng", "vâng", "ừ", "uh", "uhm", "ừm", "um",
        "uk", "yes", "y", "lưu", "lưu lại", "xác nhận", "chuẩn", "được", "đc", "chính xác", "chốt", "xong", "đúng vậy",
        "đúng thế", "yep", "yeah", "sure", "ờ", "ừa", "gửi", "gửi luôn", "gửi đi", "nhất trí", "duyệt", "chuẩn rồi", "đồng ý lưu",
        "lưu giúp", "được rồi", "ổn", "okela");

    private static readonly Phrase[] No = Phrases(
        "không", "ko", "k", "kg", "khg", "kh", "hông", "hok", "no", "nope", "sai", "chưa", "thôi", "hủy", "huỷ",
        "không phải", "ko phải", "k phải", "không cần", "ko cần", "k cần", "khỏi", "đừng", "bỏ qua");

    private static readonly Phrase[] Negations = Phrases(
        "không", "ko", "k", "kg", "khg", "kh", "hông", "hok", "hem", "chưa", "chẳng", "chả", "đừng");

    /// <summary>Words that say yes only when they are all there is ("Dạ.", "Rồi."), else mere politeness.</summary>
    private static readonly Phrase[] SoftYes = Phrases("dạ", "rồi");

    private static readonly Phrase[] Filler = Phrases(
        "ạ", "à", "ah", "nhé", "nha", "nhen", "nhỉ", "há", "ơi", "luôn", "đi", "vậy", "thế", "chứ", "đấy", "đâu", "nè",
        "em", "anh", "chị", "bạn", "thầy", "cô", "bác", "ad", "admin", "bot", "mình", "tôi", "tui", "đã", "cảm", "ơn",
        "thanks", "thank", "you", "xin", "lắm", "nhiều", "lại");

    private static readonly Phrase[] But = Phrases("nhưng", "mà", "tuy", "trừ", "ngoại");

    public static bool? Recognize(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = text.Replace("👍", " ok ", StringComparison.Ordinal).Replace("👌", " ok ", StringComparison.Ordinal)
            .Replace("✅", " ok ", StringComparison.Ordinal).Replace("👎", " không ", StringComparison.Ordinal)
            .Replace("❌", " không ", StringComparison.Ordinal);
        var folded = new FoldedText(text);
        var clauses = Clauses(folded).ToList();
        if (clauses.Skip(1).Any(c => IsAny(folded, c[0], But)))
        {
            // "đúng, nhưng sửa lại": not a plain yes.
            return null;
        }

        var softYes = false;
        foreach (var clause in clauses)
        {
            var words = new List<Token>();
            foreach (var token in clause)
            {
                if (IsAny(folded, token, SoftYes))
                {
                    softYes = true;
                }
                else if (!IsAny(folded, token, Filler) || IsAny(folded, token, Yes) || IsAny(folded, token, No))
                {
                    words.Add(token);
                }
            }

            if (words.Count == 0)
            {
                continue;
            }

            return Decide(folded, words);
        }

        return softYes ? true : null;
    }

    private static bool? Decide(FoldedText text, List<Token> words)
    {
        if (words.Count == 2 && IsAny(text, words[0], Negations) && words[1].Folded == "sai")
        {
            // "không sai": not wrong.
            return true;
        }

        // Yes first: "dung" without diacritics is "đúng" far more often than "đừng".
        if (AllOf(text, words, 0, Yes))
        {
            return true;
        }

        if (AllOf(text, words, 0, No))
        {
            return false;
        }

        if (words.Count > 1 && IsAny(text, words[0], Negations))
        {
            // "không đồng ý", "chưa đúng", "ko lưu".
            if (AllOf(text, words, 1, Yes))
            {
                return false;
            }
        }

        return null;
    }

    /// <summary>Whether words[start..] is a sequence of phrases from <paramref name="phrases"/>.</summary>
    private static bool AllOf(FoldedText text, List<Token> words, int start, Phrase[] phrases)
    {
        if (start == words.Count)
        {
            return true;
        }

        foreach (var phrase in phrases)
        {
            if (start + phrase.Length > words.Count)
            {
                continue;
            }

            var matches = true;
            for (var k = 0; k < phrase.Length && matches; k++)
            {
                matches = Phrase.WordMatches(text, words[start + k], phrase.Folded[k], phrase.Typed[k], strict: false);
            }

            if (matches && AllOf(text, words, start + phrase.Length, phrases))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsAny(FoldedText text, Token token, Phrase[] words) =>
        words.Any(w => w.Length == 1 && Phrase.WordMatches(text, token, w.Folded[0], w.Typed[0], strict: false));

    /// <summary>The words of each clause; clauses end at , . ; : ! ? … and dashes.</summary>
    private static IEnumerable<List<Token>> Clauses(FoldedText text)
    {
        var clause = new List<Token>();
        foreach (var token in text.Tokens)
        {
            if (token.Kind != TokenKind.Symbol)
            {
                clause.Add(token);
                continue;
            }

            if (token.Folded[0] is ',' or '.' or ';' or '!' or '?' or '…' or ':' or '-' && clause.Count > 0)
            {
                yield return clause;
                clause = [];
            }
        }

        if (clause.Count > 0)
        {
            yield return clause;
        }
    }

    private static Phrase[] Phrases(params string[] canonical) => [.. canonical.Select(c => new Phrase(c))];
}
