/// Substring search over digit strings (phones, document numbers), by n-grams.
///
/// Each document's digit strings are stored. Every run of five digits lists the documents that
/// hold it, and so do every string's last four and last three digits (`doc << 8 | tier`, in
/// document order; the tier of those digits where they stand, as `DigitString.tier` gives it). A
/// fragment of five digits is answered by its list; one of four by the lists of its eleven
/// continuations (`abcd0`…`abcd9`, `abcd` at the end), one of three by those of its 111
/// (`abc00`…`abc99`, `abc0`…`abc9` and `abc` at the end); a longer one by intersecting the two
/// shortest lists of its runs of five, its candidates then checked against the stored digits.
/// Runs of four are not listed: a contact's digits fill half as many lists.
struct DigitIndex {
    /// Lists of four digits ending a string (0..<10,000), of three digits ending a string
    /// (10,000..<11,000) and of five-digit runs (11,000..<111,000).
    private var lists = ListTable(count: Self.listCount)
    private static let endsOfThree = 10_000
    private static let fives = 11_000
    static let listCount = 111_000
    /// Per document: its digit strings as `[info, length, national start, digits…]*`.
    private var stored: ContiguousArray<UInt64> = []
    private var arena = ByteArena()
    private static let none = UInt64.max
    /// Where `add` leaves the lengths it read ahead of its appends, so that the reads stay.
    private var touchedLengths = 0

    /// Bytes held, for memory estimates.
    var memoryBytes: Int {
        lists.memoryBytes + stored.capacity * 8 + arena.memoryBytes
    }

    /// Gives back the spare capacity of one part of the lists (see `Compaction`); the last part
    /// also compacts the table of stored strings.
    mutating func compact(part: Int) {
        lists.compact(Compaction.range(part: part, count: lists.count))
        if part == Compaction.parts - 1 { stored = stored.exactCapacityCopy() }
    }

    /// Appends to `out` the entries of a list whose documents the renumbering keeps, renumbered
    /// (not sorted); gives the number of entries read.
    func appendRenumbered(list: Int, _ renumbering: Renumbering, to out: inout [UInt32]) -> Int {
        for entry in lists[list] {
            if let renumbered = renumbering.new(packed: entry) { out.append(renumbered) }
        }
        return lists[list].count
    }

    /// Puts in a list's entries, in document order (a rebuild's).
    mutating func setList(_ list: Int, _ entries: some Collection<UInt32>) {
        lists.replace(list, with: ContiguousArray(entries))
    }

    /// Appends the digit strings of another index's document as the next document's (a
    /// rebuild's).
    mutating func appendStrings(copying doc: UInt32, from other: DigitIndex) {
        let location = other.record(of: doc)
        stored.append(location == Self.none ? Self.none : other.arena.withBytes(location) { arena.append($0) })
    }

    /// Adds a document's digit strings; documents come in increasing order.
    mutating func add(doc: UInt32, _ strings: [DigitString]) {
        while stored.count < Int(doc) { stored.append(Self.none) }
        guard !strings.isEmpty else {
            stored.append(Self.none)
            return
        }
        var record: [UInt8] = []
        // `list << 8 | tier`, sorted then deduplicated (a document's best tier in each list):
        // a contact has a few dozen.
        var grams: [UInt32] = []
        for string in strings {
            let digits = string.digits.prefix(255)
            let nationalStart = min(string.nationalStart, digits.count)
            record.append(string.info.raw)
            record.append(UInt8(digits.count))
            record.append(UInt8(nationalStart))
            record.append(contentsOf: digits)
            guard digits.count >= 3 else { continue }
            func gram(_ list: Int, at offset: Int, _ length: Int) -> UInt32 {
                let tier = DigitString.tier(string.info, length: digits.count, nationalStart: nationalStart, offset: offset, fragmentLength: length)
                return UInt32(list) << 8 | UInt32(tier)
            }
            let end = digits.endIndex
            grams.append(gram(Self.endsOfThree + Self.gram(digits[end - 3], digits[end - 2], digits[end - 1]), at: end - 3, 3))
            if digits.count >= 4 {
                grams.append(gram(Self.quad(digits[end - 4], digits[end - 3], digits[end - 2], digits[end - 1]), at: end - 4, 4))
            }
            for i in digits.startIndex..<max(digits.startIndex, digits.endIndex - 4) {
                grams.append(gram(Self.fives + Self.five(digits, at: i), at: i, 5))
            }
        }
        stored.append(arena.append(record))
        grams.sort()
        // The first touch of each list is a cache miss. Reading every list's length first, loads
        // that wait on no other, lets the misses overlap instead of following one another.
        var lengths = 0
        for entry in grams { lengths &+= lists[Int(entry >> 8)].count }
        touchedLengths = lengths
        var previous = UInt32.max
        for entry in grams where entry >> 8 != previous {
            previous = entry >> 8
            lists.append(doc << 8 | entry & 0xFF, to: Int(previous))
        }
    }

