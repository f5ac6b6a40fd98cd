/// The URL handling the reader needs: what counts as an absolute web address, escaping, and resolving
/// references against the site.
enum WebAddress {
    /// Whether `text` is an absolute `http` or `https` URL with a host and no white space.
    static func isAbsoluteHTTP(_ text: String) -> Bool {
        let lower = text.prefix(8).lowercased()
        let rest: Substring
        if lower.hasPrefix("https://") {
            rest = text.dropFirst(8)
        } else if lower.hasPrefix("http://") {
            rest = text.dropFirst(7)
        } else {
            return false
        }
        guard let first = rest.first, first != "/", first != "?", first != "#" else { return false }
        return !text.utf8.contains { $0 <= 0x20 || $0 == 0x7F }
    }

    /// `text` with every byte a URI may not hold percent-encoded (spaces, quotes, non-ASCII); existing
    /// `%XX` escapes are kept.
    static func escaped(_ text: String) -> String {
        guard text.utf8.contains(where: needsEscape) else { return text }
        var result = ""
        let bytes = Array(text.utf8)
        for (index, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: "%"), index + 2 < bytes.count, isHex(bytes[index + 1]), isHex(bytes[index + 2]) {
                result.unicodeScalars.append("%")
            } else if needsEscape(byte) {
                result += "%" + hex(byte >> 4) + hex(byte & 15)
            } else {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            }
        }
        return result
    }

    /// `reference` as an absolute URL: kept when it has a scheme, `https:` added to `//host/…`, the site
    /// prepended to `/path`, anything else resolved against `page` (which ends in `/`).
    static func resolve(_ reference: String, site: String, page: String) -> String {
        if reference.hasPrefix("//") { return "https:" + reference }
        if reference.hasPrefix("/") { return site + reference }
        if hasScheme(reference) { return reference }
        return page + reference
    }

    /// Whether `text` starts with a URI scheme (`https:`, `mailto:`, `data:`…).
    static func hasScheme(_ text: String) -> Bool {
        var first = true
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                break
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
                if first { return false }
            case UInt8(ascii: ":"):
                return !first
            default:
                return false
            }
            first = false
        }
        return false
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        switch byte {
        case 0...0x20, 0x7F...0xFF, 0x22, 0x25, 0x3C, 0x3E, 0x5C, 0x5E, 0x60, 0x7B, 0x7C, 0x7D: true  // "%<>\^`{|}
        default: false
        }
    }

    private static func isHex(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
    }

    private static func hex(_ nibble: UInt8) -> String {
        String(nibble, radix: 16, uppercase: true)
    }
}
