import FeedTestSupport
import Testing

@testable import LibXML

/// ``XMLWellFormedness/problem(in:)``: `nil` for well-formed documents, else a message that says what is wrong
/// and on which line.
@Suite struct XMLWellFormednessTests {
    @Test(arguments: [
        "<a/>",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a b=\"c\">d</a>\n",
        "<a>&amp;&lt;&gt;&quot;&apos;&#13;&#x1F93A;</a>",
        "<a><![CDATA[<b>]]]]><![CDATA[>]]></a>",
        "<a xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:creator>x</dc:creator></a>",
        "<a>\u{85}\u{FEFF}\u{2028}🩺</a>",
    ])
    func acceptsWellFormedDocuments(document: String) {
        #expect(XMLWellFormedness.problem(in: Array(document.utf8)) == nil)
    }

    @Test func acceptsWhatTheWriterWrites() throws {
        let bytes = try Doc.carrying(text: "x & y", attribute: "\"q\"")
        #expect(XMLWellFormedness.problem(in: bytes) == nil)
    }

    /// Each bad document has its defect on line 3, after a valid start.
    @Test(arguments: [
        ("unclosed tag", Array("<a>\n<b>\n</a>\n<c/>\n".utf8), "mismatch"),
        ("undefined entity", Array("<a>\n\n&nbsp;</a>".utf8), "nbsp"),
        ("control character", Array("<a>\n\n\u{01}</a>".utf8), "Char value 1"),
        ("bad UTF-8", Array("<a>\n\n".utf8) + [0xFF, 0xFE] + Array("</a>".utf8), "UTF-8"),
        ("unsplit CDATA end", Array("<a>\n\n]]></a>".utf8), "]]>"),
        ("second root", Array("<a>\n</a>\n<b/>".utf8), "Extra content"),
    ])
    func reportsTheFirstErrorWithItsLine(label: String, bytes: [UInt8], expected: String) throws {
        let problem = try #require(XMLWellFormedness.problem(in: bytes), "\(label) was accepted")
        #expect(problem.hasPrefix("line 3: "), "\(label): \(problem)")
        #expect(problem.contains(expected), "\(label): \(problem)")
        #expect(!problem.hasSuffix("\n"))
    }

    @Test func reportsAnEmptyDocument() throws {
        let problem = try #require(XMLWellFormedness.problem(in: []))
        #expect(problem.hasPrefix("line "))
        #expect(problem.contains("empty"))
    }

    @Test func reportsATruncatedDocument() throws {
        let bytes = try Doc.carrying(text: "x", attribute: "y")
        // Cut after "</t>\n": the data ends on line 4, with <root> still open.
        let cut = Array(bytes.dropLast("</root>\n".utf8.count))
        let problem = try #require(XMLWellFormedness.problem(in: cut))
        #expect(problem.hasPrefix("line 4: "))
        #expect(problem.contains("Premature end of data"))
    }
}
