public import PropertyBased

/// The scalar values of `text`: `==` on `String` is canonical equivalence, these compare exactly.
public func scalars(_ text: String) -> [UInt32] { text.unicodeScalars.map(\.value) }

/// Random strings mixing ``HostileStrings/pieces`` with random ASCII, BMP and astral scalars.
public enum HostileGen {
    /// One piece: a hostile sample, or a random scalar (a surrogate value becomes a character XML forbids).
    public static var fragment: PropertyBased.Generator<String, some SendableSequenceType> {
        zip(Gen.int(in: 0...3), Gen.uint32(in: 0...0x10FFFF)).map { kind, n -> String in
            let pieces = HostileStrings.pieces
            switch kind {
            case 0: return pieces[Int(n) % pieces.count]
            case 1: return String(Unicode.Scalar(UInt8(n % 0x80)))
            case 2: return Unicode.Scalar(n % 0x10000).map { String($0) } ?? "\u{FFFE}"
            default: return Unicode.Scalar(n).map { String($0) } ?? "\u{FFFF}"
            }
        }
    }

    /// Up to 16 pieces joined.
    public static var string: PropertyBased.Generator<String, some SendableSequenceType> {
        fragment.array(of: 0...16).map { $0.joined() }
    }
}
