import Foundation
import LibXML

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// An XML element parsed back from bytes, for asserting a writer's output element by element.
///
/// Names are kept as written, prefixes included (`dc:creator`, `atom:link`), so tests say exactly what a
/// reader sees. Parsing uses Foundation's `XMLParser`; ``parse(_:)`` also checks well-formedness with libxml2.
public final class XMLElement: @unchecked Sendable {
    /// The qualified name.
    public let name: String
    /// Attributes by qualified name.
    public var attributes: [String: String]
    /// Child elements in order.
    public var children: [XMLElement] = []
    /// The concatenated character data directly inside this element.
    public var text = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// The first child named `name`.
    public func child(_ name: String) -> XMLElement? { children.first { $0.name == name } }

    /// Every child named `name`.
    public func children(_ name: String) -> [XMLElement] { children.filter { $0.name == name } }

    /// The text of the first child named `name`.
    public func text(of name: String) -> String? { child(name)?.text }

    /// The element at a `/`-separated path of child names below this one.
    public func at(_ path: String) -> XMLElement? {
        var current: XMLElement? = self
        for part in path.split(separator: "/") { current = current?.child(String(part)) }
        return current
    }

    /// Parses `bytes`; throws when libxml2 or XMLParser finds them not well-formed.
    public static func parse(_ bytes: [UInt8]) throws -> XMLElement {
        if let problem = XMLWellFormedness.problem(in: bytes) { throw XMLTreeError.notWellFormed(problem) }
        let delegate = TreeBuilder()
        let parser = XMLParser(data: Data(bytes))
        parser.delegate = delegate
        guard parser.parse(), let root = delegate.root else {
            throw XMLTreeError.notWellFormed(parser.parserError.map { "\($0)" } ?? "no root element")
        }
        return root
    }
}

/// Why bytes could not be parsed back.
public enum XMLTreeError: Error, CustomStringConvertible {
    /// The bytes are not well-formed XML.
    case notWellFormed(String)

    public var description: String {
        switch self {
        case .notWellFormed(let reason): "not well-formed XML: \(reason)"
        }
    }
}

private final class TreeBuilder: NSObject, XMLParserDelegate {
    var root: XMLElement?
    private var stack: [XMLElement] = []

    func parser(
        _ parser: XMLParser,
        didStartElement elementName: String,
        namespaceURI: String?,
        qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        let element = XMLElement(name: qualifiedName ?? elementName, attributes: attributes)
        stack.last?.children.append(element)
        if stack.isEmpty { root = element }
        stack.append(element)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        stack.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        stack.last?.text += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        stack.last?.text += String(decoding: CDATABlock, as: UTF8.self)
    }
}
