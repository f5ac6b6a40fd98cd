/// Builds tag URIs (RFC 4151), the ids feedpub gives items and feeds: `tag:medigy.com,2020:items/3826`.
///
/// A tag URI names a thing forever, whatever its address: readers use it to recognise an item they have seen,
/// so it must depend only on the configured authority and date and on the content's own id.
public struct TagURI: Sendable, Hashable {
    /// A domain name the publisher controlled on ``date``, such as `medigy.com`.
    public var authority: String
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    public var date: String

    /// A minter for tag URIs under `authority` as of `date`.
    public init(authority: String, date: String) {
        self.authority = authority.lowercased()
        self.date = date
    }

    /// `tag:<authority>,<date>:<specific>`, with `specific` percent-encoded where RFC 4151 requires it.
    public func uri(_ specific: String) -> String {
        "tag:\(authority),\(date):\(Self.encoded(specific))"
    }

    /// `specific` with every byte outside RFC 4151's `pchar / "/" / "?"` percent-encoded.
    static func encoded(_ specific: String) -> String {
        var result = ""
        result.reserveCapacity(specific.utf8.count)
        for byte in specific.utf8 {
            if isAllowed(byte) {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                result +=
                    "%" + String(byte >> 4, radix: 16, uppercase: true) + String(byte & 15, radix: 16, uppercase: true)
            }
        }
        return result
    }

    private static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            // unreserved, sub-delims, ":", "@", "/", "?"; never "%" (it would read as an escape).
            return "-._~!$&'()*+,;=:@/?".utf8.contains(byte)
        }
    }
}
