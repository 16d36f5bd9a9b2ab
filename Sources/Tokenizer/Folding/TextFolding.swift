/// Folding of whole texts: case, diacritics and width, as the tokenizer applies them to words.
public enum TextFolding {
    /// Folds every scalar of a text: `José` → `jose`, `straße` → `strasse`, `ＡＢＣ` → `abc`.
    /// Separators are kept as they are.
    public static func fold(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var text = text
        text.withUTF8 { fold(utf8: $0, into: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// The class of a scalar for word splitting.
    public static func scalarClass(_ scalar: Unicode.Scalar) -> ScalarClass {
        ScalarClass(rawValue: UInt8(FoldTable.shared.entry(scalar.value) & 3)) ?? .separator
    }
}

extension TextFolding {
    /// Appends the fold of UTF-8 bytes (valid UTF-8) to `out`; separators are kept as they are.
    public static func fold(utf8: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        let table = FoldTable.shared
        var i = 0
        while i < utf8.count {
            let lead = utf8[i]
            if lead < 0x80 {
                out.append(lead &- 0x41 < 26 ? lead | 0x20 : lead)
                i += 1
                continue
            }
            let (scalar, length) = UTF8Validation.decode(utf8, at: i)
            table.appendFold(of: UnsafeBufferPointer(rebasing: utf8[i..<(i + length)]), entry: table.entry(scalar), to: &out)
            i += length
        }
    }

    /// The number of UTF-8 bytes a scalar folds to (0 for a combining mark).
    public static func foldedCount(of scalar: Unicode.Scalar) -> Int {
        if scalar.isASCII { return 1 }
        let table = FoldTable.shared
        return table.foldedCount(entry: table.entry(scalar.value), length: scalar.utf8.count)
    }
}
