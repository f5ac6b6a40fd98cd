import FeedpubSystem

/// Reads the YAML the content exporter writes — PyYAML's block style — straight from bytes, ten times faster
/// than libyaml, and hands everything else over.
///
/// The subset: a block mapping of plain keys; values that are plain, single-quoted or double-quoted scalars
/// (folded over several lines as PyYAML writes them), `[]` and `{}`, block sequences of such scalars (indentless
/// or indented), and nested block mappings of the same. Anything outside it — tabs, comments, anchors, aliases,
/// tags, flow collections with content, block scalars (`|`, `>`), complex or quoted keys, characters YAML treats
/// as line breaks or forbids — gives ``Outcome/unsupported``, and the caller asks ``FastYAMLReader`` (libyaml),
/// which gives the same values or YAML's own error. The fuzzer and a corpus test check that both agree wherever
/// this reader answers.
struct ExporterYAMLReader {
    /// Top-level keys whose values are built; the others are parsed (and so checked) but not built.
    var wantedKeys: KeySet?

    /// Keys to build, matched against the bytes of a key without making a string of it.
    struct KeySet: Sendable {
        private let byLength: [Int: [(bytes: [UInt8], name: String)]]

        init(_ keys: Set<String>) {
            var byLength: [Int: [(bytes: [UInt8], name: String)]] = [:]
            for key in keys.sorted() { byLength[key.utf8.count, default: []].append((Array(key.utf8), key)) }
            self.byLength = byLength
        }

        /// The key spelled by `bytes`, when it is one of the set.
        func match(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
            guard let candidates = byLength[bytes.count] else { return nil }
            for candidate in candidates where candidate.bytes.elementsEqual(bytes) { return candidate.name }
            return nil
        }
    }

    /// What the reader made of a document.
    enum Outcome: Equatable {
        /// The document's root (`nil` for an empty document).
        case value(YAMLValue?)
        /// The document leaves the subset; read it with a full parser.
        case unsupported
    }

