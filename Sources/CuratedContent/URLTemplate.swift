/// A page-address template such as `{site}{basePath}{slug}/`, parsed once and expanded per item without
/// searching the text again.
public struct URLTemplate: Sendable, Hashable {
    /// The placeholders a template may use.
    public enum Placeholder: String, Sendable, Hashable, CaseIterable {
        /// The site URL without a trailing `/`.
        case site
        /// The item's base path, always `/…/`.
        case basePath
        /// The item's page slug.
        case slug
        /// The community slug.
        case community
        /// The content id, percent-encoded.
        case id
    }

    private enum Part: Sendable, Hashable {
        case text(String)
        case placeholder(Placeholder)
    }

    private let parts: [Part]
    /// The template as written.
    public let text: String

    /// Parses `text`; braces that do not name a placeholder stay as written.
    public init(_ text: String) {
        self.text = text
        var parts: [Part] = []
        var literal = Substring()
        var rest = text[...]
        while let open = rest.firstIndex(of: "{") {
            literal += rest[..<open]
            let afterOpen = rest.index(after: open)
            if let close = rest[afterOpen...].firstIndex(of: "}"),
                let placeholder = Placeholder(rawValue: String(rest[afterOpen..<close]))
            {
                if !literal.isEmpty { parts.append(.text(String(literal))) }
                literal = ""
                parts.append(.placeholder(placeholder))
                rest = rest[rest.index(after: close)...]
            } else {
                literal += "{"
                rest = rest[afterOpen...]
            }
        }
        literal += rest
        if !literal.isEmpty { parts.append(.text(String(literal))) }
        self.parts = parts
    }

    /// The template with each placeholder replaced by `value(placeholder)`.
    public func expand(_ value: (Placeholder) -> String) -> String {
        var result = ""
        for part in parts {
            switch part {
            case .text(let text): result += text
            case .placeholder(let placeholder): result += value(placeholder)
            }
        }
        return result
    }
}
