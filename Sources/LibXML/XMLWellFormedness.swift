import CLibXML2

/// Parses XML back with libxml2 to tell whether it is well-formed; for tests, the fuzzer and self-checks.
package enum XMLWellFormedness {
    /// `nil` when `bytes` is a well-formed XML document, else libxml2's first error, with its line.
    package static func problem(in bytes: [UInt8]) -> String? {
        LibXMLSetUp.initializeOnce()
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        guard let context = xmlNewParserCtxt() else { return "xmlNewParserCtxt failed" }
        defer { xmlFreeParserCtxt(context) }
        // libxml2 goes on after a fatal error, so `lastError` ends up as the last one (often "Premature end of
        // data", lines after the real defect); record the first as it is raised. Its `userData` is the context.
        var first: FirstError? = nil
        context.pointee.sax.pointee.serror = { userData, error in
            guard let userData, let error, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
            let context = userData.assumingMemoryBound(to: xmlParserCtxt.self)
            guard let slot = context.pointee._private?.assumingMemoryBound(to: FirstError?.self),
                slot.pointee == nil
            else { return }
            slot.pointee = FirstError(
                line: error.pointee.line,
                message: error.pointee.message.map { String(cString: $0) }
            )
        }
        let document = withUnsafeMutablePointer(to: &first) { slot in
            context.pointee._private = UnsafeMutableRawPointer(slot)
            defer { context.pointee._private = nil }
            return bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    xmlCtxtReadMemory(context, chars.baseAddress, Int32(chars.count), nil, "UTF-8", options)
                }
            }
        }
        if let document {
            xmlFreeDoc(document)
            if context.pointee.wellFormed != 0 { return nil }
        }
        let error = context.pointee.lastError
        let line = first?.line ?? error.line
        let message = first?.message ?? error.message.map { String(cString: $0) } ?? "not well-formed"
        let trimmed = message.hasSuffix("\n") ? String(message.dropLast()) : message
        return "line \(line): \(trimmed)"
    }

    /// The first error libxml2 raised while parsing.
    private struct FirstError {
        var line: Int32
        var message: String?
    }
}
