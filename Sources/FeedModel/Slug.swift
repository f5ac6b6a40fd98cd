import FeedpubSystem
import Foundation

/// A slug: lowercase ASCII letters, digits and single hyphens, safe as one path component and in a URL.
///
/// `Medigy: Business Survival & Continuity` becomes `medigy-business-survival-continuity`, `Santé` `sante`.
/// A slug is never empty, never starts or ends with a hyphen, is at most ``maximumLength`` characters and is
/// never a name Windows reserves for devices (`con`, `nul`, `com1`…), so that a published folder can be copied
/// anywhere. Names that leave nothing (emoji, `..`, `/`) get the hash of the name instead. A `Slug` value is always
/// valid: ``init(_:)`` checks a text, ``init(making:fallbackPrefix:)`` makes one from any name.
public struct Slug: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The longest slug produced, so that paths stay well under file-system limits.
    public static let maximumLength = 80

    /// The slug's text.
    public let text: String

    /// `text` as a slug, or `nil` when it is not one (see ``isValid(_:)``).
    public init?(_ text: String) {
        guard Self.isValid(text) else { return nil }
        self.text = text
    }

    /// The slug of `name`; `fallbackPrefix` names what it is when the name has no letters or digits.
    public init(making name: String, fallbackPrefix: String = "x") {
        text = Self.make(name, fallbackPrefix: fallbackPrefix)
    }

    private init(unchecked text: String) {
        self.text = text
    }

    /// The slug, as it appears in paths and URLs.
    public var description: String { text }

    /// Byte-wise order of the texts.
    public static func < (lhs: Slug, rhs: Slug) -> Bool { lhs.text < rhs.text }

    /// Decodes a slug, refusing text that is not one.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard Self.isValid(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a slug"))
        }
        self.text = text
    }

    /// Encodes the text.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }

    /// `self` followed by `suffix` (which must keep it valid: `-` and hex digits), cut so that it stays within
    /// ``maximumLength``.
    package func appending(_ suffix: String, cutTo room: Int) -> Slug {
        var cut = String(text.prefix(Self.maximumLength - room))
        while cut.hasSuffix("-") { cut.removeLast() }
        return Slug(unchecked: cut + suffix)
    }

    private static func make(_ name: String, fallbackPrefix: String) -> String {
        let base = transliterated(name)
        if base.isEmpty { return "\(fallbackPrefix)-\(StableHash.hex(name))" }
        if base.count > maximumLength {
            // Cut at a hyphen, and keep it unique with the hash of the whole name.
            var cut = String(base.prefix(maximumLength - 9))
            if let hyphen = cut.lastIndex(of: "-"), cut.distance(from: cut.startIndex, to: hyphen) > 20 {
                cut = String(cut[..<hyphen])
            }
            while cut.hasSuffix("-") { cut.removeLast() }
            return "\(cut)-\(StableHash.hex(name))"
        }
        if isReserved(base) { return "\(base)-\(StableHash.hex(name))" }
        return base
    }

    /// Whether `text` is a slug as ``init(making:fallbackPrefix:)`` produces them.
    public static func isValid(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.count <= maximumLength, !isReserved(text) else { return false }
        var previousHyphen = true  // no leading hyphen
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                previousHyphen = false
            case UInt8(ascii: "-"):
                if previousHyphen { return false }
                previousHyphen = true
            default:
                return false
            }
        }
        return !previousHyphen
    }

    private static let reserved: Set<String> = {
        var names: Set<String> = ["con", "prn", "aux", "nul"]
        for digit in 0...9 {
            names.insert("com\(digit)")
            names.insert("lpt\(digit)")
        }
        return names
    }()

    /// Every reserved name has three or four characters: most slugs need no lookup.
    private static func isReserved(_ slug: String) -> Bool {
        let count = slug.utf8.count
        return (count == 3 || count == 4) && reserved.contains(slug)
    }

    /// Letters that canonical decomposition does not reduce to ASCII.
    private static let specialLetters: [Character: String] = [
        "ß": "ss", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d",
        "þ": "th", "Þ": "th", "œ": "oe", "Œ": "oe", "ı": "i", "ð": "d", "Ð": "d",
    ]

    private static func transliterated(_ name: String) -> String {
        var slug = ""
        var pendingHyphen = false
        func append(_ byte: UInt8) {
            if pendingHyphen && !slug.isEmpty { slug.append("-") }
            pendingHyphen = false
            slug.unicodeScalars.append(Unicode.Scalar(byte))
        }
        for character in name {
            // ASCII needs no table and no decomposition (the common case, and much faster).
            if let ascii = character.asciiValue {
                switch ascii {
                case 0x61...0x7A, 0x30...0x39: append(ascii)  // a-z, 0-9
                case 0x41...0x5A: append(ascii + 32)  // A-Z
                case 0x27: break  // "Women's" → "womens", as site slugs do
                default: pendingHyphen = true
                }
                continue
            }
            if let replacement = specialLetters[character] {
                replacement.utf8.forEach(append)
                continue
            }
            // The first scalar of the canonical decomposition is the base letter (é = e + U+0301).
            let value = String(character).decomposedStringWithCanonicalMapping.unicodeScalars.first?.value ?? 0
            switch value {
            case 0x61...0x7A, 0x30...0x39:  // a-z, 0-9
                append(UInt8(value))
            case 0x41...0x5A:  // A-Z
                append(UInt8(value) + 32)
            case 0x2019:  // ’ as an apostrophe
                break
            default:
                pendingHyphen = true
            }
        }
        return slug
    }
}
