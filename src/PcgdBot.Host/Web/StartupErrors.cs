using System.Text.RegularExpressions;

namespace PcgdBot.Host.Web;

/// <summary>One line, Vietnamese then English, for a setting the host cannot use — never a stack trace.</summary>
public static partial class StartupErrors
{
    /// <summary>A setting that does not convert to its type ("abc" for a TimeSpan), named by its path.</summary>
    public static string? BadSetting(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            if (e is InvalidOperationException && ConversionFailure().Match(e.Message) is { Success: true } match)
            {
                return $"Cấu hình không hợp lệ: giá trị \"{match.Groups["value"].Value}\" của {match.Groups["key"].Value} không đọc được "
                    + $"(invalid configuration: {match.Groups["key"].Value} = \"{match.Groups["value"].Value}\" is not a valid {ShortType(match.Groups["type"].Value)}).";
            }
        }

        return null;
    }

    /// <summary>The listening address (ASPNETCORE_URLS / --urls) is malformed or already in use.</summary>
    public static string? CannotListen(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            if (e is IOException io && io.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                return $"Không mở được địa chỉ lắng nghe (ASPNETCORE_URLS / --urls): địa chỉ đang được chương trình khác dùng. (Cannot listen: {io.Message})";
            }

            if (e is FormatException or UriFormatException || (e is InvalidOperationException && e.Message.Contains("Invalid url", StringComparison.OrdinalIgnoreCase)))
            {
                return $"Cấu hình không hợp lệ: địa chỉ lắng nghe (ASPNETCORE_URLS / --urls) sai định dạng, ví dụ đúng: http://localhost:5000. (Invalid listening address: {e.Message})";
            }
        }

        return BadSetting(error);
    }

    private static string ShortType(string type) => type[(type.LastIndexOf('.') + 1)..];

    [GeneratedRegex(@"Failed to convert configuration value '(?<value>.*)' at '(?<key>[^']+)' to type '(?<type>[^']+)'", RegexOptions.Singleline)]
    private static partial Regex ConversionFailure();
}
