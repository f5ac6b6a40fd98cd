/// Tells, without parsing, whether a body can be published exactly as written: the sanitizer's fast path.
///
/// It accepts only a strict form every HTML parser reads the same way — start and end tags of ``HTMLPolicy``'s
/// elements written in lower case, each attribute one the policy allows, written ` name="value"`, its value free of
/// `<`, `>` and control characters, URL attributes starting `https://` or `http://` (so no scheme can hide behind a
/// character reference), `target` only `_blank`, no `srcset` — and text with no `<` outside such a tag. Anything
/// else (a comment, an upper-case tag, an unquoted value, a relative link) is left to the parser. Reading 100,000
/// bodies (463 MB) this way costs about a tenth of what parsing them does (Benchmarks/run, cold build at 100,000).
enum ArticleMarkup {
    static func isSafeAsWritten(_ html: String) -> Bool {
        var html = html
        return html.withUTF8 { check($0) }
    }

    /// Element code → the codes of the attributes it may carry as written.
    private static let attributes: [UInt64: Set<UInt64>] = {
        var table: [UInt64: Set<UInt64>] = [:]
        for (element, allowed) in HTMLPolicy.elements {
            guard let code = code(element) else { continue }
            table[code] = Set(allowed.union(HTMLPolicy.everywhere).subtracting(["srcset"]).compactMap(Self.code))
        }
        return table
    }()

    private static let urlAttributes = Set(HTMLPolicy.urlAttributes.compactMap(code))
    private static let target = code("target") ?? 0

    /// A name of at most 10 characters `a`–`z`, `0`–`9` packed 6 bits a character.
    private static func code(_ name: String) -> UInt64? {
        var code: UInt64 = 0
        var count = 0
        for byte in name.utf8 {
            guard let value = value(of: byte), count < 10 else { return nil }
            code = code << 6 | value
            count += 1
        }
        return count == 0 ? nil : code
    }

    @inline(__always)
    private static func value(of byte: UInt8) -> UInt64? {
        switch byte {
        case 0x61...0x7A: UInt64(byte - 0x60)
        case 0x30...0x39: UInt64(byte - 0x30 + 27)
        default: nil
        }
    }

    /// The code of the name starting at `start` (a letter first) and where it ends.
    @inline(__always)
    private static func name(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (UInt64, Int)? {
        guard start < bytes.count, bytes[start] >= 0x61, bytes[start] <= 0x7A else { return nil }
        var code: UInt64 = 0
        var index = start
        while index < bytes.count, let value = value(of: bytes[index]) {
            guard index - start < 10 else { return nil }
            code = code << 6 | value
            index += 1
        }
        return (code, index)
    }

    private static func check(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        var index = 0
        while index < count {
            guard bytes[index] == 0x3C else {  // <
                index += 1
                continue
            }
            index += 1
            let closing = index < count && bytes[index] == 0x2F  // /
            if closing { index += 1 }
            guard let (element, end) = name(bytes, from: index), let allowed = attributes[element] else {
                return false
            }
            index = end
            if closing {
                guard index < count, bytes[index] == 0x3E else { return false }
                index += 1
                continue
            }
            while true {
                guard index < count else { return false }
                let byte = bytes[index]
                if byte == 0x3E {  // >
                    index += 1
                    break
                }
                if byte == 0x2F {  // />
                    guard index + 1 < count, bytes[index + 1] == 0x3E else { return false }
                    index += 2
                    break
                }
                guard byte == 0x20, let (attribute, nameEnd) = name(bytes, from: index + 1),
                    allowed.contains(attribute), nameEnd + 1 < count, bytes[nameEnd] == 0x3D,
                    bytes[nameEnd + 1] == 0x22
                else { return false }
                let valueStart = nameEnd + 2
                index = valueStart
                while index < count, bytes[index] != 0x22 {
                    let byte = bytes[index]
                    if byte < 0x20 || byte == 0x3C || byte == 0x3E || byte == 0x7F { return false }
                    index += 1
                }
                guard index < count else { return false }
                let value = UnsafeBufferPointer(rebasing: bytes[valueStart..<index])
                index += 1
                if urlAttributes.contains(attribute) {
                    guard isAbsoluteHTTP(value) else { return false }
                } else if attribute == target {
                    guard value.elementsEqual("_blank".utf8) else { return false }
                }
            }
        }
        return true
    }

    private static func isAbsoluteHTTP(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        let rest: Int
        if value.starts(with: "https://".utf8) {
            rest = 8
        } else if value.starts(with: "http://".utf8) {
            rest = 7
        } else {
            return false
        }
        return value.count > rest && value[rest] != 0x2F
    }
}
