/// Which community and topic names are one: those that differ only in case, punctuation or spacing.
///
/// `HIMSS: Digital Health`, `HIMSS Digital Health` and `himss: digital-health` fold to `himssdigitalhealth` and make
/// one feed. Letters keep their accents (`Santé` and `Sante` stay two names); a name with no letter or digit
/// (`🩺💊🧬`) is its own key.
public enum NameFolding {
    /// The key names are compared by: letters (lower-cased) and digits only.
    public static func key(_ name: String) -> String {
        var key = ""
        key.reserveCapacity(name.utf8.count)
        for scalar in name.unicodeScalars {
            if scalar.isASCII {
                switch scalar {
                case "a"..."z", "0"..."9": key.unicodeScalars.append(scalar)
                case "A"..."Z": key.unicodeScalars.append(Unicode.Scalar(UInt8(scalar.value) | 0x20))
                default: break
                }
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                key += scalar.properties.lowercaseMapping
            }
        }
        return key.isEmpty ? name : key
    }
}
