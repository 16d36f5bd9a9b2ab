/// Digit strings of phone values and of typed fragments, for substring search.
public enum PhoneDigits {
    /// Fragments shorter than this match as words, not as digit substrings.
    public static let minimumFragment = 3

    /// The ASCII digits of a text, with other scripts' decimal digits converted.
    public static func typedDigits(of text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.value >= 0x30 && scalar.value <= 0x39 {
                out.append(scalar)
            } else if scalar.value >= 0x80, scalar.properties.numericType == .decimal,
                      let value = scalar.properties.numericValue {
                out.append(Unicode.Scalar(UInt8(ascii: "0") + UInt8(value)))
            }
        }
        return String(out)
    }

    /// The digits without a trailing extension.
    static func digitsBeforeExtension(_ digits: String, _ phoneExtension: String?) -> String {
        guard let phoneExtension, digits.hasSuffix(phoneExtension) else { return digits }
        return String(digits.dropLast(phoneExtension.count))
    }

    /// Every suffix of a digit string at least `minimumFragment` long, longest first.
    public static func suffixes(of digits: String) -> [String] {
        let bytes = Array(digits.utf8)
        guard bytes.count >= minimumFragment else { return bytes.isEmpty ? [] : [digits] }
        return (0...(bytes.count - minimumFragment)).map { String(decoding: bytes[$0...], as: UTF8.self) }
    }
}
