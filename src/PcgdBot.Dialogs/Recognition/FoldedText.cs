using System.Globalization;
using System.Text;

namespace PcgdBot.Dialogs.Recognition;

internal enum TokenKind
{
    /// <summary>A run of letters ("lop", "xmc").</summary>
    Word,

    /// <summary>A run of ASCII digits ("1", "200").</summary>
    Digits,

    /// <summary>Any other single visible character ("%", "/", ".", an emoji half).</summary>
    Symbol,
}

/// <summary>
/// One token of folded text. <see cref="Folded"/> is the token as <see cref="PcgdBot.Plan.VietnameseText.Fold"/>
/// would write it; <see cref="Typed"/> is what the user typed (NFC, lower-case), so callers can tell
/// "sáu" (six) from "sau" (after) when the user did type diacritics.
/// </summary>
internal sealed record Token(
    TokenKind Kind,
    int Index,
    int Start,
    int End,
    bool SpaceBefore,
    string Folded,
    string Typed,
    bool HasDiacritics)
{
    public bool IsWord => Kind == TokenKind.Word;

    public bool IsDigits => Kind == TokenKind.Digits;

    public bool IsSymbol(char c) => Kind == TokenKind.Symbol && Folded[0] == c;
}

/// <summary>
/// Text folded the way <see cref="PcgdBot.Plan.VietnameseText.Fold"/> folds it (lower case, no diacritics, đ → d),
/// character by character, with a map back to positions in the original text, and cut into tokens.
/// Unlike <c>Fold</c>, white space is not collapsed: every original character keeps its place.
/// </summary>
internal sealed class FoldedText
{
    private readonly int[] _map;

    public FoldedText(string original)
    {
        Original = original;
        var folded = new StringBuilder(original.Length);
        var map = new List<int>(original.Length + 1);
        var hasDiacritics = false;
        for (var i = 0; i < original.Length; i++)
        {
            var c = original[i];
            if (c < 0x80)
            {
                folded.Append(c is '\t' or '\r' or '\n' ? ' ' : char.ToLowerInvariant(c));
                map.Add(i);
                continue;
            }

            if (char.IsSurrogate(c))
            {
                folded.Append(c);
                map.Add(i);
                continue;
            }

            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark)
            {
                // A combining mark of text typed in NFD: it belongs to the character before it.
                hasDiacritics = true;
                continue;
            }

            var mapped = FoldChar(c);
            if (mapped is null)
            {
                foreach (var d in c.ToString().Normalize(NormalizationForm.FormD))
                {
                    if (CharUnicodeInfo.GetUnicodeCategory(d) == UnicodeCategory.NonSpacingMark)
                    {
                        hasDiacritics = true;
                        continue;
                    }

                    folded.Append(char.ToLowerInvariant(d));
                    map.Add(i);
                }
            }
            else
            {
                hasDiacritics |= c is 'đ' or 'Đ' or 'Ð';
                folded.Append(mapped.Value);
                map.Add(i);
            }
        }

        map.Add(original.Length);
        Folded = folded.ToString();
        _map = [.. map];
        HasDiacritics = hasDiacritics;
        Tokens = Tokenize();
    }

    public string Original { get; }

    public string Folded { get; }

    /// <summary>Whether the user typed any Vietnamese diacritic (or đ) anywhere in the text.</summary>
    public bool HasDiacritics { get; }

    public IReadOnlyList<Token> Tokens { get; }

    /// <summary>The position in <see cref="Original"/> of the folded character at <paramref name="foldedIndex"/>.</summary>
    public int OriginalIndex(int foldedIndex) => _map[foldedIndex];

    /// <summary>The original text that tokens <paramref name="first"/>..<paramref name="last"/> (inclusive) came from.</summary>
    public string OriginalText(int first, int last)
    {
        var (start, length) = OriginalSpan(first, last);
        return Original.Substring(start, length);
    }

    public (int Start, int Length) OriginalSpan(int first, int last)
    {
        var start = _map[Tokens[first].Start];
        var end = _map[Tokens[last].End];
        return (start, end - start);
    }

    public Token? At(int index) => index >= 0 && index < Tokens.Count ? Tokens[index] : null;

    /// <summary>The word token at <paramref name="index"/> if it is separated from the previous token by white space.</summary>
    public Token? SpacedWordAt(int index) => At(index) is { IsWord: true, SpaceBefore: true } t ? t : null;

    private static char? FoldChar(char c) => c switch
    {
        'đ' or 'Đ' or 'Ð' => 'd',
        '\u00A0' or '\u2007' or '\u202F' or '\u3000' => ' ',
        '“' or '”' or '„' => '"',
        '‘' or '’' => '\'',
        '–' or '—' => '-',
        '％' => '%',
        _ => null,
    };

    private List<Token> Tokenize()
    {
        var tokens = new List<Token>();
        var spaceBefore = true;
        var i = 0;
        while (i < Folded.Length)
        {
            var c = Folded[i];
            if (char.IsWhiteSpace(c))
            {
                spaceBefore = true;
                i++;
                continue;
            }

            var start = i;
            TokenKind kind;
            if (c is >= '0' and <= '9')
            {
                kind = TokenKind.Digits;
                while (i < Folded.Length && Folded[i] is >= '0' and <= '9')
                {
                    i++;
                }
            }
            else if (char.IsLetter(c))
            {
                kind = TokenKind.Word;
                while (i < Folded.Length && char.IsLetter(Folded[i]))
                {
                    i++;
                }
            }
            else
            {
                kind = TokenKind.Symbol;
                i += char.IsHighSurrogate(c) && i + 1 < Folded.Length && char.IsLowSurrogate(Folded[i + 1]) ? 2 : 1;
            }

            var folded = Folded[start..i];
            var typed = kind == TokenKind.Word
                ? Original[_map[start].._map[i]].Normalize(NormalizationForm.FormC).ToLowerInvariant()
                : folded;
            tokens.Add(new Token(kind, tokens.Count, start, i, spaceBefore, folded, typed, kind == TokenKind.Word && typed != folded));
            spaceBefore = false;
        }

        return tokens;
    }
}