    func read(_ yaml: UnsafeRawBufferPointer) -> Outcome {
        guard let base = yaml.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return .value(nil) }
        var parser = Parser(bytes: UnsafeBufferPointer(start: base, count: yaml.count), wantedKeys: wantedKeys)
        do {
            return .value(try parser.document())
        } catch {
            return .unsupported
        }
    }

    /// Thrown (and caught) when the text leaves the subset.
    struct Unsupported: Error {}

    /// A line of the document: where its text starts after the indentation, and where it ends.
    struct Line {
        var start: Int
        var indent: Int
        var end: Int  // after the last character that is not a space
        var rawEnd: Int  // index of the line feed, or the end of the text
        var number: Int  // 1-based
        var isBlank: Bool { start == end }
    }

    struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        let wantedKeys: KeySet?
        var lines: [Line] = []
        var index = 0  // the current line
        var depth = 0
        var nodes = 0

        /// As deep and as large as ``FastYAMLReader`` reads; beyond, it decides (and refuses).
        static let maximumDepth = 60
        static let maximumNodes = 90_000

        mutating func count() throws(Unsupported) {
            nodes += 1
            if nodes > Self.maximumNodes { throw Unsupported() }
        }

        init(bytes: UnsafeBufferPointer<UInt8>, wantedKeys: KeySet?) {
            self.bytes = bytes
            self.wantedKeys = wantedKeys
        }

        mutating func document() throws(Unsupported) -> YAMLValue? {
            try splitLines()
            skipBlankLines()
            guard index < lines.count else { return nil }
            guard lines[index].indent == 0 else { throw Unsupported() }
            let root = try mapping(indent: 0, topLevel: true)
            skipBlankLines()
            guard index == lines.count else { throw Unsupported() }
            return root
        }

        /// Finds the lines, refusing bytes libyaml would read differently: tabs, C1 controls and DEL, NEL,
        /// U+2028/U+2029 (line breaks to YAML), a byte-order mark.
        mutating func splitLines() throws(Unsupported) {
            var start = 0
            var number = 1
            var index = 0
            let count = bytes.count
            lines.reserveCapacity(80)
            while index <= count {
                if index + 8 <= count, let base = bytes.baseAddress,
                    ByteScan.isPrintableASCII(ByteScan.word(base, index))
                {
                    index += 8
                    continue
                }
                if index == count || bytes[index] == 0x0A {
                    var text = start
                    while text < index && bytes[text] == 0x20 { text += 1 }
                    var end = index
                    while end > text && bytes[end - 1] == 0x20 { end -= 1 }
                    lines.append(Line(start: text, indent: text - start, end: end, rawEnd: index, number: number))
                    number += 1
                    start = index + 1
                    index += 1
                    continue
                }
                let byte = bytes[index]
                switch byte {
                case 0x09, 0x7F:
                    throw Unsupported()
                case 0xC2:
                    if index + 1 < count && (bytes[index + 1] >= 0x80 && bytes[index + 1] <= 0x9F) {
                        throw Unsupported()
                    }
                case 0xE2:
                    if index + 2 < count && bytes[index + 1] == 0x80
                        && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9)
                    {
                        throw Unsupported()
                    }
                case 0xEF:
                    if index + 2 < count && bytes[index + 1] == 0xBB && bytes[index + 2] == 0xBF { throw Unsupported() }
                default:
                    break
                }
                index += 1
            }
            // A last empty line after the final line feed is not a line of the document.
            if let last = lines.last, last.isBlank, last.indent == 0, count > 0, bytes[count - 1] == 0x0A {
                lines.removeLast()
            }
        }

        mutating func skipBlankLines() {
            while index < lines.count && lines[index].isBlank { index += 1 }
        }

        /// A block mapping whose keys are at `indent`, starting at the current line.
        mutating func mapping(indent: Int, topLevel: Bool) throws(Unsupported) -> YAMLValue {
            depth += 1
            defer { depth -= 1 }
            if depth > Self.maximumDepth { throw Unsupported() }
            try count()
            var entries: [YAMLEntry] = []
            let startLine = lines[index].number
            while true {
                skipBlankLines()
                guard index < lines.count else { break }
                let line = lines[index]
                if line.indent < indent { break }
                guard line.indent == indent else { throw Unsupported() }
                if bytes[line.start] == 0x2D, line.start + 1 == line.end || bytes[line.start + 1] == 0x20 {
                    throw Unsupported()  // a sequence entry where a key belongs
                }
                try count()
                let (keyEnd, valueStart) = try keyBounds(line)
                let keyBytes = UnsafeBufferPointer(rebasing: bytes[line.start..<keyEnd])
                if keyEnd - line.start == 2 && keyBytes[0] == 0x3C && keyBytes[1] == 0x3C { throw Unsupported() }  // <<
                var key: String?
                if topLevel, let wantedKeys {
                    key = wantedKeys.match(keyBytes)  // nil: parsed, not built
                } else {
                    key = String(decoding: keyBytes, as: UTF8.self)
                }
                let value = try value(afterKeyOn: line, from: valueStart, indent: indent, build: key != nil)
                if let key { entries.append(YAMLEntry(key: key, line: line.number, value: value)) }
            }
            return .mapping(entries, line: startLine)
        }

        /// Where a `key:` line's key ends and its value (after `: `) starts.
        func keyBounds(_ line: Line) throws(Unsupported) -> (Int, Int) {
            let first = bytes[line.start]
            if Self.isIndicator(first) { throw Unsupported() }
            var position = line.start
            while position < line.end {
                let byte = bytes[position]
                if byte == 0x3A && (position + 1 == line.end || bytes[position + 1] == 0x20) {  // ": " or ":" at end
                    guard position > line.start, bytes[position - 1] != 0x20 else { throw Unsupported() }
                    // libyaml refuses simple keys of more than 1024 characters; long keys are left to it.
                    guard position - line.start <= 1000 else { throw Unsupported() }
                    var value = position + 1
                    while value < line.end && bytes[value] == 0x20 { value += 1 }
                    return (position, value)
                }
                if byte == 0x23 && bytes[position - 1] == 0x20 { throw Unsupported() }  // " #": a comment
                position += 1
            }
            throw Unsupported()  // a line that is not `key: value`
        }

        /// The value of a `key:` at `indent` whose inline part (maybe empty) starts at `start` of `line`.
        mutating func value(afterKeyOn line: Line, from start: Int, indent: Int, build: Bool) throws(Unsupported)
            -> YAMLValue
        {
            if start < line.end {
                return try inlineValue(line, from: start, parentIndent: indent, build: build)
            }
            // Nothing after the colon: a nested collection on the next lines, or null.
            index += 1
            var next = index
            while next < lines.count && lines[next].isBlank { next += 1 }
            guard next < lines.count else {
                try count()
                return .scalar("", plain: true, line: line.number)
            }
            let candidate = lines[next]
            let startsEntry =
                bytes[candidate.start] == 0x2D
                && (candidate.start + 1 == candidate.end || bytes[candidate.start + 1] == 0x20)
            if startsEntry && candidate.indent >= indent {
                index = next
                return try sequence(indent: candidate.indent, build: build)
            }
            if candidate.indent > indent {
                index = next
                return try mapping(indent: candidate.indent, topLevel: false)
            }
            try count()
            return .scalar("", plain: true, line: line.number)
        }

        /// A block sequence whose `- ` entries are at `indent`.
        mutating func sequence(indent: Int, build: Bool) throws(Unsupported) -> YAMLValue {
            depth += 1
            defer { depth -= 1 }
            if depth > Self.maximumDepth { throw Unsupported() }
            try count()
            var items: [YAMLValue] = []
            let startLine = lines[index].number
            while true {
                skipBlankLines()
                guard index < lines.count else { break }
                let line = lines[index]
                guard line.indent == indent, bytes[line.start] == 0x2D else {
                    if line.indent > indent { throw Unsupported() }
                    break
                }
                guard line.start + 1 < line.end, bytes[line.start + 1] == 0x20 else { throw Unsupported() }
                var valueStart = line.start + 2
                while valueStart < line.end && bytes[valueStart] == 0x20 { valueStart += 1 }
                guard valueStart < line.end else { throw Unsupported() }
                if bytes[valueStart] == 0x2D && (valueStart + 1 == line.end || bytes[valueStart + 1] == 0x20) {
                    throw Unsupported()  // a nested sequence
                }
                let item = try inlineValue(line, from: valueStart, parentIndent: indent, build: build)
                if build { items.append(item) }
            }
            return .sequence(items, line: startLine)
        }

        /// A value that starts at `start` of `line`: quoted, plain (maybe over several lines), `[]` or `{}`.
        ///
        /// Continuation lines must be indented more than `parentIndent`. Leaves `index` after the value.
        mutating func inlineValue(_ line: Line, from start: Int, parentIndent: Int, build: Bool) throws(Unsupported)
            -> YAMLValue
        {
            try count()
            switch bytes[start] {
            case 0x27:  // '
                return try quoted(line, from: start, parentIndent: parentIndent, double: false, build: build)
            case 0x22:  // "
                return try quoted(line, from: start, parentIndent: parentIndent, double: true, build: build)
            case 0x5B, 0x7B:  // [ {
                guard start + 2 == line.end, bytes[start + 1] == (bytes[start] == 0x5B ? 0x5D : 0x7D) else {
                    throw Unsupported()
                }
                index += 1
                return bytes[start] == 0x5B ? .sequence([], line: line.number) : .mapping([], line: line.number)
            default:
                return try plain(line, from: start, parentIndent: parentIndent, build: build)
            }
        }

    }
}
