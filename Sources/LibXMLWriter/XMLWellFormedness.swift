import CLibXML2

/// Parses XML back with libxml2 to tell whether it is well-formed; for tests, the fuzzer and self-checks.
package enum XMLWellFormedness {
    /// `nil` when `bytes` is a well-formed XML document, else libxml2's first error, with its line.
    package static func problem(in bytes: [UInt8]) -> String? {
        LibXML.initializeOnce()
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        guard let context = xmlNewParserCtxt() else { return "xmlNewParserCtxt failed" }
        defer { xmlFreeParserCtxt(context) }
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                xmlCtxtReadMemory(context, chars.baseAddress, Int32(chars.count), nil, "UTF-8", options)
            }
        }
        if let document {
            xmlFreeDoc(document)
            if context.pointee.wellFormed != 0 { return nil }
        }
        let error = context.pointee.lastError
        let message = error.message.map { String(cString: $0) } ?? "not well-formed"
        let trimmed = message.hasSuffix("\n") ? String(message.dropLast()) : message
        return "line \(error.line): \(trimmed)"
    }
}
