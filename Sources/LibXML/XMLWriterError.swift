/// A failure inside libxml2 while writing or checking an XML document, or parsing an HTML fragment.
///
/// Carries the libxml2 function that failed, its return code and the path of open elements at that moment,
/// so that a message reads `xmlTextWriterWriteString failed (rc=-1) at rss/channel/item`.
package struct XMLWriterError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The libxml2 function that failed.
    package let function: String
    /// Its return code (`-1` for failed calls, `0` for allocations that returned `NULL`).
    package let code: Int32
    /// The open elements, outermost first, joined by `/`.
    package let elementPath: String

    package var description: String {
        let location = elementPath.isEmpty ? "" : " at \(elementPath)"
        return "\(function) failed (rc=\(code))\(location)"
    }

    static func allocation(_ function: StaticString) -> XMLWriterError {
        XMLWriterError(function: function.description, code: 0, elementPath: "")
    }

    static func call(_ function: StaticString, _ code: Int32, path: String) -> XMLWriterError {
        XMLWriterError(function: function.description, code: code, elementPath: path)
    }

    static func misuse(_ what: String, path: String) -> XMLWriterError {
        XMLWriterError(function: what, code: -1, elementPath: path)
    }
}
