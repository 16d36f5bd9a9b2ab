/// Reading a phone number out of free text, as libphonenumber does before parsing:
/// where the number starts and ends, its extension, whether it is viable, and its digits.
enum PhoneTextScanner {
    static let maximumInputLength = 250

    /// The scalars of a text with every decimal digit turned to ASCII.
    static func scalars(of text: String) -> [Unicode.Scalar] {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.utf8.map { Unicode.Scalar($0) } }
        return text.unicodeScalars.map { scalar in
            guard scalar.value >= 0x80, let digit = PhoneDigits.asciiDigit(ofNonASCII: scalar) else { return scalar }
            return Unicode.Scalar(digit)
        }
    }

    static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 0x30 && s.value <= 0x39 }
    static func isPlus(_ s: Unicode.Scalar) -> Bool { s == "+" || s == "\u{FF0B}" }
    static func isASCIILetter(_ s: Unicode.Scalar) -> Bool {
        (s.value | 0x20) >= 0x61 && (s.value | 0x20) <= 0x7A
    }

    /// libphonenumber's VALID_PUNCTUATION plus `*`.
    static func isPunctuation(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x2D, 0x78, 0x2010...0x2015, 0x2212, 0x30FC, 0xFF0D...0xFF0F, 0x20, 0xA0, 0xAD, 0x200B,
             0x2060, 0x3000, 0x28, 0x29, 0xFF08, 0xFF09, 0xFF3B, 0xFF3D, 0x2E, 0x5B, 0x5D, 0x2F, 0x7E,
             0x2053, 0x223C, 0xFF5E, 0x2A:
            return true
        default:
            return false
        }
    }

    /// The part of the text from the first `+` or digit, without trailing punctuation or a
    /// second number.
    static func extractPossibleNumber(_ s: ArraySlice<Unicode.Scalar>) -> ArraySlice<Unicode.Scalar> {
        guard let start = s.firstIndex(where: { isPlus($0) || isDigit($0) }) else { return [] }
        var number = s[start...]
        while let last = number.last, !isDigit(last), last != "#",
              !last.properties.isAlphabetic, last.properties.numericType == nil {
            number = number.dropLast()
        }
        // A second number after `/x` or `\ x` is dropped.
        var i = number.startIndex
        while i < number.endIndex {
            if number[i] == "/" || number[i] == "\\" {
                var j = i + 1
                while j < number.endIndex, number[j] == " " { j += 1 }
                if j < number.endIndex, number[j] == "x" {
                    number = number[..<i]
                    break
                }
            }
            i += 1
        }
        return number
    }

    /// Splits an extension off the end (`x123`, `ext. 123`, `;ext=123`, `#123`, …).
    static func stripExtension(_ number: ArraySlice<Unicode.Scalar>)
        -> (number: ArraySlice<Unicode.Scalar>, phoneExtension: String?) {
        var end = number.endIndex
        var hash = false
        if let last = number.last, last == "#" || last == "\u{FF03}" {
            end -= 1
            hash = true
        }
        var digitsStart = end
        while digitsStart > number.startIndex, isDigit(number[digitsStart - 1]) { digitsStart -= 1 }
        let digitCount = end - digitsStart
        guard digitCount > 0 else { return (number, nil) }
        let head = number[..<digitsStart]
        guard !head.isEmpty, !isDigit(head[head.endIndex - 1]) else { return (number, nil) }
        let digits = number[digitsStart..<end]
        if head.count >= 5, head.last == "=", String(String.UnicodeScalarView(head.suffix(5))).lowercased() == ";ext=",
           digitCount <= 20 {
            return viableOrWhole(number, head.dropLast(5), digits)
        }
        var i = digitsStart
        while i > number.startIndex, " \u{A0}\t,-".unicodeScalars.contains(number[i - 1]) { i -= 1 }
        let separatorsBeforeDigits = digitsStart - i
        if i > number.startIndex, ":.\u{FF0E}".unicodeScalars.contains(number[i - 1]) { i -= 1 }
        if hash, separatorsBeforeDigits > 0, digitCount <= 6,
           number[digitsStart - 1] == " " || number[digitsStart - 1] == "-" {
            return viableOrWhole(number, number[..<(digitsStart - separatorsBeforeDigits)], digits)
        }
        let commas = number[i..<digitsStart].reduce(0) { $0 + ($1 == "," ? 1 : 0) }
        if commas > 0, i > number.startIndex, isDigit(number[i - 1]), digitCount <= (commas >= 2 ? 15 : 9) {
            return viableOrWhole(number, number[..<i], digits)
        }
        guard i > number.startIndex, !isDigit(number[i - 1]), !isPunctuation(number[i - 1]) || number[i - 1] == "x"
                || number[i - 1] == "~", mayEndMarker(number[i - 1]) else {
            return (number, nil)
        }
        let before = String(String.UnicodeScalarView(number[number.startIndex..<i])).lowercased()
        for (marker, limit) in extensionMarkers where before.hasSuffix(marker) && digitCount <= limit {
            var start = i - marker.unicodeScalars.count
            while start > number.startIndex, " \u{A0}\t,".unicodeScalars.contains(number[start - 1]) { start -= 1 }
            return viableOrWhole(number, number[..<start], digits)
        }
        return (number, nil)
    }

    /// The markers of an extension before its digits (lower case), each with the most digits
    /// it takes.
    private static let extensionMarkers: [(String, Int)] = [
        ("extensión", 20), ("extension", 20), ("extensio", 20), ("extn", 20), ("ext", 20), ("xtn", 20),
        ("xt", 20), ("ｅｘｔｎ", 20), ("ｅｘｔ", 20), ("ｘｔ", 20), ("anexo", 20), ("доб", 20),
        ("ｉｎｔ", 9), ("int", 9), ("x", 9), ("ｘ", 9), ("#", 9), ("＃", 9), ("~", 9), ("～", 9),
        (",,", 15), (";", 15), (",", 9),
    ]

    /// The ASCII scalars that end a marker.
    private static let asciiMarkerEnds = Set(extensionMarkers.compactMap { $0.0.unicodeScalars.last.flatMap { $0.isASCII ? $0 : nil } })

    /// Whether a scalar can be the last of an extension marker (`ext`, `#`, `,`, …): false for
    /// every ASCII scalar that ends none, so that most numbers skip the markers' text comparisons.
    private static func mayEndMarker(_ s: Unicode.Scalar) -> Bool {
        guard s.isASCII else { return true }
        return asciiMarkerEnds.contains(isASCIILetter(s) ? Unicode.Scalar(UInt8(s.value) | 0x20) : s)
    }

    private static func viableOrWhole(
        _ whole: ArraySlice<Unicode.Scalar>, _ head: ArraySlice<Unicode.Scalar>, _ digits: ArraySlice<Unicode.Scalar>
    ) -> (number: ArraySlice<Unicode.Scalar>, phoneExtension: String?) {
        isViable(head) ? (head, String(String.UnicodeScalarView(digits))) : (whole, nil)
    }

    /// Whether the text can be a phone number: two digits, or optional pluses then at least
    /// three digits among punctuation, then punctuation, letters and digits.
    static func isViable(_ s: ArraySlice<Unicode.Scalar>) -> Bool {
        guard s.count >= 2 else { return false }
        if s.count == 2 { return s.allSatisfy(isDigit) }
        var i = s.startIndex
        while i < s.endIndex, isPlus(s[i]) { i += 1 }
        var digits = 0
        while i < s.endIndex {
            let c = s[i]
            if isDigit(c) {
                digits += 1
            } else if isASCIILetter(c) && !(c == "x" && digits < 3) {
                if digits < 3 { return false }
            } else if !isPunctuation(c) {
                return false
            }
            i += 1
        }
        return digits >= 3
    }

    /// The digits of the text; with three or more letters, letters become keypad digits.
    static func normalizedDigits(_ s: some Collection<Unicode.Scalar>) -> [UInt8] {
        let letters = s.reduce(0) { $0 + (isASCIILetter($1) ? 1 : 0) }
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        for c in s {
            if isDigit(c) {
                out.append(UInt8(c.value))
            } else if letters >= 3, isASCIILetter(c) {
                out.append(keypadDigit(UInt8(c.value | 0x20)))
            }
        }
        return out
    }

    private static func keypadDigit(_ letter: UInt8) -> UInt8 {
        let keys: [UInt8] = Array("22233344455566677778889999".utf8)
        return keys[Int(letter - UInt8(ascii: "a"))]
    }
}
