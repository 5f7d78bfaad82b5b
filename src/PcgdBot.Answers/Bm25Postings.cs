using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace PcgdBot.Answers;

/// <summary>
/// The postings of the plan's one-segment Lucene index, read out once at start-up, scored with Lucene's own BM25
/// formula (k1 = 1.2, b = 0.75, the index's lossy length norms, float arithmetic in the same order).
/// The plan is a few hundred passages: asking Lucene's searcher to seek the term dictionary, clone inputs and build
/// weights and scorers for every question cost ~200 µs and ~250 KB per answer; a dictionary look-up per term gives the
/// same scores (checked against <see cref="IndexSearcher"/> by the tests) in a few microseconds.
/// </summary>
internal sealed class Bm25Postings
{
    private const float K1 = 1.2f;
    private const float B = 0.75f;

    private readonly Dictionary<string, TermPostings> postings;
    private readonly float[] lengthNorms;

    private Bm25Postings(Dictionary<string, TermPostings> postings, float[] lengthNorms)
    {
        this.postings = postings;
        this.lengthNorms = lengthNorms;
    }

    public int DocumentCount => lengthNorms.Length;

    /// <summary>One term's documents and frequencies, with its idf as Lucene computes it.</summary>
    private sealed record TermPostings(float Idf, int[] Documents, float[] Frequencies);

    public static Bm25Postings Read(AtomicReader reader, string field)
    {
        var maxDoc = reader.MaxDoc;
        var terms = reader.GetTerms(field) ?? throw new InvalidOperationException($"the index has no field {field}");
        var sumTotalTermFreq = terms.SumTotalTermFreq;
        var averageLength = sumTotalTermFreq <= 0 ? 1f : (float)(sumTotalTermFreq / (double)maxDoc);

        // BM25Similarity's cache: k1 * ((1 - b) + b * length / avgdl), length decoded from the norm byte.
        var cache = new float[256];
        for (var i = 0; i < 256; i++)
        {
            var f = SmallSingle.SByte315ToSingle((sbyte)i);
            var length = 1.0f / (f * f);
            cache[i] = K1 * ((1 - B) + (B * length / averageLength));
        }

        var norms = reader.GetNormValues(field);
        var lengthNorms = new float[maxDoc];
        for (var doc = 0; doc < maxDoc; doc++)
        {
            lengthNorms[doc] = norms is null ? K1 : cache[(sbyte)norms.Get(doc) & 0xFF];
        }

        var postings = new Dictionary<string, TermPostings>(StringComparer.Ordinal);
        var termsEnum = terms.GetEnumerator();
        DocsEnum? docsEnum = null;
        while (termsEnum.MoveNext())
        {
            var text = termsEnum.Term.Utf8ToString();
            var docFreq = termsEnum.DocFreq;
            var idf = (float)Math.Log(1 + ((maxDoc - docFreq + 0.5D) / (docFreq + 0.5D)));
            docsEnum = termsEnum.Docs(null, docsEnum, DocsFlags.FREQS);
            var documents = new List<int>(docFreq);
            var frequencies = new List<float>(docFreq);
            int doc;
            while ((doc = docsEnum.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS)
            {
                documents.Add(doc);
                frequencies.Add(docsEnum.Freq);
            }

            postings[text] = new TermPostings(idf, [.. documents], [.. frequencies]);
        }

        return new Bm25Postings(postings, lengthNorms);
    }

    /// <summary>
    /// Adds each term's BM25 score into <paramref name="scores"/> (one slot per document) and marks the documents that
    /// matched in <paramref name="matched"/>; returns how many documents matched.
    /// </summary>
    public int Score(IReadOnlyList<SearchTerm> query, Span<float> scores, Span<bool> matched)
    {
        var count = 0;
        for (var t = 0; t < query.Count; t++)
        {
            if (!postings.TryGetValue(query[t].Text, out var term))
            {
                continue;
            }

            // BM25Stats.Weight = idf * boost; the doc scorer multiplies by (k1 + 1) once.
            var weight = term.Idf * query[t].Boost;
            var weightValue = weight * (K1 + 1);
            var documents = term.Documents;
            var frequencies = term.Frequencies;
            for (var i = 0; i < documents.Length; i++)
            {
                var doc = documents[i];
                var freq = frequencies[i];
                scores[doc] += weightValue * freq / (freq + lengthNorms[doc]);
                if (!matched[doc])
                {
                    matched[doc] = true;
                    count++;
                }
            }
        }

        return count;
    }
}
