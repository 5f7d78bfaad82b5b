namespace PcgdBot.Storage;

/// <summary>
/// A <see cref="DocumentStore.Write"/> was based on a version of the document that is no longer the stored one:
/// someone else wrote it in between. Read it again, re-apply the change, and write with the new ETag.
/// </summary>
public sealed class ETagConflictException : Exception
{
    public ETagConflictException(string key)
        : base($"Dữ liệu '{key}' vừa được thay đổi bởi một lượt xử lý khác (ETag không khớp); hãy đọc lại rồi ghi lại. "
               + $"(ETag conflict: document '{key}' was changed by someone else since it was read.)")
    {
        Key = key;
    }

    public string Key { get; }
}
