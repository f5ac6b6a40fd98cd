/// Where the YAML front matter and the body of a content file are: between the first two `---` lines, then
/// the rest.
struct FrontMatter: Equatable {
    /// Why a file has no usable front matter.
    enum Problem: Error, Equatable {
        /// The file holds nothing but white space.
        case empty
        /// The first line is not `---`.
        case missing
        /// No second `---` line closes the front matter opened on line 1.
        case notClosed
    }

    /// The YAML text, as byte offsets into the file.
    var yaml: Range<Int>
    /// The body, as byte offsets into the file.
    var body: Range<Int>
    /// The 1-based file line of the body's first byte.
    var bodyLine: Int

    /// The YAML's line 1 is the file's line 2 (line 1 is `---`).
    static let yamlLineOffset = 1

    /// Finds the front matter of `bytes` (already without BOM and CR).
    static func split(_ bytes: [UInt8]) throws(Problem) -> FrontMatter {
        try bytes.withUnsafeBufferPointer { buffer throws(Problem) -> FrontMatter in
            guard buffer.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x09 }) else { throw .empty }
            guard let firstEnd = delimiterLineEnd(buffer, at: 0) else { throw .missing }
            var lineStart = firstEnd
            var line = 2
            while lineStart < buffer.count {
                if let end = delimiterLineEnd(buffer, at: lineStart) {
                    return FrontMatter(yaml: firstEnd..<lineStart, body: end..<buffer.count, bodyLine: line + 1)
                }
                guard let newline = buffer[lineStart...].firstIndex(of: 0x0A) else { break }
                lineStart = newline + 1
                line += 1
            }
            throw .notClosed
        }
    }

    /// When a line starting at `start` is `---` (trailing blanks allowed), the offset after its line end.
    private static func delimiterLineEnd(_ buffer: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
        guard start + 3 <= buffer.count, buffer[start] == 0x2D, buffer[start + 1] == 0x2D, buffer[start + 2] == 0x2D
        else { return nil }
        var index = start + 3
        while index < buffer.count && (buffer[index] == 0x20 || buffer[index] == 0x09) { index += 1 }
        if index == buffer.count { return index }
        return buffer[index] == 0x0A ? index + 1 : nil
    }
}