    /// The run of five digits starting at `i`, as a number.
    @inline(__always)
    private static func five<Digits: RandomAccessCollection<UInt8>>(_ digits: Digits, at i: Digits.Index) -> Int
        where Digits.Index == Int
    {
        quad(digits[i], digits[i + 1], digits[i + 2], digits[i + 3]) * 10 + Int(digits[i + 4] &- 48)
    }

    @inline(__always)
    private static func quad(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) -> Int {
        gram(a, b, c) * 10 + Int(d &- 48)
    }

    @inline(__always)
    private static func gram(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Int {
        Int(a &- 48) * 100 + Int(b &- 48) * 10 + Int(c &- 48)
    }

    /// Documents with a digit string containing any of the fragments, as `doc << 8 | tier`
    /// sorted by document: the best tier of a matching string (`DigitString.tier`: a part of a
    /// number is not a whole word, and one inside the number ranks after one that begins it).
    func matches(_ fragments: [[UInt8]], fieldMask: UInt8) -> [UInt32] {
        var result: [UInt32] = []
        for fragment in fragments where fragment.count >= 3 {
            var found: [UInt32] = []
            let inFields: (UInt32) -> Bool = { WordMatches.isInFields($0, fieldMask) }
            switch fragment.count {
            case 3, 4:
                let continued = continuations(fragment)
                found.reserveCapacity(continued.reduce(0) { $0 + lists[$1.list].count })
                for (list, exact) in continued {
                    for entry in lists[list] where inFields(entry) {
                        // A list keeps a document's best tier for its own digits: a string of
                        // those very digits, longer than the fragment, may hide a string placed
                        // before it that holds the fragment too.
                        let doc = entry >> 8
                        if entry & WordMatches.prefixBit == 0, !exact, case let record = record(of: doc), record != Self.none,
                           let info = verify(record, fragment, fieldMask: fieldMask)
                        {
                            found.append(doc << 8 | UInt32(info))
                        } else {
                            found.append(exact ? entry : entry | WordMatches.prefixBit)
                        }
                    }
                }
                WordMatches.normalize(&found)
            case 5:
                found = lists[Self.fives + Self.five(fragment, at: 0)].filter(inFields)
            default:
                // Every candidate's record is located first: loads that wait on no other, so that
                // their cache misses overlap, where verifying as they come would take them in turn.
                let docs = candidates(fragment)
                let records = docs.map(record(of:))
                // So are their first bytes, before any is verified; the sum is used (a capacity
                // of one entry more or not) so that the loads stay.
                var touched = 0
                for record in records where record != Self.none { touched &+= arena.withBytes(record) { Int($0.first ?? 0) } }
                found.reserveCapacity(docs.count + touched & 1)
                for (doc, record) in zip(docs, records) where record != Self.none {
                    if let info = verify(record, fragment, fieldMask: fieldMask) { found.append(doc << 8 | UInt32(info)) }
                }
            }
            result = result.isEmpty ? found : WordMatches.union(result, found)
        }
        return result
    }

    /// The lists of the continuations of a fragment of three or four digits: its runs of five,
    /// then its ends of four and three. `exact` when a whole-string entry of the list is a whole
    /// match of the fragment (the string is the fragment).
    private func continuations(_ fragment: [UInt8]) -> [(list: Int, exact: Bool)] {
        if fragment.count == 4 {
            let head = Self.quad(fragment[0], fragment[1], fragment[2], fragment[3])
            return (0..<10).map { (Self.fives + head * 10 + $0, false) } + [(head, true)]
        }
        let head = Self.gram(fragment[0], fragment[1], fragment[2])
        return (0..<100).map { (Self.fives + head * 100 + $0, false) } + (0..<10).map { (head * 10 + $0, false) }
            + [(Self.endsOfThree + head, true)]
    }

    /// Documents that may hold a fragment of six digits or more, in order: those in the two
    /// shortest lists of its runs of five.
    private func candidates(_ fragment: [UInt8]) -> [UInt32] {
        var small = lists[Self.fives + Self.five(fragment, at: 0)]
        var large = lists[Self.fives + Self.five(fragment, at: fragment.count - 5)]
        if large.count < small.count { swap(&small, &large) }
        for i in 1..<(fragment.count - 5) {
            let list = lists[Self.fives + Self.five(fragment, at: i)]
            if list.count < small.count {
                large = small
                small = list
            } else if list.count < large.count {
                large = list
            }
        }
        return Self.intersect(small.map { $0 >> 8 }, large, shift: 8)
    }

    /// The first digit string of a document's phone at `position` (below `KeyInfo.sharedPosition`,
    /// where positions are not shared): its E.164 digits and where its national number begins in
    /// them (after the country code) when the phone was normalized, else its typed digits and 0;
    /// nil when the document has no digit string for that phone.
    func phoneDigits(of doc: UInt32, position: Int) -> (digits: [UInt8], nationalStart: Int)? {
        let location = record(of: doc)
        guard location != Self.none else { return nil }
        let info = KeyInfo(field: .phone, position: position).raw
        return arena.withBytes(location) { record in
            var i = 0
            while i + 3 <= record.count {
                let length = Int(record[i + 1])
                if record[i] == info { return (Array(record[(i + 3)..<(i + 3 + length)]), Int(record[i + 2])) }
                i += 3 + length
            }
            return nil
        }
    }

    /// Where a document's digit strings are stored, `none` when it has none (or is not known).
    @inline(__always)
    private func record(of doc: UInt32) -> UInt64 {
        Int(doc) < stored.count ? stored[Int(doc)] : Self.none
    }

    /// The best tier of a document's digit strings (its stored `record`) containing the fragment.
    private func verify(_ record: UInt64, _ fragment: [UInt8], fieldMask: UInt8) -> UInt8? {
        arena.withBytes(record) { record in
            var best: UInt8?
            var i = 0
            while i + 3 <= record.count {
                let info = record[i]
                let length = Int(record[i + 1])
                let digits = UnsafeBufferPointer(rebasing: record[(i + 3)..<(i + 3 + length)])
                if WordMatches.isInFields(UInt32(info), fieldMask),
                   let tier = DigitString.bestTier(digits, KeyInfo(raw: info), nationalStart: Int(record[i + 2]), fragment)
                {
                    best = min(best ?? UInt8.max, tier)
                }
                i += 3 + length
            }
            return best
        }
    }

    /// Whether `haystack` holds the bytes of `needle` (not empty) one after another.
    static func contains<Needle: RandomAccessCollection<UInt8>>(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: Needle) -> Bool
        where Needle.Index == Int
    {
        firstOccurrence(of: needle, in: haystack) != nil
    }

    /// Where the bytes of `needle` (not empty) first stand one after another in `haystack`.
    static func firstOccurrence<Needle: RandomAccessCollection<UInt8>>(of needle: Needle, in haystack: UnsafeBufferPointer<UInt8>) -> Int?
        where Needle.Index == Int
    {
        guard !needle.isEmpty, needle.count <= haystack.count else { return nil }
        let first = needle[needle.startIndex]
        for start in 0...(haystack.count - needle.count) where haystack[start] == first {
            var k = 1
            while k < needle.count && haystack[start + k] == needle[needle.startIndex + k] { k += 1 }
            if k == needle.count { return start }
        }
        return nil
    }

    /// Documents of `docs` (sorted) that appear in `list` (sorted, documents shifted left by `shift`).
    private static func intersect(_ docs: [UInt32], _ list: ContiguousArray<UInt32>, shift: UInt32) -> [UInt32] {
        var out: [UInt32] = []
        var j = 0
        list.withUnsafeBufferPointer { list in
            for doc in docs {
                var step = 1
                while j + step < list.count && list[j + step] >> shift < doc { j += step; step <<= 1 }
                while j < list.count && list[j] >> shift < doc { j += 1 }
                if j < list.count && list[j] >> shift == doc { out.append(doc) }
            }
        }
        return out
    }
}

extension DigitIndex {
    /// What `encode` writes, in buffers of its own (each n-gram list stays shared), for a
    /// snapshot's image.
    func snapshotCopy() -> DigitIndex {
        var copy = self
        (copy.lists, copy.stored, copy.arena) = (lists.snapshotCopy(), stored.snapshotCopy(), arena.snapshotCopy())
        return copy
    }

    /// Writes the digit index to a snapshot.
    func encode(_ out: SectionStream) throws(ContactIndexError) {
        try out.lists(lists.lists)
        try out.array(stored)
        try arena.encode(out)
    }

    /// Reads a digit index written by `encode`.
    init?(decoding reader: inout ByteReader) {
        guard let lists = reader.lists(), let stored = reader.array(UInt64.self, growing: true),
              let arena = ByteArena(decoding: &reader), lists.count == Self.listCount
        else { return nil }
        self.init()
        (self.lists, self.stored, self.arena) = (ListTable(lists), stored, arena)
    }
}
