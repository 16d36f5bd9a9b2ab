import Tokenizer

/// Finds where a query matched a hit: ranges per field, in UTF-16 offsets of the stored values.
struct Highlighter {
    let phones: PhoneNormalizer
    /// The digit strings the index keeps for each document: a phone's E.164 digits, read there
    /// instead of parsing the phone again.
    private let digits: DigitIndex
    /// The query's word prefixes, and its digit fragments longest first.
    private let prefixes: KeyPrefixes
    private let fragments: [[UInt8]]
    private let searchableFields: SearchableFields

    /// The searchable custom fields: each key's bytes and its field path (`customFields.<key>`).
    typealias SearchableFields = [(key: [UInt8], path: String)]

    /// The searchable custom fields of a schema, made when the schema changes, not per query.
    static func searchableFields(of schema: FieldSchema) -> SearchableFields {
        schema.fields.filter(\.value.searchable).map { (Array($0.key.utf8), "customFields.\($0.key)") }
    }

    /// - Parameters:
    ///   - searchableFields: `searchableFields(of:)` of the index's schema.
    ///   - typoPrefixes: key prefixes that query words matched with typos.
    init(
        plan: QueryPlan, searchableFields: SearchableFields, phones: PhoneNormalizer, digits: DigitIndex, typoPrefixes: [[UInt8]] = []
    ) {
        self.phones = phones
        self.digits = digits
        prefixes = KeyPrefixes(plan.words.map(\.prefix) + typoPrefixes)
        fragments = plan.words.flatMap(\.digitFragments).filter { !$0.isEmpty }.sorted { $0.count > $1.count }
        self.searchableFields = searchableFields
    }

    /// Field paths of the first emails and phones, made once rather than for every hit.
    private static let emailPaths = (0..<ContactLimits.maximumListCount).map { "emails.\($0)" }
    private static let phonePaths = (0..<ContactLimits.maximumListCount).map { "phones.\($0)" }

