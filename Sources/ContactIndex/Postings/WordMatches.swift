/// The documents one query word matches, each with the word's best tier in it, as a sorted array
/// of `doc << 8 | tier`: one entry per document.
///
/// A tier packs, lowest best: bit 7 set when the match is a prefix rather than the whole word,
/// then the field (3 bits) and the word position (4 bits).
enum WordMatches {
    static let prefixBit: UInt32 = 0x80
    /// A field mask with every field's bit (`1 << field`).
    static let allFields: UInt8 = 0x1F

    /// Whether an entry's (or a posting's) field has its bit in `fieldMask`.
    @inline(__always)
    static func isInFields(_ entry: UInt32, _ fieldMask: UInt8) -> Bool {
        fieldMask & 1 << ((entry & 0x7F) >> 4) != 0
    }

    /// The entries whose field is in `fieldMask`.
    static func restricted(_ entries: [UInt32], to fieldMask: UInt8) -> [UInt32] {
        fieldMask == allFields ? entries : entries.filter { isInFields($0, fieldMask) }
    }

    /// Sorts postings-like entries and keeps the best tier of each document.
    static func normalize(_ entries: inout [UInt32]) {
        if normalizeByDocument(&entries) { return }
        // Sorted by document alone, then each document's run keeps its best tier: a pass fewer
        // than sorting by tier too.
        radixSort(&entries, bits: 8..<32)
        let kept = entries.withUnsafeMutableBufferPointer { entries in
            var out = 0
            for i in 0..<entries.count {
                let entry = entries[i]
                if out > 0 && entries[out - 1] >> 8 == entry >> 8 {
                    entries[out - 1] = min(entries[out - 1], entry)
                    continue
                }
                entries[out] = entry
                out += 1
            }
            return out
        }
        entries.removeLast(entries.count - kept)
    }

    /// `normalize` for entries that are many for the documents they span (a prefix that a large
    /// part of the contacts match): each document's best tier kept in a byte per document, in
    /// one pass over the entries and one over the documents, where a sort makes four over the
    /// entries, each scattering them. False, and the entries untouched, when they are too few.
    private static func normalizeByDocument(_ entries: inout [UInt32]) -> Bool {
        guard entries.count > 4096 else { return false }
        var last: UInt32 = 0
        for entry in entries { last = max(last, entry >> 8) }
        let documents = Int(last) + 1
        guard entries.count >= documents / 64 else { return false }
        // No tier is 0xFF: the field takes 3 bits and position 4 below the prefix bit. Eight
        // documents a word, so that runs of unmatched documents are skipped eight at a time.
        var best = [UInt64](repeating: .max, count: (documents + 7) / 8)
        var kept = 0
        best.withUnsafeMutableBufferPointer { words in
            let bytes = UnsafeMutableRawBufferPointer(words)
            for entry in entries {
                let doc = Int(entry >> 8)
                bytes[doc] = min(bytes[doc], UInt8(truncatingIfNeeded: entry))
            }
            // One entry per document, as many as there were entries or fewer: written in place.
            entries.withUnsafeMutableBufferPointer { out in
                for w in words.indices where words[w] != .max {
                    for doc in (w * 8)..<(w * 8 + 8) {
                        let tier = bytes[doc]
                        if tier != 0xFF {
                            out[kept] = UInt32(doc) << 8 | UInt32(tier)
                            kept += 1
                        }
                    }
                }
            }
        }
        entries.removeLast(entries.count - kept)
        return true
    }

    /// Sorts 32-bit values with four passes of a byte each: linear, where a comparison sort of the
    /// thousands of postings of a prefix is not.
    static func radixSort(_ values: inout [UInt32]) {
        radixSort(&values, bits: 0..<32)
    }

