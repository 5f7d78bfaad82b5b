using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Shingle;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using PcgdBot.Plan;

namespace PcgdBot.Answers;

internal enum PassageKind
{
    Duty,
    Target,
    Task,
}

/// <summary>A piece of the plan that can answer a question: a duty, a target clause, a general-task bullet.</summary>
/// <param name="PaddedCanonical">The canonical words joined by spaces, with a space on each side, for phrase look-ups.</param>
/// <param name="SynonymGroups">The lexicon's synonym groups (indices) with a phrase in the passage.</param>
/// <param name="OpensWithLead">The passage opens with the plan's "Chủ trì, …".</param>
internal sealed record Passage(int Number, PassageKind Kind, string Section, string Text, string PaddedCanonical, HashSet<string> Words, PlanDuty? Duty, PlanTarget? Target, string? Title)
{
    public HashSet<int> SynonymGroups { get; init; } = [];

    public bool OpensWithLead { get; init; }
}

/// <summary>A search term with its weight: unigrams, bigrams ("xoa mu") and synonyms (weighted lower).</summary>
internal readonly record struct SearchTerm(string Text, float Boost);

internal readonly record struct Hit(Passage Passage, float Score);

/// <summary>
/// The plan's passages in an in-memory Lucene.Net index (BM25, ASCII folding, word bigrams as shingles).
/// Vietnamese syllables are words, so bigrams carry most of the meaning ("xóa mù chữ", "dạy nghề").
/// </summary>
internal sealed class KnowledgeIndex : IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private const string TextField = "text";

    private readonly RAMDirectory directory = new();
    private readonly DirectoryReader reader;
    private readonly IndexSearcher searcher;
    private readonly Bm25Postings postings;
    private readonly Dictionary<string, int> documentFrequency = new(StringComparer.Ordinal);

    public KnowledgeIndex(PlanDocument plan, Lexicon lexicon)
    {
        var passages = new List<Passage>();
        void Add(PassageKind kind, string section, string text, PlanDuty? duty = null, PlanTarget? target = null, string? title = null)
        {
            var words = lexicon.CanonicalWords(text);
            var padded = $" {string.Join(' ', words)} ";
            var groups = Enumerable.Range(0, lexicon.SynonymGroups.Count)
                .Where(g => lexicon.SynonymGroups[g].Any(p => padded.Contains($" {p} ", StringComparison.Ordinal)))
                .ToHashSet();
            passages.Add(new Passage(passages.Count, kind, section, text, padded, [.. words], duty, target, title)
            {
                SynonymGroups = groups,
                OpensWithLead = AnswerService.OpensWithLead(text),
            });
        }

        foreach (var duty in plan.Duties)
        {
            Add(PassageKind.Duty, duty.Section, duty.Text, duty: duty);
            // A question may describe the unit rather than the task ("đơn vị quân đội nào …"): the owner's
            // names count when judging how well a duty covers a question, not when ranking.
            if (duty.OwnerUnitId is { } ownerId && plan.FindUnit(ownerId) is { } owner)
            {
                foreach (var name in owner.Aliases.Append(owner.Name))
                {
                    passages[^1].Words.UnionWith(lexicon.CanonicalWords(name));
                }
            }
        }

        foreach (var target in plan.Targets)
        {
            Add(PassageKind.Target, target.Section, target.Text, target: target);
        }

        foreach (var task in plan.GeneralTasks)
        {
            foreach (var point in task.Points)
            {
                Add(PassageKind.Task, task.Section, point, title: task.Title);
            }
        }

        Passages = passages;
        using var analyzer = new PassageAnalyzer();
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(Version, analyzer) { Similarity = new BM25Similarity() }))
        {
            foreach (var passage in passages)
            {
                // Nothing is stored: a document's id is its passage number (checked below).
                writer.AddDocument(new Document { new TextField(TextField, passage.PaddedCanonical.Trim(), Field.Store.NO) });
                foreach (var word in passage.Words)
                {
                    documentFrequency[word] = documentFrequency.GetValueOrDefault(word) + 1;
                }
            }

            writer.Commit();
        }

        reader = DirectoryReader.Open(directory);
        if (reader.Leaves.Count != 1 || reader.MaxDoc != passages.Count)
        {
            throw new InvalidOperationException("The plan's index must be one segment with one document per passage.");
        }

        searcher = new IndexSearcher(reader) { Similarity = new BM25Similarity() };
        postings = Bm25Postings.Read(reader.Leaves[0].AtomicReader, TextField);
        MaxIdf = Idf(0);
    }

    public IReadOnlyList<Passage> Passages { get; }

    public double MaxIdf { get; }

    /// <summary>How rare a word is in the plan; words the plan never uses weigh the most.</summary>
    public double Idf(string word) => documentFrequency.TryGetValue(word, out var df) ? Idf(df) : MaxIdf;

    private double Idf(int df) => Math.Log(1 + ((Passages.Count - df + 0.5) / (df + 0.5)));

    public bool Knows(string word) => documentFrequency.ContainsKey(word);

    /// <summary>The <paramref name="count"/> best passages for the terms, by BM25 score, ties in passage order (as Lucene's collector).</summary>
    public List<Hit> Search(IReadOnlyList<SearchTerm> terms, int count)
    {
        var documents = postings.DocumentCount;
        Span<float> scores = documents <= 1024 ? stackalloc float[documents] : new float[documents];
        Span<bool> matched = documents <= 1024 ? stackalloc bool[documents] : new bool[documents];
        scores.Clear();
        matched.Clear();
        var found = postings.Score(terms, scores, matched);
        var hits = new List<Hit>(Math.Min(found, count));
        if (found == 0)
        {
            return hits;
        }

        // Insertion into a short sorted list: the plan has a few hundred passages and a question matches a few dozen.
        for (var doc = 0; doc < documents; doc++)
        {
            if (!matched[doc])
            {
                continue;
            }

            var score = scores[doc];
            if (hits.Count == count && score <= hits[^1].Score)
            {
                continue;
            }

            var at = hits.Count;
            while (at > 0 && hits[at - 1].Score < score)
            {
                at--;
            }

            if (hits.Count == count)
            {
                hits.RemoveAt(hits.Count - 1);
            }

            hits.Insert(at, new Hit(Passages[doc], score));
        }

        return hits;
    }

    /// <summary>The same search through Lucene's <see cref="IndexSearcher"/>: the reference <see cref="Search"/> must agree with.</summary>
    internal List<Hit> SearchWithLucene(IReadOnlyList<SearchTerm> terms, int count)
    {
        var query = new BooleanQuery();
        foreach (var term in terms)
        {
            query.Add(new TermQuery(new Term(TextField, term.Text)) { Boost = term.Boost }, Occur.SHOULD);
        }

        var top = searcher.Search(query, count);
        var hits = new List<Hit>(top.ScoreDocs.Length);
        foreach (var scoreDoc in top.ScoreDocs)
        {
            // One segment written in passage order and never changed: the document id is the passage number.
            hits.Add(new Hit(Passages[scoreDoc.Doc], scoreDoc.Score));
        }

        return hits;
    }

    public void Dispose()
    {
        reader.Dispose();
        directory.Dispose();
    }

    /// <summary>Canonical words in, unigrams and bigrams out; ASCII folding guards against any diacritic left.</summary>
    private sealed class PassageAnalyzer : Analyzer
    {
        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var tokenizer = new WhitespaceTokenizer(Version, reader);
            TokenStream stream = new ASCIIFoldingFilter(tokenizer);
            stream = new ShingleFilter(stream, 2, 2);
            return new TokenStreamComponents(tokenizer, stream);
        }
    }
}
