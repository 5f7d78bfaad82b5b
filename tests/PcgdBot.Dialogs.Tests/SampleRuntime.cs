using PcgdBot.Dialogs;

namespace PcgdBot.Dialogs.Tests;

/// <summary>A small runtime file with short texts, so tests can check which text the runtime chose.</summary>
internal static class SampleRuntime
{
    public const string Yaml = """
        commands:
          cancel: [hủy, thôi]
          help: [trợ giúp]
          back: [quay lại]
          skip: [bỏ qua, không có]
        texts:
          cancelled: "HỦY {title}"
          back-at-start: "ĐẦU"
          too-many-attempts: "DỪNG {title}"
          resume: "TIẾP {title}"
          optional-hint: "(bỏ qua được)"
          help-footer: "CHÂN"
          no-help: "KHÔNG GỢI Ý"
          empty-value: "(trống)"
          no-choices: "KHÔNG CÓ LỰA CHỌN {title}"
          too-long: "DÀI {length}/{max}"
          invalid.text: "chữ?"
          invalid.choice: "chọn 1..{count}"
          invalid.number: "số?"
          invalid.percent: "phần trăm?"
          invalid.figure: "số liệu?"
          invalid.date: "ngày?"
          invalid.yesno: "có/không?"
          out-of-range: "từ {min} đến {max}"
          ways-out: "LỐI RA"
          restarted: "LẠI {title}"
        """;

    public static RuntimeTexts Texts { get; } = DialogLoader.ParseRuntime(Yaml, "_runtime.yaml");
}
