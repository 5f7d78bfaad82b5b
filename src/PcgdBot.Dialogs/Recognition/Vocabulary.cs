namespace PcgdBot.Dialogs.Recognition;

/// <summary>The Vietnamese words the recognizers know, written with diacritics (matched with or without).</summary>
internal static class Vocabulary
{
    /// <summary>Counting words that follow a number as its unit ("3 lớp", "45 học viên").</summary>
    public static readonly PhraseSet Units = new(
    [
        "lớp", "lớp học", "học viên", "học sinh", "sinh viên", "người", "người học", "người dân", "người lớn",
        "trường", "trường học", "điểm trường", "xã", "phường", "thị trấn", "huyện", "thôn", "bản", "ấp", "xóm",
        "làng", "tổ", "khu phố", "em", "cháu", "trẻ", "trẻ em", "giáo viên", "cô giáo", "thầy cô", "cán bộ",
        "công chức", "viên chức", "nhân viên", "phòng học", "phòng", "cơ sở", "đơn vị", "trung tâm", "hộ",
        "hộ gia đình", "gia đình", "buổi", "lần", "lượt", "đợt", "ngày", "tuần", "tháng", "năm", "giờ", "tiết",
        "bộ", "cuốn", "quyển", "bài", "đồng", "chỉ tiêu", "nhiệm vụ", "hồ sơ", "thành viên", "đoàn viên",
        "hội viên", "tình nguyện viên", "phụ huynh", "nhóm", "câu lạc bộ", "clb", "điểm", "máy", "máy tính",
        "cái", "chiếc", "văn bản", "báo cáo", "cuộc", "hội nghị", "kế hoạch", "km", "tài liệu", "khóa",
        "khoá", "tuổi",
    ]);

    /// <summary>Words after which a number names something rather than counts it ("nhiệm vụ 2", "lớp 9", "thứ 2").</summary>
    public static readonly PhraseSet NamingWords = new(
    [
        "nhiệm vụ", "nv", "mục", "tiểu mục", "điều", "khoản", "chương", "phần", "tiêu chí", "chỉ tiêu", "số",
        "thứ", "lớp", "khối", "đợt", "lần", "kỳ", "kì", "học kỳ", "học kì", "giai đoạn", "tiết", "bài", "trang",
        "phụ lục", "biểu", "biểu mẫu", "mẫu", "câu", "ý", "tổ", "thôn", "ấp", "xóm", "khu", "khu phố", "đội",
        "phòng", "kế hoạch", "công văn", "quyết định", "thông tư", "nghị định", "văn bản", "bước", "nội dung",
        "hạng mục", "stt", "tt", "mã", "nhóm", "hoạt động", "mức", "mức độ", "cấp", "cấp độ", "level", "bản",
        "phiên bản", "version", "lô", "hạng", "sđt", "đt", "điện thoại", "zalo", "hotline", "mã số", "cccd", "cmnd",
    ]);

    /// <summary>Words before a number that do not make it a name ("tổng số 45").</summary>
    public static readonly PhraseSet CountingLeads = new(["tổng số", "số lượng", "tổng cộng", "con số"]);

    /// <summary>Words after which a number is part of a date or time ("ngày 10", "tháng 12", "năm 2024").</summary>
    public static readonly PhraseSet DateWords = new(
    [
        "ngày", "tháng", "năm", "mùng", "mồng", "hôm", "quý", "tuần", "năm học", "niên khóa", "niên khoá",
        "lúc", "hạn", "thời hạn", "trước ngày", "sau ngày", "từ ngày", "đến ngày",
    ]);

    public static readonly Phrase Percent = new("phần trăm");

    /// <summary>Words that are not a unit even though they follow a number ("80 là", "3 và").</summary>
    public static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "la", "va", "voi", "cua", "da", "dang", "se", "duoc", "bi", "co", "khong", "ko", "chua", "trong", "ngoai",
        "o", "tai", "cho", "de", "thi", "ma", "nhung", "hoac", "hay", "tu", "den", "toi", "nua", "roi", "a", "nhe",
        "nha", "nay", "do", "kia", "cac", "moi", "tren", "duoi", "sau", "truoc", "khi", "neu", "vi", "nen", "dat",
        "tang", "giam", "con", "cung", "van", "deu", "chi", "hon", "kem", "so", "theo", "ve", "ra", "vao", "len",
        "xuong", "lai", "di", "thoi", "luon", "nhu", "the", "vay", "nao", "gi", "bao", "nhieu", "khoang", "gan",
        "tong", "it", "nhat", "phan", "ty", "le", "ok", "oke", "nhe", "ha", "ah", "oi", "u", "vang", "dung", "sai",
        "hoan", "thanh", "xong", "het", "tat", "ca", "moi", "mot", "hai", "ba", "bon", "nam", "sau", "bay", "tam",
        "chin", "muoi", "tram", "nghin", "ngan", "trieu", "the", "ay", "day", "kia", "ne", "nhi", "ru", "ruoi",
        "va", "cung", "rat", "qua", "lam", "nhieu", "deu", "hang", "thang", "ngay", "tuan", "nam", "quy", "ky",
        "nguoi", "tai", "ben", "phia", "bang", "hoac", "hoi", "mo", "to", "chuc", "thuc", "hien", "tiep", "tuc",
        "con", "nhat", "tren", "cap", "nhat", "nv", "nhiem", "vu", "muc", "so",
    };

    /// <summary>Little words that carry no content in a short answer ("có ạ", "số 2 nhé").</summary>
    public static readonly HashSet<string> Particles = new(StringComparer.Ordinal)
    {
        "a", "ah", "a", "nhe", "nha", "nhen", "nhi", "ha", "oi", "luon", "di", "vay", "the", "chu", "day", "dau",
        "nhe", "ne", "em", "anh", "chi", "ban", "thay", "bac", "ad", "admin", "bot", "minh", "toi", "tui",
    };

    /// <summary>Words that negate what follows ("không đồng ý", "chưa xong").</summary>
    public static readonly HashSet<string> Negations = new(StringComparer.Ordinal)
    {
        "khong", "ko", "k", "kg", "khg", "kh", "hong", "hok", "hem", "chua", "chang", "cha", "deo", "dell",
    };
}