    /// Matched ranges in every searchable field of a hit (document `doc`), read from its stored
    /// JSON where its `FieldSpans` record says; `scratch` holds buffers reused across hits.
    func highlights(
        _ json: UnsafeBufferPointer<UInt8>, record: UnsafeBufferPointer<UInt8>, of doc: UInt32, _ scratch: inout Scratch
    ) -> [(field: String, ranges: [Range<Int>])] {
        var out: [(field: String, ranges: [Range<Int>])] = []
        out.reserveCapacity(6)
        var fields = StoredFields(json, record: record)
        var emails = 0
        var phones = 0
        while let item = fields.next() {
            guard item.value.isEscaped else {
                highlight(item, UnsafeBufferPointer(rebasing: json[item.value.range]), json, doc, &emails, &phones, &scratch, &out)
                continue
            }
            // Rare (quotes, backslashes, control characters): decoded into a buffer of its own,
            // without a closure that would copy the highlighter for every hit.
            let decoded = StoredFields.decode(item.value, in: json)
            let value = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: decoded.count)
            defer { value.deallocate() }
            _ = value.initialize(from: decoded)
            highlight(item, UnsafeBufferPointer(value), json, doc, &emails, &phones, &scratch, &out)
        }
        return out
    }

    /// Adds the ranges of one value to `out`; counts emails and phones for their field names.
    private func highlight(
        _ item: StoredFields.Item, _ value: UnsafeBufferPointer<UInt8>, _ json: UnsafeBufferPointer<UInt8>, _ doc: UInt32,
        _ emails: inout Int, _ phones: inout Int, _ scratch: inout Scratch, _ out: inout [(field: String, ranges: [Range<Int>])]
    ) {
        switch item.field {
        case .name:
            textRanges(value, &scratch)
            Self.take("name", &scratch, into: &out)
        case .username:
            textRanges(value, &scratch)
            Self.take("username", &scratch, into: &out)
        case .email:
            emailRanges(value, &scratch)
            Self.take(emails < Self.emailPaths.count ? Self.emailPaths[emails] : "emails.\(emails)", &scratch, into: &out)
            emails += 1
        case .phone:
            defer { phones += 1 }
            guard !fragments.isEmpty else { return }
            digitRanges(value, fragments, &scratch)
            if scratch.ranges.isEmpty, Self.mayHoldNationalPart(scratch.digits, fragments) {
                digitRanges(value, nationalParts(value, position: phones, of: doc), &scratch)
            }
            Self.take(phones < Self.phonePaths.count ? Self.phonePaths[phones] : "phones.\(phones)", &scratch, into: &out)
        case .customField:
            textRanges(value, &scratch)
            digitRanges(value, fragments, &scratch)
            guard !scratch.ranges.isEmpty, let key = item.key else { return }
            guard let path = searchablePath(key, in: json) else {
                scratch.ranges.removeAll(keepingCapacity: true)
                return
            }
            Self.take(path, &scratch, into: &out)
        }
    }

    /// The field path of a custom field key when the field is searchable.
    private func searchablePath(_ key: StoredFields.Span, in json: UnsafeBufferPointer<UInt8>) -> String? {
        guard !key.isEscaped else {
            let decoded = StoredFields.decode(key, in: json)
            return searchableFields.first { $0.key == decoded }?.path
        }
        let stored = UnsafeBufferPointer(rebasing: json[key.range])
        return searchableFields.first { $0.key.elementsEqual(stored) }?.path
    }

    /// Buffers reused across the fields and hits of a page.
    struct Scratch {
        var matcher = KeyPrefixMatcher()
        var folded: [UInt8] = []
        var digits: [UInt8] = []
        var offsets: [Int] = []
        /// The ranges found in the field at hand.
        var ranges: [Range<Int>] = []
    }

    /// Moves the field's ranges, merged, to `out` when there are any.
    private static func take(
        _ field: @autoclosure () -> String, _ scratch: inout Scratch, into out: inout [(field: String, ranges: [Range<Int>])]
    ) {
        guard !scratch.ranges.isEmpty else { return }
        out.append((field(), merge(scratch.ranges)))
        scratch.ranges.removeAll(keepingCapacity: true)
    }

    /// Whether the folded text holds one of the prefixes anywhere: a cheap test before analysis.
    private func mayContain(_ text: UnsafeBufferPointer<UInt8>, _ folded: inout [UInt8]) -> Bool {
        guard !prefixes.isEmpty else { return false }
        folded.removeAll(keepingCapacity: true)
        TextFolding.fold(utf8: text, into: &folded)
        return folded.withUnsafeBufferPointer { haystack in
            prefixes.withView { view in (0..<view.count).contains { DigitIndex.contains(haystack, view[$0]) } }
        }
    }

    /// Adds to `scratch.ranges` the ranges of the text's keys that start with a prefix.
    private func textRanges(_ text: UnsafeBufferPointer<UInt8>, _ scratch: inout Scratch) {
        guard !prefixes.isEmpty else { return }
        prefixes.withView { view in
            if Self.hasNonASCII(text) {
                scratch.matcher.ranges(in: text, prefixes: view.bytes, prefixEnds: view.ends, into: &scratch.ranges)
            } else {
                ASCIIKeyMatcher.textRanges(text, view, into: &scratch.ranges)
            }
        }
    }

    /// Ranges of the address's search keys that start with a prefix; a non-ASCII address also
    /// has the keys of its IDNA domain.
    private func emailRanges(_ email: UnsafeBufferPointer<UInt8>, _ scratch: inout Scratch) {
        guard !prefixes.isEmpty else { return }
        guard Self.hasNonASCII(email) else {
            prefixes.withView { ASCIIKeyMatcher.emailRanges(email, $0, into: &scratch.ranges) }
            return
        }
        guard mayContain(email, &scratch.folded) else { return }
        let units = Self.utf16(email)
        prefixes.withView { view in
            for key in EmailNormalizer.searchKeys(of: String(decoding: email, as: UTF8.self)) {
                for p in 0..<view.count where key.text.utf8.starts(with: view[p]) {
                    scratch.ranges.append(Self.covering(view[p].count, in: units, key.utf16Range, skippingJoiners: false))
                }
            }
        }
    }

    private static func hasNonASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.contains { $0 >= 0x80 }
    }

    /// A non-ASCII stored value as UTF-16 code units, which highlight ranges count.
    private static func utf16(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt16] {
        Array(String(decoding: bytes, as: UTF8.self).utf16)
    }

    /// The part of `range` whose fold covers the first `foldedCount` folded bytes. Email keys
    /// keep the hyphens and apostrophes that join word parts; text keys leave them out (the
    /// tests' reference for `KeyPrefixMatcher` and `ASCIIKeyMatcher`, which apply that rule in
    /// their own passes).
    static func covering(_ foldedCount: Int, in utf16: [UInt16], _ range: Range<Int>, skippingJoiners: Bool) -> Range<Int> {
        var folded = 0
        var i = range.lowerBound
        while i < range.upperBound && folded < foldedCount {
            var value = UInt32(utf16[i])
            var width = 1
            if UTF16.isLeadSurrogate(utf16[i]), i + 1 < range.upperBound {
                value = 0x10000 + ((value - 0xD800) << 10) + (UInt32(utf16[i + 1]) - 0xDC00)
                width = 2
            }
            if let scalar = Unicode.Scalar(value), !skippingJoiners || TextFolding.scalarClass(scalar) != .joiner {
                folded += TextFolding.foldedCount(of: scalar)
            }
            i += width
        }
        return range.lowerBound..<i
    }

    /// Adds to `scratch.ranges` the range of the stored value's digits that first spell the
    /// longest matching fragment; `fragments` come longest first.
    private func digitRanges(_ text: UnsafeBufferPointer<UInt8>, _ fragments: [[UInt8]], _ scratch: inout Scratch) {
        guard !fragments.isEmpty else { return }
        scratch.digits.removeAll(keepingCapacity: true)
        scratch.offsets.removeAll(keepingCapacity: true)
        var offset = 0
        for b in text {
            if b &- UInt8(ascii: "0") < 10 {
                scratch.digits.append(b)
                scratch.offsets.append(offset)
            }
            if b & 0xC0 != 0x80 { offset += b >= 0xF0 ? 2 : 1 }
        }
        let found = scratch.digits.withUnsafeBufferPointer { digits in
            fragments.lazy.compactMap { fragment in DigitIndex.firstOccurrence(of: fragment, in: digits).map { ($0, fragment.count) } }.first
        }
        if let (start, count) = found {
            scratch.ranges.append(scratch.offsets[start]..<(scratch.offsets[start + count - 1] + 1))
        }
    }

    /// Whether a stored phone's digits hold a fragment without its first one to three digits, as
    /// every part `nationalParts` gives does (a country code has one to three digits): a phone
    /// that holds none needs no parse. The fragment without three (or all but its last) digits is
    /// in each of the others, so it alone is looked for.
    private static func mayHoldNationalPart(_ digits: [UInt8], _ fragments: [[UInt8]]) -> Bool {
        digits.withUnsafeBufferPointer { digits in
            fragments.contains { fragment in
                fragment.count > 1 && DigitIndex.contains(digits, fragment[min(3, fragment.count - 1)...])
            }
        }
    }

    /// The parts of fragments that fall in a stored phone's national number, for a phone written
    /// without its country code: `5511` matched `+55 11…` through the E.164 digits, and `11` is
    /// what the stored `(11) …` shows. Longest first. The E.164 digits are those the index keeps
    /// for the phone at `position` of document `doc`; a phone past the positions it tells apart
    /// is parsed again.
    private func nationalParts(_ phone: UnsafeBufferPointer<UInt8>, position: Int, of doc: UInt32) -> [[UInt8]] {
        let full: [UInt8]
        let codeLength: Int
        if position < KeyInfo.sharedPosition, let kept = digits.phoneDigits(of: doc, position: position) {
            // A national start of 0: the phone was not normalized, and has no country code.
            guard kept.nationalStart > 0 else { return [] }
            (full, codeLength) = kept
        } else {
            guard case .success(let number) = phones.parse(String(decoding: phone, as: UTF8.self)) else { return [] }
            full = Array(number.e164Digits.utf8)
            codeLength = full.count - number.nationalNumber.utf8.count
        }
        var parts: [[UInt8]] = []
        for fragment in fragments where fragment.count <= full.count {
            for start in 0...(full.count - fragment.count) where full[start..<(start + fragment.count)].elementsEqual(fragment) {
                let from = max(start, codeLength)
                if from < start + fragment.count { parts.append(Array(full[from..<(start + fragment.count)])) }
                break
            }
        }
        return parts.sorted { $0.count > $1.count }
    }

    /// The ranges sorted and joined where they touch or overlap, empty ones left out.
    static func merge(_ ranges: [Range<Int>]) -> [Range<Int>] {
        if ranges.count == 1, !ranges[0].isEmpty { return ranges }
        var out = ranges
        // Insertion sort: a field's ranges come nearly in order and are few.
        for i in out.indices.dropFirst() {
            let range = out[i]
            var j = i
            while j > 0 && out[j - 1].lowerBound > range.lowerBound {
                out[j] = out[j - 1]
                j -= 1
            }
            out[j] = range
        }
        var kept = 0
        for i in out.indices where !out[i].isEmpty {
            let range = out[i]
            if kept > 0, range.lowerBound <= out[kept - 1].upperBound {
                out[kept - 1] = out[kept - 1].lowerBound..<max(out[kept - 1].upperBound, range.upperBound)
            } else {
                out[kept] = range
                kept += 1
            }
        }
        out.removeLast(out.count - kept)
        return out
    }
}
