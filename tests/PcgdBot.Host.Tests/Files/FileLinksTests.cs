using Microsoft.Extensions.Time.Testing;
using PcgdBot.Conversations;
using PcgdBot.Host.Files;

namespace PcgdBot.Host.Tests.Files;

/// <summary>The download links of files in replies: signed, short-lived, one per person, bounded in memory.</summary>
public sealed class FileLinksTests
{
    private static readonly ChatFile Report = new("bao-cao-2026.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", [1, 2, 3]);

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 12, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_link_gives_its_file_until_it_expires_then_says_it_expired()
    {
        var links = new FileLinks(new FileLinkOptions(), time);
        var token = TokenOf(links.Create(Report, "zalo-bot", "u1"));

        Assert.Equal((Report, FileLinkRefusal.None), links.Open(token));
        time.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(FileLinkRefusal.None, links.Open(token).Refusal);
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal((null, FileLinkRefusal.Expired), links.Open(token));
    }

    [Fact]
    public void Each_person_gets_their_own_link_and_a_link_altered_in_any_part_is_forbidden()
    {
        var links = new FileLinks(new FileLinkOptions { PublicUrl = "https://pcgd.example.vn/" }, time);
        var mine = links.Create(Report, "webchat", "a");
        var theirs = links.Create(Report, "webchat", "b");

        Assert.StartsWith("https://pcgd.example.vn/api/files/", mine, StringComparison.Ordinal);
        Assert.NotEqual(TokenOf(mine).Split('.')[0], TokenOf(theirs).Split('.')[0]);
        var (id, expires, signature) = (TokenOf(mine).Split('.')[0], TokenOf(mine).Split('.')[1], TokenOf(mine).Split('.')[2]);
        var theirSignature = TokenOf(theirs).Split('.')[2];
        Assert.Equal(FileLinkRefusal.Forbidden, links.Open($"{id}.{expires}.{theirSignature}").Refusal);
        Assert.Equal(FileLinkRefusal.Forbidden, links.Open($"{id}.{long.Parse(expires, System.Globalization.CultureInfo.InvariantCulture) + 60}.{signature}").Refusal);
        Assert.Equal(FileLinkRefusal.Forbidden, links.Open(id).Refusal);
        Assert.Equal(FileLinkRefusal.NotFound, links.Open($"nosuchfile.{expires}.{signature}").Refusal);
    }

    [Fact]
    public void Beyond_the_memory_bound_the_oldest_files_are_dropped()
    {
        var links = new FileLinks(new FileLinkOptions { MaxStoredBytes = 1024 * 1024 }, time);
        var big = Report with { Content = new byte[600 * 1024] };
        var first = TokenOf(links.Create(big, "webchat", "a"));
        time.Advance(TimeSpan.FromSeconds(1));
        var second = TokenOf(links.Create(big, "webchat", "b"));

        Assert.Equal(FileLinkRefusal.NotFound, links.Open(first).Refusal);
        Assert.Equal(FileLinkRefusal.None, links.Open(second).Refusal);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("2.00:00:00")]
    public void A_validity_that_is_not_positive_or_longer_than_a_day_is_a_start_up_problem(string validity)
    {
        Assert.NotEmpty(new FileLinkOptions { Validity = TimeSpan.Parse(validity, System.Globalization.CultureInfo.InvariantCulture) }.Problems());
    }

    private static string TokenOf(string link) => link[(link.IndexOf(FileLinks.PathPrefix, StringComparison.Ordinal) + FileLinks.PathPrefix.Length)..];
}
