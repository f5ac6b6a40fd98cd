import FeedpubSystem

/// A small streaming JSON encoder: objects and arrays written in order, pretty-printed with two spaces.
///
/// Keys are written in the order the caller gives, so output is deterministic without sorting. Strings are
/// escaped as RFC 8259 requires (quote, backslash, controls), plus U+2028 and U+2029 so that the text is also
/// valid JavaScript; characters XML forbids are dropped, so a JSON Feed says what its XML twins say.
struct JSONOutput {
    private(set) var bytes: [UInt8] = []
    private var hasMembers: [Bool] = []
    private let indent: Bool

    init(indent: Bool = true, capacity: Int = 4096) {
        self.indent = indent
        bytes.reserveCapacity(capacity)
    }

    /// An encoder for one element of an array nested `depth` levels deep (as `items` is, at 2), writing what a
    /// single-pass encoder writes for the array's first element; see ``element(raw:)``.
    static func arrayElement(indent: Bool, depth: Int) -> JSONOutput {
        var json = JSONOutput(indent: indent, capacity: 2048)
        json.hasMembers = Array(repeating: true, count: depth - 1) + [false]
        json.inArray = Array(repeating: false, count: depth - 1) + [true]
        return json
    }

    /// Writes an element rendered by an ``arrayElement(indent:depth:)`` encoder into the current array.
    mutating func element(raw: [UInt8]) {
        if hasMembers.last == true { bytes.append(UInt8(ascii: ",")) }
        if !hasMembers.isEmpty { hasMembers[hasMembers.count - 1] = true }
        bytes.append(contentsOf: raw)
    }

    /// Moves out what is written so far (the encoder keeps its nesting state).
    mutating func take() -> [UInt8] {
        defer { bytes.removeAll(keepingCapacity: true) }
        return bytes
    }

    mutating func beginObject() { open(UInt8(ascii: "{")) }
    mutating func endObject() { close(UInt8(ascii: "}")) }
    mutating func beginArray() { open(UInt8(ascii: "[")) }
    mutating func endArray() { close(UInt8(ascii: "]")) }

    /// Starts an object member; a value must follow.
    mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        if indent { bytes.append(UInt8(ascii: " ")) }
    }

    /// `"name": "value"`, or nothing when `value` is `nil`; `html` for a member holding HTML (`content_html`).
    mutating func member(_ name: StaticString, _ value: String?, html: Bool = false) {
        guard let value else { return }
        key(name)
        string(value, html: html)
    }

    /// An array element or a member's value.
    ///
    /// In text that is not HTML, `<` and `>` are written `\u003c` and
    /// `\u003e` (as Go's encoding/json does): a client that puts a title in a page as markup still gets no tag.
    mutating func string(_ value: String, html: Bool = false) {
        separateIfInArray()
        bytes.append(UInt8(ascii: "\""))
        var value = XMLCharacters.filtered(value)
        value.withUTF8 { utf8 in
            var start = 0
            var index = 0
            while index < utf8.count {
                let byte = utf8[index]
                var width = 1
                let needsEscape: Bool
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), 0x00..<0x20:
                    needsEscape = true
                case UInt8(ascii: "<"), UInt8(ascii: ">"):
                    needsEscape = !html
                case 0xE2:
                    // U+2028 and U+2029 (E2 80 A8/A9): line terminators in JavaScript.
                    needsEscape =
                        index + 2 < utf8.count && utf8[index + 1] == 0x80
                        && (utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9)
                    width = 3
                default:
                    needsEscape = false
                }
                guard needsEscape else {
                    index += 1
                    continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                appendEscape(byte == 0xE2 ? (utf8[index + 2] == 0xA8 ? 0x2028 : 0x2029) : UInt32(byte))
                index += width
                start = index
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<utf8.count]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// An integer array element or member value.
    mutating func integer(_ value: Int) {
        separateIfInArray()
        bytes.append(contentsOf: String(value).utf8)
    }

    private mutating func appendEscape(_ code: UInt32) {
        bytes.append(UInt8(ascii: "\\"))
        switch code {
        case 0x22: bytes.append(UInt8(ascii: "\""))
        case 0x5C: bytes.append(UInt8(ascii: "\\"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        default:
            bytes.append(UInt8(ascii: "u"))
            for shift in stride(from: 12, through: 0, by: -4) {
                let digit = UInt8((code >> UInt32(shift)) & 15)
                bytes.append(digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10)
            }
        }
    }

    private mutating func open(_ bracket: UInt8) {
        separateIfInArray()
        bytes.append(bracket)
        hasMembers.append(false)
        inArray.append(bracket == UInt8(ascii: "["))
    }

    private mutating func close(_ bracket: UInt8) {
        let had = hasMembers.removeLast()
        inArray.removeLast()
        if had { newline() }
        bytes.append(bracket)
        if hasMembers.isEmpty && indent { bytes.append(0x0A) }
    }

    private var inArray: [Bool] = []

    /// Before a member key: a comma after the previous member, then a new line.
    private mutating func separate() {
        if hasMembers.last == true { bytes.append(UInt8(ascii: ",")) }
        if !hasMembers.isEmpty { hasMembers[hasMembers.count - 1] = true }
        newline()
    }

    /// Before a value: in an array it is an element and needs separating; after a key it does not.
    private mutating func separateIfInArray() {
        if inArray.last == true { separate() }
    }

    private mutating func newline() {
        guard indent else { return }
        bytes.append(0x0A)
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * hasMembers.count))
    }
}
