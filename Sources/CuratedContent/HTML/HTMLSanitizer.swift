import FeedpubSystem
import LibXML

/// Makes an item's HTML body safe to render in a feed reader: what ``HTMLPolicy`` allows, with every URL absolute.
///
/// A body that ``ArticleMarkup`` finds already safe as written (the common case: article markup with absolute
/// links) is published byte for byte. Any other is parsed with libxml2's HTML parser, cut to the allow-list and
/// written again from the parsed nodes (text and attribute values escaped, every element closed), each kind of
/// removal one warning with its count (`body: removed <script> (2)`).
enum HTMLSanitizer {
    /// `body` as the feeds carry it; each change is logged as a warning at `line`.
    static func sanitized(_ body: String, site: String, page: String, line: Int, log: inout IssueLog) -> String {
        if ArticleMarkup.isSafeAsWritten(body) { return body }
        let fragment: HTMLFragment
        do {
            fragment = try HTMLFragment.parse(body)
        } catch {
            log.warn("body", line: line, "could not be parsed as HTML (\(error)); published as text")
            return "<p>\(HTMLText.escaped(body))</p>"
        }
        guard fragment.complete else {
            log.warn("body", line: line, "is HTML the parser gives up on (nested too deeply); published as text")
            return "<p>\(HTMLText.escaped(body))</p>"
        }
        var writer = Writer(site: site, page: page)
        writer.write(fragment.nodes)
        if fragment.flattened > 0 {
            writer.removals.count(
                "elements nested deeper than \(HTMLFragment.maximumDepth) levels, keeping their text",
                fragment.flattened
            )
        }
        for (what, count) in writer.removals.entries { log.warn("body", line: line, "removed \(what) (\(count))") }
        if !writer.madeAbsolute.isEmpty {
            let changes = writer.madeAbsolute
            let examples = changes.prefix(3).joined(separator: ", ") + (changes.count > 3 ? ", …" : "")
            log.warn("body", line: line, "made \(changes.count) relative URL(s) absolute: \(examples)")
        }
        var output = writer.output
        if writer.unwrapped {
            // Content moved out of a removed element may break the rules of where it now is (`<p>` in `<p>`, once
            // the unknown element between them is gone), which a reader's parser would mend its own way: the output
            // is parsed and written once more, so that what is published is what any parser makes of it.
            if let again = try? HTMLFragment.parse(output), again.complete {
                var second = Writer(site: site, page: page)
                second.write(again.nodes)
                output = second.output
            }
        }
        return XMLCharacters.allAllowed(output) ? output : XMLCharacters.filtered(output)
    }

    /// Counts of what was removed, in the order first seen.
    struct Removals {
        private(set) var entries: [(String, Int)] = []
        private var positions: [String: Int] = [:]

        mutating func count(_ what: String, _ times: Int = 1) {
            if let position = positions[what] {
                entries[position].1 += times
            } else {
                positions[what] = entries.count
                entries.append((what, times))
            }
        }
    }

    /// Writes the allowed part of a fragment back as HTML.
    private struct Writer {
        let site: String
        let page: String
        var output = ""
        var removals = Removals()
        var madeAbsolute: [String] = []
        /// Whether an element was removed and its content kept in its place.
        var unwrapped = false

        mutating func write(_ nodes: [HTMLFragment.Node]) {
            for node in nodes {
                switch node {
                case .text(let text):
                    appendEscaped(text, quotes: false)
                case .comment:
                    removals.count("<!-- comment -->")
                case .other:
                    removals.count("<?…?> processing instruction")
                case .element(let element):
                    write(element)
                }
            }
        }

        mutating func write(_ element: HTMLFragment.Element) {
            let name = element.name
            if HTMLPolicy.droppedVoid.contains(name) {
                removals.count("<\(DisplayText.escaped(name))>")
                unwrapped = unwrapped || !element.children.isEmpty
                write(element.children)  // an element with no content: what the parser put inside follows it
                return
            }
            if HTMLPolicy.droppedWithContent.contains(name) {
                removals.count("<\(DisplayText.escaped(name))>")
                return
            }
            guard HTMLPolicy.elements[name] != nil else {
                removals.count("<\(DisplayText.escaped(name))> tags, keeping their content")
                unwrapped = unwrapped || !element.children.isEmpty
                write(element.children)
                return
            }
            output += "<"
            output += name
            for attribute in element.attributes {
                guard let value = allowedValue(of: attribute, on: name) else { continue }
                output += " "
                output += attribute.name
                output += "=\""
                appendEscaped(value, quotes: true)
                output += "\""
            }
            output += ">"
            if HTMLPolicy.void.contains(name) {
                if !element.children.isEmpty { write(element.children) }
                return
            }
            write(element.children)
            output += "</"
            output += name
            output += ">"
        }

        /// The value `attribute` keeps on `element`, or `nil` (counted) when it is removed.
        mutating func allowedValue(of attribute: HTMLFragment.Attribute, on element: String) -> String? {
            let name = attribute.name
            guard HTMLPolicy.allows(name, on: element) else {
                removals.count("\(DisplayText.escaped(name))= attribute(s)")
                return nil
            }
            if name == "target" {
                guard attribute.value == "_blank" else {
                    removals.count("target= other than _blank")
                    return nil
                }
                return attribute.value
            }
            if name == "srcset" { return allowedSourceSet(attribute.value) }
            guard HTMLPolicy.urlAttributes.contains(name) else { return attribute.value }
            return allowedURL(attribute.value, in: name)
        }

        mutating func allowedURL(_ value: String, in attribute: String) -> String? {
            let trimmed = value.trimmingWhitespace
            if let scheme = HTMLPolicy.scheme(of: trimmed) {
                guard HTMLPolicy.allowsScheme(scheme, in: attribute) else {
                    removals.count("\(DisplayText.escaped(scheme)): URL(s) in \(attribute)=")
                    return nil
                }
                return trimmed
            }
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { return trimmed }
            let absolute = WebAddress.resolve(trimmed, site: site, page: page)
            madeAbsolute.append("\(trimmed) → \(absolute)")
            return absolute
        }

        /// A `srcset`: each candidate's URL checked and made absolute; the attribute goes when none is left.
        mutating func allowedSourceSet(_ value: String) -> String? {
            var candidates: [String] = []
            for candidate in SourceSet.candidates(value) {
                guard let url = allowedURL(candidate.url, in: "srcset") else { continue }
                candidates.append(candidate.descriptor.isEmpty ? url : "\(url) \(candidate.descriptor)")
            }
            return candidates.isEmpty ? nil : candidates.joined(separator: ", ")
        }

        mutating func appendEscaped(_ text: String, quotes: Bool) {
            output += HTMLText.escaped(text, quotes: quotes)
        }
    }
}
