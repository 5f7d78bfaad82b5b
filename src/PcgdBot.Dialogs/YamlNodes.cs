using PcgdBot.Plan;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PcgdBot.Dialogs;

/// <summary>
/// Reading the content folder's YAML files (dialogs, reminders) with the line of every problem: each file kind says
/// how a problem is reported (<see cref="ErrorAt"/>), the reading itself is written once here.
/// </summary>
public static class YamlNodes
{
    /// <summary>Makes the file kind's "file:line: reason" exception for a node.</summary>
    public delegate ContentFileException ErrorAt(int line, string reason);

    public static int Line(YamlNode node) => (int)node.Start.Line;

    /// <summary>The one mapping a file holds; <paramref name="notAMapping"/> says what the file should start with.</summary>
    public static YamlMappingNode ReadRoot(string yaml, string notAMapping, ErrorAt error)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw error((int)e.Start.Line, $"không đọc được YAML: {e.InnerException?.Message ?? e.Message} (invalid YAML)");
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw error(1, notAMapping);
        }

        return root;
    }

    /// <summary>Refuses a key that is not one of <paramref name="allowed"/> (a misspelt key would be silently ignored otherwise).</summary>
    public static void CheckKeys(YamlMappingNode node, string[] allowed, ErrorAt error)
    {
        foreach (var key in node.Children.Keys)
        {
            var name = Scalar(key, error);
            if (!allowed.Contains(name))
            {
                throw error(Line(key), $"khóa \"{name}\" không có; chỉ dùng: {string.Join(", ", allowed)} (unknown key)");
            }
        }
    }

    public static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    public static string RequiredScalar(YamlMappingNode node, string key, ErrorAt error) =>
        OptionalScalar(node, key, error) ?? throw error(Line(node), $"thiếu \"{key}\" (missing {key})");

    public static string? OptionalScalar(YamlMappingNode node, string key, ErrorAt error)
    {
        var child = Child(node, key);
        if (child is null)
        {
            return null;
        }

        var value = Scalar(child, error);
        return value.Trim().Length == 0 ? throw error(Line(child), $"\"{key}\" không được để trống (empty value)") : value;
    }

    public static string Scalar(YamlNode node, ErrorAt error) =>
        node is YamlScalarNode { Value: { } value }
            ? value
            : throw error(Line(node), "ở đây cần một giá trị đơn, không phải danh sách hay nhóm (scalar expected)");
}
