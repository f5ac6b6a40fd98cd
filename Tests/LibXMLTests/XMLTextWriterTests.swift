import FeedTestSupport
import FeedpubSystem
import Testing

@testable import LibXML

/// ``XMLTextWriter``: the document it produces, its escaping and filtering, and how it refuses misuse.
@Suite struct XMLTextWriterTests {
    @Test(arguments: [true, false])
    func startsWithTheXMLDeclaration(indent: Bool) throws {
        let xml = try XMLTextWriter(indent: indent)
        try xml.emptyElement("r", [:])
        let text = Doc.text(try xml.finish())
        #expect(text == Doc.declaration + "<r/>\n")
    }

    @Test func nestsElementsWithAttributesAndIndentsByTwoSpaces() throws {
        let xml = try XMLTextWriter()
        try xml.startElement("root")
        try xml.startElement("a")
        try xml.attribute("x", "1")
        try xml.attribute("y", "two")
        try xml.element("b", text: "hello")
        try xml.endElement()
        try xml.emptyElement("c", [:])
        try xml.element("d", text: "")
        try xml.endElement()
        let bytes = try xml.finish()
        #expect(
            Doc.text(bytes) == Doc.declaration
                + "<root>\n  <a x=\"1\" y=\"two\">\n    <b>hello</b>\n  </a>\n  <c/>\n  <d></d>\n</root>\n"
        )
        let root = try XMLElement.parse(bytes)
        #expect(root.name == "root")
        #expect(root.children.map(\.name) == ["a", "c", "d"])
        #expect(root.child("a")?.attributes == ["x": "1", "y": "two"])
        #expect(root.at("a/b")?.text == "hello")
        #expect(root.child("c")?.children.isEmpty == true)
    }

    @Test func withoutIndentationWritesNoWhitespaceBetweenElements() throws {
        let xml = try XMLTextWriter(indent: false)
        try xml.startElement("root")
        try xml.element("a", text: "1")
        try xml.emptyElement("b", ["k": "v"])
        try xml.endElement()
        #expect(Doc.text(try xml.finish()) == Doc.declaration + "<root><a>1</a><b k=\"v\"/></root>\n")
    }

    @Test func emptyElementKeepsAttributeOrderAndLeavesOutNilValues() throws {
        let xml = try XMLTextWriter(indent: false)
        try xml.emptyElement("e", ["z": "1", "gone": nil, "a": "2", "m": ""])
        #expect(Doc.text(try xml.finish()) == Doc.declaration + "<e z=\"1\" a=\"2\" m=\"\"/>\n")
    }

    @Test func textEscapesMarkupAndCarriageReturns() throws {
        let value = "a & b < c > d\r\ne\rf"
        let bytes = try Doc.carrying(text: value, attribute: "")
        let text = Doc.text(bytes)
        #expect(text.contains("<t>a &amp; b &lt; c &gt; d&#13;\ne&#13;f</t>"))
        // Written raw, a parser would turn \r\n and a lone \r into \n; as &#13; they survive.
        let parsed = try #require(try XMLElement.parse(bytes).text(of: "t"))
        #expect(scalars(parsed) == scalars(value))
    }

    @Test func attributeValuesEscapeQuotesMarkupAndWhitespace() throws {
        let value = "say \"hi\" & <x> 'y'\n\tline\r\nend"
        let bytes = try Doc.carrying(text: "", attribute: value)
        #expect(
            Doc.text(bytes).contains(
                "a=\"say &quot;hi&quot; &amp; &lt;x&gt; 'y'&#10;&#9;line&#13;&#10;end\""
            )
        )
        // Raw newlines and tabs in an attribute would be normalised to spaces; references round-trip.
        let parsed = try #require(try XMLElement.parse(bytes).attributes["a"])
        #expect(scalars(parsed) == scalars(value))
    }

    @Test(arguments: [0x00, 0x01, 0x08, 0x0B, 0x0C, 0x0E, 0x1B, 0x1F, 0xFFFE, 0xFFFF] as [UInt32])
    func dropsCharactersXMLForbids(value: UInt32) throws {
        let forbidden = String(Unicode.Scalar(value)!)
        let bytes = try Doc.carrying(text: "a\(forbidden)b", attribute: "c\(forbidden)d")
        #expect(!bytes.contains(0) && !bytes.contains(0x0B) && !bytes.contains(0x1F))
        #expect(!Doc.text(bytes).unicodeScalars.contains { $0.value == value })
        let root = try XMLElement.parse(bytes)
        #expect(root.text(of: "t") == "ab")
        #expect(root.attributes["a"] == "cd")
    }

    @Test(arguments: [
        "\t", "\n", "\r", "\r\n", "\u{85}", "\u{7F}", "\u{A0}", "\u{FEFF}", "\u{2028}", "\u{2029}", "\u{D7FF}",
        "\u{E000}", "\u{FFFD}", "\u{10000}", "\u{10FFFF}", "🩺", "👩🏽‍⚕️", "محمد الأحمد", "\u{202E}RTL override",
        "é and e\u{301}", " leading and trailing ",
    ])
    func keepsEveryCharacterXMLAllows(value: String) throws {
        let bytes = try Doc.carrying(text: value, attribute: value)
        let root = try XMLElement.parse(bytes)
        #expect(scalars(try #require(root.text(of: "t"))) == scalars(value))
        #expect(scalars(try #require(root.attributes["a"])) == scalars(value))
    }

    @Test func cdataEndInTextIsEscaped() throws {
        let value = "]]> and <![CDATA[x]]>"
        let bytes = try Doc.carrying(text: value, attribute: value)
        #expect(!Doc.text(bytes).contains("]]>"))
        let root = try XMLElement.parse(bytes)
        #expect(root.text(of: "t") == value)
        #expect(root.attributes["a"] == value)
    }

    @Test func libxml2AloneWouldWriteForbiddenCharacters() throws {
        // Why the writer filters: xmlTextWriter copies a vertical tab into its output, which no parser accepts.
        #expect(XMLWellFormedness.problem(in: Array("\(Doc.declaration)<r>a\u{0B}b</r>".utf8)) != nil)
        #expect(XMLWellFormedness.problem(in: try Doc.carrying(text: "a\u{0B}b", attribute: "\u{0B}")) == nil)
    }

    // MARK: - Misuse

    @Test func endElementWithNothingOpenThrows() throws {
        let xml = try XMLTextWriter()
        #expect(throws: XMLWriterError.misuse("endElement without an open element", path: "")) {
            try xml.endElement()
        }
        try xml.startElement("root")
        try xml.endElement()
        #expect(throws: XMLWriterError.self) { try xml.endElement() }
    }

    @Test func finishWithOpenElementsThrowsInsteadOfClosingThem() throws {
        let xml = try XMLTextWriter()
        try xml.startElement("root")
        try xml.startElement("child")
        let error = #expect(throws: XMLWriterError.self) { _ = try xml.finish() }
        #expect(error?.function == "finish with open elements")
        #expect(error?.elementPath == "root/child")
        #expect(error?.description == "finish with open elements failed (rc=-1) at root/child")
        // Nothing was closed behind the caller's back: the writer is still usable and still two deep.
        try xml.endElement()
        try xml.endElement()
        let bytes = try xml.finish()
        #expect(XMLWellFormedness.problem(in: bytes) == nil)
        #expect(Doc.text(bytes) == Doc.declaration + "<root>\n  <child/>\n</root>\n")
    }

    @Test func everyCallAfterFinishThrows() throws {
        let xml = try XMLTextWriter()
        try xml.emptyElement("root", [:])
        _ = try xml.finish()
        let afterFinish = XMLWriterError.misuse("write after finish", path: "")
        #expect(throws: afterFinish) { try xml.startElement("again") }
        #expect(throws: afterFinish) { try xml.text("x") }
        #expect(throws: afterFinish) { try xml.attribute("a", "b") }
        #expect(throws: afterFinish) { try xml.endElement() }
        #expect(throws: afterFinish) { try xml.drain { _ in } }
        #expect(throws: afterFinish) { _ = try xml.finish() }
    }

    @Test func libxml2FailuresNameTheCallAndThePath() throws {
        let xml = try XMLTextWriter()
        try xml.startElement("root")
        try xml.startElement("item")
        try xml.text("body")
        // An attribute after content is refused by libxml2; the error says which call failed, and where.
        let error = #expect(throws: XMLWriterError.self) { try xml.attribute("late", "x") }
        #expect(error?.function == "xmlTextWriterWriteAttribute")
        #expect((error?.code ?? 0) < 0)
        #expect(error?.elementPath == "root/item")
        #expect(error?.description.hasSuffix(" at root/item") == true)
    }

    // MARK: - Streaming

    @Test(arguments: [true, false])
    func drainedChunksAndFinishMakeTheWholeDocument(indent: Bool) throws {
        func write(_ xml: XMLTextWriter, draining: ((UnsafeRawBufferPointer) throws -> Void)?) throws {
            try xml.startElement("list")
            try xml.attribute("n", "40")
            for index in 0..<40 {
                try xml.startElement("entry")
                try xml.attribute("i", String(index))
                try xml.element("title", text: "Entry \(index) & <more>")
                try xml.endElement()
                if let draining { try xml.drain(into: draining) }
            }
            try xml.endElement()
        }
        let whole = try XMLTextWriter(indent: indent)
        try write(whole, draining: nil)
        let expected = try whole.finish()

        let streamed = try XMLTextWriter(indent: indent)
        var chunks: [[UInt8]] = []
        try write(streamed) { chunks.append(Array($0)) }
        let drainedCount = chunks.count
        try streamed.finish { chunks.append(Array($0)) }

        #expect(drainedCount == 40)  // bytes left libxml2's buffer entry by entry, before finish
        #expect(chunks.allSatisfy { !$0.isEmpty })
        #expect(Doc.text(chunks[0]).hasPrefix(Doc.declaration))
        #expect(Array(chunks.joined()) == expected)
        #expect(try XMLElement.parse(expected).children("entry").count == 40)
    }

    @Test func drainWithNothingNewCallsNoSinkAndFinishReturnsOnlyTheRest() throws {
        let xml = try XMLTextWriter()
        var first: [UInt8] = []
        try xml.drain { first.append(contentsOf: $0) }
        #expect(Doc.text(first) == Doc.declaration)
        var calls = 0
        try xml.drain { _ in calls += 1 }
        #expect(calls == 0)
        try xml.element("r", text: "x")
        let rest = try xml.finish()
        #expect(Doc.text(rest) == "<r>x</r>\n")
    }
}
