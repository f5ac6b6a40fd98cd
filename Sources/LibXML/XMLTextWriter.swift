import CLibXML2
import FeedpubSystem

/// Writes one XML document into memory through libxml2's `xmlTextWriter`.
///
/// Every libxml2 call is checked; a failure throws ``XMLWriterError`` naming the call and the open elements.
/// Text and attribute values pass through ``XMLCharacters/filtered(_:)`` first, because libxml2 copies
/// characters XML forbids into its output unchanged. Names are `StaticString`s: they are part of the program,
/// never of the input.
///
/// Owns its libxml2 objects and frees them in `deinit`. Not `Sendable`: one writer per document, in one task.
package final class XMLTextWriter {
    private let buffer: xmlBufferPtr
    private var writer: xmlTextWriterPtr?  // nil once finished
    private var openElements: [StaticString] = []

    /// What a document starts with.
    package enum Prolog {
        /// `<?xml version="1.0" encoding="UTF-8"?>`.
        case xml
        /// `<!DOCTYPE html>`: an HTML document in the XML syntax HTML parsers read alike (non-void elements are closed
        /// with ``fullEndElement()``, void ones with ``endElement()``).
        case html
        /// Nothing: a fragment, to be included in another document.
        case none
    }

    /// Starts a document with `prolog` (by default `<?xml version="1.0" encoding="UTF-8"?>`).
    ///
    /// - Parameters:
    ///   - indent: Whether to indent nested elements by two spaces (a line per element).
    ///   - prolog: What the document starts with.
    /// - Throws: ``XMLWriterError`` when libxml2 cannot allocate the writer or start the document.
    package init(indent: Bool = true, prolog: Prolog = .xml) throws(XMLWriterError) {
        LibXMLSetUp.initializeOnce()
        guard let buffer = xmlBufferCreate() else { throw .allocation("xmlBufferCreate") }
        guard let writer = xmlNewTextWriterMemory(buffer, 0) else {
            xmlBufferFree(buffer)
            throw .allocation("xmlNewTextWriterMemory")
        }
        self.buffer = buffer
        self.writer = writer  // from here on a throw runs deinit, which frees both
        if indent {
            try check(xmlTextWriterSetIndent(writer, 1), "xmlTextWriterSetIndent")
            try check(xmlTextWriterSetIndentString(writer, "  "), "xmlTextWriterSetIndentString")
        }
        switch prolog {
        case .xml:
            try check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil), "xmlTextWriterStartDocument")
        case .html:
            try check(xmlTextWriterWriteDTD(writer, "html", nil, nil, nil), "xmlTextWriterWriteDTD")
        case .none:
            break
        }
    }

    deinit {
        if let writer { xmlFreeTextWriter(writer) }  // first: it flushes into the buffer
        xmlBufferFree(buffer)
    }

    /// Opens `<name`; attributes may follow until the first child or text.
    package func startElement(_ name: StaticString) throws(XMLWriterError) {
        let writer = try live()
        try check(xmlTextWriterStartElement(writer, name.xmlChars), "xmlTextWriterStartElement")
        openElements.append(name)
    }

    /// Closes the innermost open element (`/>` when it is empty).
    package func endElement() throws(XMLWriterError) {
        let writer = try live()
        guard !openElements.isEmpty else { throw .misuse("endElement without an open element", path: "") }
        try check(xmlTextWriterEndElement(writer), "xmlTextWriterEndElement")
        openElements.removeLast()
    }

    /// Closes the innermost open element with an end tag, even when it is empty (`<td></td>`, never `<td/>`).
    package func fullEndElement() throws(XMLWriterError) {
        let writer = try live()
        guard !openElements.isEmpty else { throw .misuse("fullEndElement without an open element", path: "") }
        try check(xmlTextWriterFullEndElement(writer), "xmlTextWriterFullEndElement")
        openElements.removeLast()
    }

    /// Writes `name="value"` on the element just opened, escaped and filtered.
    package func attribute(_ name: StaticString, _ value: String) throws(XMLWriterError) {
        let writer = try live()
        let rc = XMLCharacters.filtered(value).withXMLChars { xmlTextWriterWriteAttribute(writer, name.xmlChars, $0) }
        try check(rc, "xmlTextWriterWriteAttribute")
    }

    /// Writes character data, escaped (`&`, `<`, `>`, carriage returns) and filtered.
    package func text(_ value: String) throws(XMLWriterError) {
        let writer = try live()
        let rc = XMLCharacters.filtered(value).withXMLChars { xmlTextWriterWriteString(writer, $0) }
        try check(rc, "xmlTextWriterWriteString")
    }

    /// Writes `<name>value</name>`.
    package func element(_ name: StaticString, text value: String) throws(XMLWriterError) {
        try startElement(name)
        try text(value)
        try endElement()
    }

    /// Writes `<name a="…" b="…"/>` with the attributes in the order given; `nil` values are left out.
    package func emptyElement(_ name: StaticString, _ attributes: KeyValuePairs<StaticString, String?>)
        throws(XMLWriterError)
    {
        try startElement(name)
        for (key, value) in attributes {
            if let value { try attribute(key, value) }
        }
        try endElement()
    }

    /// Moves what has been written so far out of libxml2's buffer and into `sink`, which sees each byte once.
    ///
    /// Lets a caller stream a large document to a file without holding all of it in memory.
    package func drain(into sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        let writer = try live()
        try check(xmlTextWriterFlush(writer), "xmlTextWriterFlush")
        try moveBuffer(into: sink)
    }

    /// Ends the document and hands the remaining bytes to `sink`; the writer cannot be used afterwards.
    package func finish(into sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        let writer = try live()
        guard openElements.isEmpty else {
            // xmlTextWriterEndDocument would close them silently and hide the bug.
            throw XMLWriterError.misuse("finish with open elements", path: path)
        }
        try check(xmlTextWriterEndDocument(writer), "xmlTextWriterEndDocument")
        xmlFreeTextWriter(writer)  // flushes into the buffer
        self.writer = nil
        try moveBuffer(into: sink)
    }

    /// Ends the document and returns all its bytes (those not yet drained).
    package func finish() throws -> [UInt8] {
        var bytes: [UInt8] = []
        try finish { bytes.append(contentsOf: $0) }
        return bytes
    }

    private func moveBuffer(into sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        let count = Int(xmlBufferLength(buffer))
        guard count > 0, let content = xmlBufferContent(buffer) else { return }
        try sink(UnsafeRawBufferPointer(start: content, count: count))
        xmlBufferEmpty(buffer)
    }

    private var path: String {
        openElements.map(\.description).joined(separator: "/")
    }

    private func live() throws(XMLWriterError) -> xmlTextWriterPtr {
        guard let writer else { throw .misuse("write after finish", path: "") }
        return writer
    }

    private func check(_ rc: Int32, _ function: StaticString) throws(XMLWriterError) {
        guard rc >= 0 else { throw .call(function, rc, path: path) }
    }
}

extension StaticString {
    /// The name as libxml2's `const xmlChar *`; static strings live as long as the program.
    fileprivate var xmlChars: UnsafePointer<xmlChar> {
        UnsafeRawPointer(utf8Start).assumingMemoryBound(to: xmlChar.self)
    }
}

extension String {
    /// Calls `body` with the string as a NUL-terminated `const xmlChar *` valid only inside `body`.
    ///
    /// The caller has filtered the string, so it holds no NUL that would cut it short.
    fileprivate func withXMLChars<Result>(_ body: (UnsafePointer<xmlChar>) -> Result) -> Result {
        withCString { pointer in
            pointer.withMemoryRebound(to: xmlChar.self, capacity: utf8.count + 1, body)
        }
    }
}
