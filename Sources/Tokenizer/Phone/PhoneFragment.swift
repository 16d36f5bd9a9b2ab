/// A phone fragment as typed in a query, and the digit strings to look for by substring.
///
/// The fragment is read whichever region it belongs to: typed in international form it is also
/// looked for by its national significant number; typed with a trunk prefix (the default region's,
/// or a leading `0`), also without it; typed with the default region's international prefix or
/// `00`, also as international.
public struct PhoneFragment: Sendable, Hashable {
    /// The digits as typed.
    public let digits: String
    /// Digit strings to search by substring, each at least `PhoneDigits.minimumFragment` long.
    public let digitVariants: [String]

    /// Reads a typed fragment.
    public init(_ text: String, normalizer: PhoneNormalizer) {
        let typed = PhoneDigits.typedDigits(of: text)
        digits = typed
        var variants: [String] = []
        func add(_ candidate: some Collection<UInt8>) {
            let value = String(decoding: candidate, as: UTF8.self)
            if value.utf8.count >= PhoneDigits.minimumFragment, !variants.contains(value) { variants.append(value) }
        }
        let bytes = Array(typed.utf8)
        add(bytes)
        let international = text.unicodeScalars.first { !$0.properties.isWhitespace }.map {
            $0 == "+" || $0 == "\u{FF0B}"
        } ?? false
        var afterPrefixes: [[UInt8]] = []
        if international {
            afterPrefixes.append(bytes)
        } else {
            if let idd = normalizer.metadata.internationalPrefix?.matchPrefix(bytes), idd.end > 0,
               idd.end < bytes.count, bytes[idd.end] != UInt8(ascii: "0") {
                afterPrefixes.append(Array(bytes[idd.end...]))
            }
            if bytes.starts(with: [0x30, 0x30]), bytes.count > 2, bytes[2] != UInt8(ascii: "0") {
                afterPrefixes.append(Array(bytes[2...]))
            }
        }
        for afterPrefix in afterPrefixes {
            add(afterPrefix)
            var code = 0
            for i in 0..<min(3, afterPrefix.count) {
                code = code * 10 + Int(afterPrefix[i] - UInt8(ascii: "0"))
                if PhoneMetadata.shared.isCountryCode(code) { add(afterPrefix[(i + 1)...]) }
            }
        }
        if !international {
            let trunk = Array(normalizer.metadata.nationalPrefix.utf8)
            if !trunk.isEmpty, bytes.starts(with: trunk) { add(bytes[trunk.count...]) }
            if bytes.first == UInt8(ascii: "0") { add(bytes.drop { $0 == UInt8(ascii: "0") }) }
        }
        digitVariants = variants
    }
}
