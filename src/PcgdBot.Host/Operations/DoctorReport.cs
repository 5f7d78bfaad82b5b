namespace PcgdBot.Host.Operations;

/// <summary>How a doctor check came out.</summary>
public enum DoctorLevel
{
    Ok,
    Warning,
    Error,
}

/// <summary>One line of <c>doctor</c>'s output.</summary>
public sealed record DoctorLine(DoctorLevel Level, string Topic, string Text)
{
    public override string ToString() => $"{Label(Level)} {Topic}: {Text}";

    public static string Label(DoctorLevel level) => level switch
    {
        DoctorLevel.Ok => "OK      ",
        DoctorLevel.Warning => "CẢNH BÁO",
        _ => "LỖI     ",
    };
}

/// <summary>The lines, collected in the order the checks ran.</summary>
public sealed class DoctorReport
{
    private readonly List<DoctorLine> _lines = [];

    public IReadOnlyList<DoctorLine> Lines => _lines;

    public bool HasErrors => _lines.Any(line => line.Level == DoctorLevel.Error);

    public void Ok(string topic, string text) => _lines.Add(new(DoctorLevel.Ok, topic, text));

    public void Warn(string topic, string text) => _lines.Add(new(DoctorLevel.Warning, topic, text));

    public void Error(string topic, string text) => _lines.Add(new(DoctorLevel.Error, topic, text));

    public string Summary()
    {
        var errors = _lines.Count(l => l.Level == DoctorLevel.Error);
        var warnings = _lines.Count(l => l.Level == DoctorLevel.Warning);
        return errors == 0 && warnings == 0
            ? "Tất cả đều ổn."
            : $"Có {errors} lỗi và {warnings} cảnh báo.";
    }
}