    /// Sorts values by their bits in `bits` (a multiple of 8 wide) with one pass per byte; values
    /// equal there keep their order. One read counts every byte's buckets, and a byte that all
    /// values share takes no pass. Inlined, so that the callers' bits make its shifts constants
    /// (a quarter to a third faster than shifts read at run time, on 2,000 to 20,000 postings).
    @inline(__always)
    static func radixSort<T: FixedWidthInteger & UnsignedInteger>(_ values: inout [T], bits: Range<Int>) {
        let count = values.count
        guard count > 64 else {
            let mask: T = (bits.count >= T.bitWidth ? ~0 : (1 << T(bits.count)) - 1) << T(bits.lowerBound)
            values.sort { $0 & mask < $1 & mask }
            return
        }
        let passes = bits.count / 8
        let low = bits.lowerBound
        var scratch = [T](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
        var moved = 0
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 256 * passes) { counts in
            counts.initialize(repeating: 0)
            values.withUnsafeMutableBufferPointer { a in
                scratch.withUnsafeMutableBufferPointer { b in
                    switch passes {
                    case 3:
                        for v in a {
                            counts[byte(v, low)] &+= 1
                            counts[256 &+ byte(v, low &+ 8)] &+= 1
                            counts[512 &+ byte(v, low &+ 16)] &+= 1
                        }
                    case 4:
                        for v in a {
                            counts[byte(v, low)] &+= 1
                            counts[256 &+ byte(v, low &+ 8)] &+= 1
                            counts[512 &+ byte(v, low &+ 16)] &+= 1
                            counts[768 &+ byte(v, low &+ 24)] &+= 1
                        }
                    default:
                        for v in a {
                            for p in 0..<passes { counts[p &* 256 &+ byte(v, low &+ 8 &* p)] &+= 1 }
                        }
                    }
                    for p in 0..<passes {
                        let shift = low &+ 8 &* p
                        let buckets = UnsafeMutableBufferPointer(rebasing: counts[(p * 256)..<(p * 256 + 256)])
                        if buckets[byte(a[0], shift)] == count { continue }
                        if moved & 1 == 0 { scatter(a, into: b, buckets, shift) } else { scatter(b, into: a, buckets, shift) }
                        moved &+= 1
                    }
                }
            }
        }
        if moved % 2 == 1 { swap(&values, &scratch) }
    }

    /// The byte of `value` at bit `shift`.
    @inline(__always)
    private static func byte<T: FixedWidthInteger>(_ value: T, _ shift: Int) -> Int {
        Int(truncatingIfNeeded: value >> T(shift)) & 0xFF
    }

    /// One pass of `radixSort`: moves `source` into `target` by the byte at `shift`, given how
    /// many values each of its 256 values has.
    @inline(__always)
    private static func scatter<T: FixedWidthInteger>(
        _ source: UnsafeMutableBufferPointer<T>, into target: UnsafeMutableBufferPointer<T>,
        _ buckets: UnsafeMutableBufferPointer<Int>, _ shift: Int
    ) {
        var total = 0
        for i in 0..<256 {
            let c = buckets[i]
            buckets[i] = total
            total &+= c
        }
        for v in source {
            let bucket = byte(v, shift)
            target[buckets[bucket]] = v
            buckets[bucket] &+= 1
        }
    }

    /// The union of two normalized lists, keeping each document's best tier.
    static func union(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
        if a.isEmpty { return b }
        if b.isEmpty { return a }
        return a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                [UInt32](unsafeUninitializedCapacity: a.count + b.count) { out, written in
                    var i = 0, j = 0, n = 0
                    while i < a.count && j < b.count {
                        let x = a[i], y = b[j]
                        if x >> 8 < y >> 8 {
                            out[n] = x
                            i += 1
                        } else if y >> 8 < x >> 8 {
                            out[n] = y
                            j += 1
                        } else {
                            out[n] = min(x, y)
                            i += 1
                            j += 1
                        }
                        n += 1
                    }
                    for k in i..<a.count { out[n] = a[k]; n += 1 }
                    for k in j..<b.count { out[n] = b[k]; n += 1 }
                    written = n
                }
            }
        }
    }

    /// Moves `cursor` forward to the first value of a sorted list not below `target`, doubling
    /// its steps, then searching between the last two; gives the new cursor.
    @inline(__always)
    static func gallop<List: RandomAccessCollection>(_ list: List, _ cursor: inout Int, to target: List.Element) -> Int
        where List.Index == Int, List.Element: Comparable
    {
        var step = 1
        var hi = cursor
        while hi < list.count && list[hi] < target {
            cursor = hi + 1
            hi += step
            step <<= 1
        }
        hi = min(hi, list.count)
        var lo = cursor
        while lo < hi {
            let mid = (lo + hi) / 2
            if list[mid] < target { lo = mid + 1 } else { hi = mid }
        }
        cursor = lo
        return lo
    }
}
