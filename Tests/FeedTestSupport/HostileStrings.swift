/// Strings that break naive feed writers: markup, entities, CDATA ends, controls, quotes, emoji, RTL.
public enum HostileStrings {
    /// Pieces to combine; each alone has broken a real writer or reader.
    public static let pieces: [String] = [
        "&", "&amp;", "&nbsp;", "<", ">", "<script>alert('x')</script>", "]]>", "<![CDATA[", "\"", "'",
        "\u{0B}", "\u{00}", "\u{01}", "\u{1B}", "\u{7F}", "\u{85}", "\u{FFFE}", "\u{FFFF}", "\u{FEFF}",
        "\u{2028}", "\u{2029}", "\t", "\n", "\r", "\r\n", " ", "é", "🩺", "👩🏽‍⚕️", "محمد الأحمد", "\u{202E}RTL override",
        "\\", "\\u0000", "/", "%", "{", "}", "plain text",
    ]

    /// Every piece alone, then every pair.
    public static var combinations: [String] {
        pieces + pieces.flatMap { a in pieces.map { a + $0 } }
    }
}
