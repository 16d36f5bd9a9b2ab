/// Folding of whole texts: case, diacritics and width, as the tokenizer applies them to words.
public enum TextFolding {
    /// Folds every scalar of a text: `José` → `jose`, `straße` → `strasse`, `ＡＢＣ` → `abc`.
    /// Separators are kept as they are.
    public static func fold(_ text: String) -> String {
        let table = FoldTable.shared
        var out = ContiguousArray<UInt8>()
        out.reserveCapacity(text.utf8.count)
        var text = text
        text.withUTF8 { utf8 in
            var i = 0
            while i < utf8.count {
                let lead = utf8[i]
                if lead < 0x80 {
                    out.append(lead &- 0x41 < 26 ? lead | 0x20 : lead)
                    i += 1
                    continue
                }
                let (scalar, length) = UTF8Validation.decode(utf8, at: i)
                let fold = Int(table.entry(scalar) >> 2)
                if fold == 0 {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[i..<(i + length)]))
                } else {
                    let range = Int(table.foldStarts[fold - 1])..<Int(table.foldStarts[fold])
                    out.append(contentsOf: table.foldBytes[range])
                }
                i += length
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The class of a scalar for word splitting.
    public static func scalarClass(_ scalar: Unicode.Scalar) -> ScalarClass {
        ScalarClass(rawValue: UInt8(FoldTable.shared.entry(scalar.value) & 3)) ?? .separator
    }
}
