import LibXML

/// The text of an HTML body, for a summary derived from it: what a reader shows, without markup.
///
/// Parsed with libxml2's HTML parser (character references decoded), block elements separated by a space, white
/// space folded. Only items without a `description` pay for it.
enum BodyText {
    /// Elements whose start and end separate words.
    private static let blocks: Set<String> = [
        "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "br", "hr",
        "table", "caption", "tr", "td", "th", "figure", "figcaption", "pre", "picture", "video", "audio", "img",
    ]

    /// The text of `html`, white space folded; `nil` when there is none.
    static func of(_ html: String) -> String? {
        guard let fragment = try? HTMLFragment.parse(html), fragment.complete else { return nil }
        var text = ""
        var pending = fragment.nodes.reversed().map { Step.node($0) }
        while let step = pending.popLast() {
            switch step {
            case .space:
                text += " "
            case .node(.text(let piece)):
                text += piece
            case .node(.element(let element)):
                let block = blocks.contains(element.name)
                if block {
                    text += " "
                    pending.append(.space)
                }
                pending += element.children.reversed().map { Step.node($0) }
            case .node:
                break
            }
        }
        let folded = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return folded.isEmpty ? nil : folded
    }

    private enum Step {
        case node(HTMLFragment.Node)
        case space
    }
}
