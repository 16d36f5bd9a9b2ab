import Tokenizer

/// Finds where folded query prefixes match the keys of an ASCII value, scanning its bytes in
/// place: the common case of highlighting, without tokenizing or folding into buffers. For ASCII
/// text, UTF-16 offsets are byte offsets and folding is lowercasing, so a match's range is read
/// straight off the bytes. The keys are those `TextTokenizer` (index mode) and
/// `EmailNormalizer.searchKeys(of:)` give; `Highlighter` checks non-ASCII values through them.
enum ASCIIKeyMatcher {
    /// The word-splitting class of each ASCII byte: word bytes and joiner bytes as bit sets.
    private static let (wordBits, joinerBits): ((UInt64, UInt64), (UInt64, UInt64)) = {
        var word: (UInt64, UInt64) = (0, 0)
        var joiner: (UInt64, UInt64) = (0, 0)
        for b in 0..<128 {
            let bit: UInt64 = 1 << UInt64(b & 63)
            switch TextFolding.scalarClass(Unicode.Scalar(UInt8(b))) {
            case .word: if b < 64 { word.0 |= bit } else { word.1 |= bit }
            case .joiner: if b < 64 { joiner.0 |= bit } else { joiner.1 |= bit }
            default: break
            }
        }
        return (word, joiner)
    }()

    /// Byte classes read from two bit sets held in registers for the length of a scan.
    private struct Classes {
        let word: (UInt64, UInt64)
        let joiner: (UInt64, UInt64)

        init() { (word, joiner) = (ASCIIKeyMatcher.wordBits, ASCIIKeyMatcher.joinerBits) }

        @inline(__always)
        private static func has(_ set: (UInt64, UInt64), _ b: UInt8) -> Bool {
            guard b < 128 else { return false }
            return ((b < 64 ? set.0 : set.1) >> UInt64(b & 63)) & 1 != 0
        }

        @inline(__always) func isWord(_ b: UInt8) -> Bool { Self.has(word, b) }
        @inline(__always) func isJoiner(_ b: UInt8) -> Bool { Self.has(joiner, b) }
    }

    /// Ranges of text keys (words, word parts, words joined across hyphens and apostrophes)
    /// that start with a prefix.
    static func textRanges(_ text: UnsafeBufferPointer<UInt8>, _ prefixes: KeyPrefixes.View, into ranges: inout [Range<Int>]) {
        let classes = Classes()
        let n = text.count
        var i = 0
        while i < n {
            guard classes.isWord(text[i]) else {
                i += 1
                continue
            }
            let wordStart = i
            var partStart = i
            var j = i
            while true {
                while j < n && classes.isWord(text[j]) { j += 1 }
                if partStart != wordStart { matchContiguous(text, partStart..<j, prefixes, into: &ranges) }
                guard j + 1 < n, classes.isJoiner(text[j]), classes.isWord(text[j + 1]) else { break }
                j += 1
                partStart = j
            }
            matchJoined(text, wordStart..<j, prefixes, classes, into: &ranges)
            i = j
        }
    }

    /// Ranges of an address's search keys (the address, the local part's pieces, the domain and
    /// its labels) that start with a prefix.
    static func emailRanges(_ email: UnsafeBufferPointer<UInt8>, _ prefixes: KeyPrefixes.View, into ranges: inout [Range<Int>]) {
        var start = 0
        var end = email.count
        while start < end, isSpace(email[start]) { start += 1 }
        while end > start, isSpace(email[end - 1]) { end -= 1 }
        guard start < end else { return }
        matchContiguous(email, start..<end, prefixes, into: &ranges)
        guard let at = (start..<end).last(where: { email[$0] == UInt8(ascii: "@") }) else {
            pieces(email, start..<end, prefixes, into: &ranges) { !isAlphanumeric($0) }
            return
        }
        pieces(email, start..<at, prefixes, into: &ranges) { $0 == 0x2E || $0 == 0x2B || $0 == 0x5F || $0 == 0x2D }
        guard at + 1 < end else { return }
        matchContiguous(email, (at + 1)..<end, prefixes, into: &ranges)
        pieces(email, (at + 1)..<end, prefixes, into: &ranges) { $0 == UInt8(ascii: ".") }
    }

    private static func pieces(
        _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ prefixes: KeyPrefixes.View, into ranges: inout [Range<Int>],
        isSeparator: (UInt8) -> Bool
    ) {
        var pieceStart = range.lowerBound
        for i in range.lowerBound...range.upperBound where i == range.upperBound || isSeparator(bytes[i]) {
            if i > pieceStart { matchContiguous(bytes, pieceStart..<i, prefixes, into: &ranges) }
            pieceStart = i + 1
        }
    }

    /// Matches prefixes against the key `key`, a non-empty run of bytes folded one to one.
    private static func matchContiguous(
        _ bytes: UnsafeBufferPointer<UInt8>, _ key: Range<Int>, _ prefixes: KeyPrefixes.View, into ranges: inout [Range<Int>]
    ) {
        guard prefixes.hasPrefix(startingWith: lowercase(bytes[key.lowerBound])) else { return }
        for p in 0..<prefixes.count {
            let prefix = prefixes[p]
            guard prefix.count <= key.count else { continue }
            var k = 0
            while k < prefix.count && lowercase(bytes[key.lowerBound + k]) == prefix[k] { k += 1 }
            if k == prefix.count { ranges.append(key.lowerBound..<(key.lowerBound + k)) }
        }
    }

    /// Matches prefixes against a word whose parts are joined by single hyphens or apostrophes,
    /// which the key leaves out.
    private static func matchJoined(
        _ bytes: UnsafeBufferPointer<UInt8>, _ word: Range<Int>, _ prefixes: KeyPrefixes.View, _ classes: Classes,
        into ranges: inout [Range<Int>]
    ) {
        // A word starts with a word byte, never a joiner.
        guard prefixes.hasPrefix(startingWith: lowercase(bytes[word.lowerBound])) else { return }
        for p in 0..<prefixes.count {
            let prefix = prefixes[p]
            var k = 0
            var i = word.lowerBound
            while k < prefix.count && i < word.upperBound {
                let b = bytes[i]
                i += 1
                if classes.isJoiner(b) { continue }
                guard lowercase(b) == prefix[k] else { break }
                k += 1
            }
            if k == prefix.count { ranges.append(word.lowerBound..<i) }
        }
    }

    @inline(__always)
    private static func lowercase(_ b: UInt8) -> UInt8 { b &- 0x41 < 26 ? b | 0x20 : b }

    @inline(__always)
    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b &- 0x09 < 5 }

    @inline(__always)
    private static func isAlphanumeric(_ b: UInt8) -> Bool { (b | 0x20) &- UInt8(ascii: "a") < 26 || b &- UInt8(ascii: "0") < 10 }
}
