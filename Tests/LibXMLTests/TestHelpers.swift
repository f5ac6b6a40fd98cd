import FeedTestSupport
import FeedpubSystem
import PropertyBased

@testable import LibXML

/// Small helpers shared by the LibXML suites.
enum Doc {
    /// The declaration every document starts with.
    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"

    /// The document as text (the writer always produces UTF-8).
    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    /// `<root a="value"><t>value</t></root>`, written by ``XMLTextWriter``.
    static func carrying(text: String, attribute: String, indent: Bool = true) throws -> [UInt8] {
        let xml = try XMLTextWriter(indent: indent)
        try xml.startElement("root")
        try xml.attribute("a", attribute)
        try xml.element("t", text: text)
        try xml.endElement()
        return try xml.finish()
    }
}
