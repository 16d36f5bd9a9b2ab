/// Finds where query prefixes start the index keys of a text: the keys `TextTokenizer` gives in
/// index mode (word parts, joined words, every start inside a CJK run), in one pass over the
/// text without making tokens. Highlighting reads every field of every hit this way.
///
/// A match's range, in UTF-16 offsets of the text, runs from the key's first scalar to the one
/// whose fold completes the prefix. Buffers are kept between calls.
public struct KeyPrefixMatcher {
    /// The fold of the text's words and CJK runs, joiners and separators left out.
    private var folded: [UInt8] = []
    /// Where each word part and each CJK scalar starts, three numbers each: its offset into
    /// `folded`, its byte offset and its UTF-16 offset into the text.
    private var starts: [Int] = []
    /// The first of `starts` that belongs to the word or CJK run at hand.
    private var current = 0
    private var inWord = false
    private var pendingJoiner = false
    private var inCJK = false

    /// Creates a matcher with empty buffers.
    public init() {}

    /// Appends to `ranges` the range of each key of `text` (valid UTF-8) that starts with one of
    /// the prefixes; prefix `i` is `prefixes[prefixEnds[i - 1]..<prefixEnds[i]]` (from 0 for the
    /// first), folded as query words are.
    public mutating func ranges(
        in text: UnsafeBufferPointer<UInt8>, prefixes: UnsafeBufferPointer<UInt8>, prefixEnds: UnsafeBufferPointer<Int>,
        into ranges: inout [Range<Int>]
    ) {
        let prefixes = Prefixes(text: text, bytes: prefixes, ends: prefixEnds)
        let table = FoldTable.shared
        folded.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
        (current, inWord, pendingJoiner, inCJK) = (0, false, false, false)
        var i = 0
        var utf16 = 0
        while i < text.count {
            let (scalar, length) = UTF8Validation.decode(text, at: i)
            let entry = table.entry(scalar)
            switch entry & 3 {
            case UInt32(ScalarClass.word.rawValue):
                if inCJK { finishCJK(prefixes, table, into: &ranges) }
                if !inWord || pendingJoiner { start(i, utf16) }
                inWord = true
                pendingJoiner = false
                append(scalar, entry, text, i, length, table)
            case UInt32(ScalarClass.joiner.rawValue):
                if inWord && !pendingJoiner {
                    pendingJoiner = true
                } else {
                    finishWord(prefixes, table, into: &ranges)
                }
            case UInt32(ScalarClass.cjk.rawValue):
                finishWord(prefixes, table, into: &ranges)
                inCJK = true
                start(i, utf16)
                append(scalar, entry, text, i, length, table)
            default:
                finishWord(prefixes, table, into: &ranges)
                if inCJK { finishCJK(prefixes, table, into: &ranges) }
            }
            i += length
            utf16 += scalar >= 0x10000 ? 2 : 1
        }
        finishWord(prefixes, table, into: &ranges)
        if inCJK { finishCJK(prefixes, table, into: &ranges) }
    }

    /// The text and the prefixes, as `ranges(in:prefixes:prefixEnds:into:)` takes them.
    private struct Prefixes {
        let text: UnsafeBufferPointer<UInt8>
        let bytes: UnsafeBufferPointer<UInt8>
        let ends: UnsafeBufferPointer<Int>
    }

    /// Records a key that starts at byte `i` (UTF-16 offset `utf16`) of the text.
    @inline(__always)
    private mutating func start(_ i: Int, _ utf16: Int) {
        starts.append(folded.count)
        starts.append(i)
        starts.append(utf16)
    }

    /// Appends the fold of one scalar.
    @inline(__always)
    private mutating func append(
        _ scalar: UInt32, _ entry: UInt32, _ utf8: UnsafeBufferPointer<UInt8>, _ i: Int, _ length: Int, _ table: FoldTable
    ) {
        if scalar < 0x80 {
            let b = UInt8(scalar)
            folded.append(b &- 0x41 < 26 ? b | 0x20 : b)
            return
        }
        table.appendFold(of: UnsafeBufferPointer(rebasing: utf8[i..<(i + length)]), entry: entry, to: &folded)
    }

    /// Matches the keys of the word that ends here: each part after the first, and the whole
    /// word with its joiners left out (which the first part's matches are matches of).
    private mutating func finishWord(_ prefixes: Prefixes, _ table: FoldTable, into ranges: inout [Range<Int>]) {
        guard inWord else { return }
        inWord = false
        pendingJoiner = false
        for k in stride(from: current + 3, to: starts.count, by: 3) {
            match(k, to: k + 3 < starts.count ? starts[k + 3] : folded.count, prefixes, table, into: &ranges)
        }
        match(current, to: folded.count, prefixes, table, into: &ranges)
        current = starts.count
    }

    /// Matches the keys of the CJK run that ends here: one at every scalar, to the run's end.
    private mutating func finishCJK(_ prefixes: Prefixes, _ table: FoldTable, into ranges: inout [Range<Int>]) {
        inCJK = false
        for k in stride(from: current, to: starts.count, by: 3) { match(k, to: folded.count, prefixes, table, into: &ranges) }
        current = starts.count
    }

    /// Appends a range for each prefix that the key `folded[starts[k]..<end]` starts with.
    private func match(_ k: Int, to end: Int, _ prefixes: Prefixes, _ table: FoldTable, into ranges: inout [Range<Int>]) {
        let start = starts[k]
        folded.withUnsafeBufferPointer { key in
            var prefixStart = 0
            for prefixEnd in prefixes.ends {
                defer { prefixStart = prefixEnd }
                let count = prefixEnd - prefixStart
                guard count > 0, count <= end - start else { continue }
                var j = 0
                while j < count && key[start + j] == prefixes.bytes[prefixStart + j] { j += 1 }
                if j == count {
                    ranges.append(starts[k + 2]..<Self.end(covering: count, from: starts[k + 1], starts[k + 2], prefixes.text, table))
                }
            }
        }
    }

    /// The UTF-16 offset where the scalars from byte `i` (UTF-16 offset `utf16`) first fold to
    /// `count` bytes, joiners counting none.
    private static func end(covering count: Int, from i: Int, _ utf16: Int, _ text: UnsafeBufferPointer<UInt8>, _ table: FoldTable) -> Int {
        var (i, utf16, folded) = (i, utf16, 0)
        while folded < count && i < text.count {
            let (scalar, length) = UTF8Validation.decode(text, at: i)
            let entry = table.entry(scalar)
            if entry & 3 != UInt32(ScalarClass.joiner.rawValue) {
                folded += scalar < 0x80 ? 1 : table.foldedCount(entry: entry, length: length)
            }
            i += length
            utf16 += scalar >= 0x10000 ? 2 : 1
        }
        return utf16
    }
}
