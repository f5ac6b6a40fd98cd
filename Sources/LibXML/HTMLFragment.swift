import CLibXML2

/// An HTML fragment (an article body) as libxml2's HTML parser builds it, handed over as Swift values.
///
/// The parser does what a browser does with tag soup — closes what is left open, lower-cases names, decodes
/// character references in text and attribute values — so a sanitizer deciding on these nodes decides on what a
/// reader would see, not on bytes. The `html`, `head` and `body` elements the parser wraps a fragment in are left
/// out: their children are the fragment's nodes.
package struct HTMLFragment: Sendable, Equatable {
    /// A node of the fragment.
    package indirect enum Node: Sendable, Equatable {
        /// An element, its name lower-cased.
        case element(Element)
        /// Text (character references decoded), including the raw text of `script` and `style`.
        case text(String)
        /// A comment (its text is not kept: nothing publishes it).
        case comment
        /// A processing instruction or another node a document body has no use for.
        case other
    }

    /// An element and what it holds.
    package struct Element: Sendable, Equatable {
        /// The name, lower-cased.
        package var name: String
        /// The attributes in document order, names lower-cased, values decoded.
        package var attributes: [Attribute]
        /// The child nodes.
        package var children: [Node]
    }

    /// An attribute of an element.
    package struct Attribute: Sendable, Equatable {
        /// The name, lower-cased.
        package var name: String
        /// The value, character references decoded.
        package var value: String
    }

    /// Elements nested deeper than this are not kept as elements: their text is kept, as text of the element at
    /// this depth (hostile bodies nest 100,000 levels; a walk of the values must not recurse that deep).
    package static let maximumDepth = 200

    /// The top-level nodes.
    package var nodes: [Node]
    /// How many elements nested deeper than ``maximumDepth`` were flattened to their text.
    package var flattened: Int
    /// Whether the parser read the whole fragment (it stops at a fatal error, such as nesting past 256 levels).
    package var complete: Bool

    /// Parses `html` as the body of a document.
    ///
    /// Throws only when libxml2 cannot allocate its parser.
    package static func parse(_ html: String) throws(XMLWriterError) -> HTMLFragment {
        LibXMLSetUp.initializeOnce()
        // `<html><body>` first, so that text at the start stays text (the parser would put it in an implied `<p>`).
        var source = "<html><body>"
        source += html
        let options = Int32(
            HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NOIMPLIED.rawValue
        )
        guard let context = htmlNewParserCtxt() else { throw XMLWriterError.allocation("htmlNewParserCtxt") }
        defer { htmlFreeParserCtxt(context) }
        let parsed = source.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                htmlCtxtReadMemory(context, chars.baseAddress, Int32(clamping: chars.count), nil, "UTF-8", options)
            }
        }
        guard let document = parsed else { throw XMLWriterError.allocation("htmlCtxtReadMemory") }
        defer { xmlFreeDoc(document) }
        var builder = Builder()
        let nodes = builder.nodes(document.pointee.children, depth: 0, unwrapping: true)
        // The parser stops for good (and drops the rest) only on a fatal error, such as nesting past 256 levels.
        let complete = context.pointee.disableSAX == 0
        return HTMLFragment(nodes: nodes, flattened: builder.flattened, complete: complete)
    }

    /// Converts libxml2's nodes, counting what it flattens.
    private struct Builder {
        var flattened = 0

        mutating func nodes(_ first: xmlNodePtr?, depth: Int, unwrapping: Bool) -> [Node] {
            var result: [Node] = []
            var current = first
            while let node = current {
                current = node.pointee.next
                switch node.pointee.type {
                case XML_ELEMENT_NODE:
                    let name = Self.string(node.pointee.name)
                    if unwrapping, name == "html" || name == "head" || name == "body" {
                        result += nodes(node.pointee.children, depth: depth, unwrapping: true)
                    } else if depth >= HTMLFragment.maximumDepth {
                        flattened += 1
                        result.append(.text(Self.content(of: node)))
                    } else {
                        let element = Element(
                            name: name,
                            attributes: Self.attributes(of: node),
                            children: nodes(node.pointee.children, depth: depth + 1, unwrapping: false)
                        )
                        result.append(.element(element))
                    }
                case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                    result.append(.text(Self.string(node.pointee.content)))
                case XML_COMMENT_NODE:
                    result.append(.comment)
                case XML_DTD_NODE:
                    break  // the parser's own
                default:
                    result.append(.other)
                }
            }
            return result
        }

        static func attributes(of node: xmlNodePtr) -> [Attribute] {
            var result: [Attribute] = []
            var current = node.pointee.properties
            while let attribute = current {
                current = attribute.pointee.next
                let value = attribute.withMemoryRebound(to: xmlNode.self, capacity: 1) { content(of: $0) }
                result.append(Attribute(name: string(attribute.pointee.name), value: value))
            }
            return result
        }

        /// The text of `node` and everything below it (libxml2 walks it without recursing).
        static func content(of node: xmlNodePtr) -> String {
            guard let text = xmlNodeGetContent(node) else { return "" }
            defer { clibxml2_free(text) }
            return string(text)
        }

        static func string(_ text: UnsafePointer<xmlChar>?) -> String {
            guard let text else { return "" }
            return String(cString: text)
        }
    }
}
