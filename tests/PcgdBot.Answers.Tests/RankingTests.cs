namespace PcgdBot.Answers.Tests;

public sealed class RankingTests(AnswerServiceFixture fixture) : IClassFixture<AnswerServiceFixture>
{
    public static TheoryData<string> EvaluationQuestions()
    {
        var data = new TheoryData<string>();
        foreach (var file in new[] { "qa-dev.tsv", "qa-heldout.tsv" })
        {
            foreach (var row in EvaluationSet.Load(Path.Combine(AppContext.BaseDirectory, "Data", file)).Rows)
            {
                data.Add(row.Question);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EvaluationQuestions))]
    public void The_in_memory_postings_rank_passages_exactly_as_Lucene_does(string question)
    {
        var terms = fixture.Service.SearchTermsFor(question);
        var lucene = fixture.Service.Index.SearchWithLucene(terms, 30);
        var fast = fixture.Service.Index.Search(terms, 30);

        Assert.Equal(lucene.Count, fast.Count);
        for (var i = 0; i < lucene.Count; i++)
        {
            // The same sums, added in another order: equal to float rounding.
            Assert.True(Math.Abs(lucene[i].Score - fast[i].Score) <= 1e-5 * lucene[i].Score, $"#{i}: {lucene[i].Score} vs {fast[i].Score}");
            // Two passages may swap places only when their scores are equal to that rounding.
            if (lucene[i].Passage.Number != fast[i].Passage.Number)
            {
                var other = lucene.First(h => h.Passage.Number == fast[i].Passage.Number);
                Assert.True(Math.Abs(other.Score - lucene[i].Score) <= 1e-5 * lucene[i].Score, $"#{i}: passage {fast[i].Passage.Number} instead of {lucene[i].Passage.Number}");
            }
        }
    }
}
