import Tokenizer

/// Finds where a query matched a hit: ranges per field, in UTF-16 offsets of the stored values.
struct Highlighter {
    let schema: FieldSchema
    let phones: PhoneNormalizer
    /// The query's word prefixes and digit fragments.
    private let prefixes: [[UInt8]]
    private let fragments: [[UInt8]]

    /// - Parameter typoPrefixes: key prefixes that query words matched with typos.
    init(plan: QueryPlan, schema: FieldSchema, phones: PhoneNormalizer, typoPrefixes: [[UInt8]] = []) {
        self.schema = schema
        self.phones = phones
        prefixes = plan.words.map(\.prefix).filter { !$0.isEmpty } + typoPrefixes
        fragments = plan.words.flatMap(\.digitFragments)
    }

    /// Matched ranges in every searchable field of a hit.
    func highlights(_ contact: FieldRecord) -> [(field: String, ranges: [Range<Int>])] {
        var out: [(field: String, ranges: [Range<Int>])] = []
        func add(_ field: @autoclosure () -> String, _ ranges: [Range<Int>]) {
            guard !ranges.isEmpty else { return }
            out.append((field(), Self.merge(ranges)))
        }
        var tokens = TokenizedText()
        var scratch: [UInt8] = []
        if let name = contact.name { add("name", textRanges(name, prefixes, &tokens)) }
        if let username = contact.username { add("username", textRanges(username, prefixes, &tokens)) }
        for (i, email) in contact.emails.enumerated() where Self.mayContain(email, prefixes, &scratch) {
            var ranges: [Range<Int>] = []
            var utf16: [UInt16] = []
            for key in EmailNormalizer.searchKeys(of: email) {
                for prefix in prefixes where key.text.utf8.starts(with: prefix) {
                    if utf16.isEmpty { utf16 = Array(email.utf16) }
                    ranges.append(Self.covering(prefix.count, in: utf16, key.utf16Range))
                }
            }
            add("emails.\(i)", ranges)
        }
        if !fragments.isEmpty {
            for (i, phone) in contact.phones.enumerated() {
                let direct = digitRanges(phone, fragments)
                add("phones.\(i)", direct.isEmpty ? digitRanges(phone, nationalParts(phone, fragments)) : direct)
            }
        }
        for (key, value) in contact.customFields where schema.isSearchable(key) {
            add("customFields.\(key)", textRanges(value, prefixes, &tokens) + digitRanges(value, fragments))
        }
        return out
    }

    /// Whether the folded text holds one of the prefixes anywhere: a cheap test before analysis.
    static func mayContain(_ text: String, _ prefixes: [[UInt8]], _ folded: inout [UInt8]) -> Bool {
        guard !prefixes.isEmpty else { return false }
        var text = text
        folded.removeAll(keepingCapacity: true)
        text.withUTF8 { TextFolding.fold(utf8: $0, into: &folded) }
        return folded.withUnsafeBufferPointer { haystack in prefixes.contains { DigitIndex.contains(haystack, $0) } }
    }

    private func textRanges(_ text: String, _ prefixes: [[UInt8]], _ tokens: inout TokenizedText) -> [Range<Int>] {
        guard !prefixes.isEmpty else { return [] }
        TextTokenizer(mode: .index).tokenize(text, into: &tokens)
        var utf16: [UInt16] = []
        var ranges: [Range<Int>] = []
        for token in tokens.tokens {
            let folded = tokens.folded[token.bytes]
            for prefix in prefixes where folded.starts(with: prefix) {
                if utf16.isEmpty { utf16 = Array(text.utf16) }
                ranges.append(Self.covering(prefix.count, in: utf16, token.utf16Range))
            }
        }
        return ranges
    }

    /// The part of `range` whose fold covers the first `foldedCount` folded bytes.
    static func covering(_ foldedCount: Int, in utf16: [UInt16], _ range: Range<Int>) -> Range<Int> {
        var folded = 0
        var i = range.lowerBound
        while i < range.upperBound && folded < foldedCount {
            var value = UInt32(utf16[i])
            var width = 1
            if UTF16.isLeadSurrogate(utf16[i]), i + 1 < range.upperBound {
                value = 0x10000 + ((value - 0xD800) << 10) + (UInt32(utf16[i + 1]) - 0xDC00)
                width = 2
            }
            if let scalar = Unicode.Scalar(value), TextFolding.scalarClass(scalar) != .joiner {
                folded += TextFolding.foldedCount(of: scalar)
            }
            i += width
        }
        return range.lowerBound..<i
    }

    /// The range of the stored value's digits that first spell the longest matching fragment.
    private func digitRanges(_ text: String, _ fragments: [[UInt8]]) -> [Range<Int>] {
        guard !fragments.isEmpty else { return [] }
        var digits: [UInt8] = []
        var offsets: [Int] = []
        var offset = 0
        for scalar in text.unicodeScalars {
            if ("0"..."9").contains(scalar) {
                digits.append(UInt8(scalar.value))
                offsets.append(offset)
            }
            offset += scalar.utf16.count
        }
        var ranges: [Range<Int>] = []
        for fragment in fragments.sorted(by: { $0.count > $1.count }) where !fragment.isEmpty && fragment.count <= digits.count {
            let first = (0...(digits.count - fragment.count)).first { digits[$0..<($0 + fragment.count)].elementsEqual(fragment) }
            if let start = first {
                ranges.append(offsets[start]..<(offsets[start + fragment.count - 1] + 1))
                break
            }
        }
        return ranges
    }

    /// The parts of fragments that fall in a stored phone's national number, for a phone written
    /// without its country code: `5511` matched `+55 11…` through the E.164 digits, and `11` is
    /// what the stored `(11) …` shows.
    private func nationalParts(_ phone: String, _ fragments: [[UInt8]]) -> [[UInt8]] {
        guard !fragments.isEmpty, case .success(let number) = phones.parse(phone) else { return [] }
        let full = Array(number.e164Digits.utf8)
        let codeLength = full.count - number.nationalNumber.utf8.count
        var parts: [[UInt8]] = []
        for fragment in fragments where fragment.count <= full.count {
            for start in 0...(full.count - fragment.count) where full[start..<(start + fragment.count)].elementsEqual(fragment) {
                let from = max(start, codeLength)
                if from < start + fragment.count { parts.append(Array(full[from..<(start + fragment.count)])) }
                break
            }
        }
        return parts
    }

    static func merge(_ ranges: [Range<Int>]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) where !range.isEmpty {
            if let last = out.last, range.lowerBound <= last.upperBound {
                out[out.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                out.append(range)
            }
        }
        return out
    }
}
