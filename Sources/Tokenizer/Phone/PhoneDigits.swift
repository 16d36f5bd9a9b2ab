/// Digit strings of phone values and of typed fragments, for substring search.
public enum PhoneDigits {
    /// Fragments shorter than this match as words, not as digit substrings.
    public static let minimumFragment = 3

    /// The ASCII digits of a text, with other scripts' decimal digits converted.
    public static func typedDigits(of text: String) -> String {
        var text = text
        return text.withUTF8 { utf8 in
            String(unsafeUninitializedCapacity: utf8.count) { out in
                var count = 0
                var i = 0
                while i < utf8.count {
                    let b = utf8[i]
                    if b < 0x80 {
                        if b &- UInt8(ascii: "0") < 10 {
                            out[count] = b
                            count += 1
                        }
                        i += 1
                        continue
                    }
                    let (value, length) = UTF8Validation.decode(utf8, at: i)
                    if let digit = Unicode.Scalar(value).flatMap(asciiDigit(ofNonASCII:)) {
                        out[count] = digit
                        count += 1
                    }
                    i += length
                }
                return count
            }
        }
    }

    /// The ASCII digit of a non-ASCII scalar that is a decimal digit of another script
    /// (`٣`, `３`, `३` → `3`), or nil.
    static func asciiDigit(ofNonASCII scalar: Unicode.Scalar) -> UInt8? {
        guard scalar.properties.numericType == .decimal, let value = scalar.properties.numericValue else { return nil }
        return UInt8(ascii: "0") + UInt8(value)
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
