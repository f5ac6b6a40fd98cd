import FeedModel
import FeedTestSupport
import PropertyBased

@testable import LibXMLWriter

/// Small helpers shared by the LibXMLWriter suites.
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

/// The scalar values of `text`: `==` on `String` is canonical equivalence, these compare exactly.
func scalars(_ text: String) -> [UInt32] { text.unicodeScalars.map(\.value) }

/// Random strings mixing ``HostileStrings/pieces`` with random ASCII, BMP and astral scalars.
enum HostileGen {
    static var fragment: PropertyBased.Generator<String, some SendableSequenceType> {
        zip(Gen.int(in: 0...3), Gen.uint32(in: 0...0x10FFFF)).map { kind, n -> String in
            let pieces = HostileStrings.pieces
            switch kind {
            case 0: return pieces[Int(n) % pieces.count]
            case 1: return String(Unicode.Scalar(UInt8(n % 0x80)))
            case 2: return Unicode.Scalar(n % 0x10000).map { String($0) } ?? "\u{FFFE}"  // surrogate: a forbidden one
            default: return Unicode.Scalar(n).map { String($0) } ?? "\u{FFFF}"
            }
        }
    }

    static var string: PropertyBased.Generator<String, some SendableSequenceType> {
        fragment.array(of: 0...16).map { $0.joined() }
    }
}
