/// Folds a text (case, diacritics, width) and splits it into words.
///
/// Words are split on white space and punctuation. Hyphens and apostrophes between letters
/// join parts: `Jean-Luc` gives `jean`, `luc` and, when indexing, `jeanluc`. Runs of Han, kana
/// and Hangul, written without spaces, give a key at every position when indexing, so that
/// `太郎` finds `山田太郎`.
public struct TextTokenizer: Sendable {
    /// What the tokens are for.
    public enum Mode: Sendable {
        /// Keys of a stored value: word parts, joined forms, and every start inside CJK runs.
        case index
        /// Words of a query: each word and each CJK run once; parts joined by hyphens or
        /// apostrophes as one word (`guest-12` → `guest12`), which the joined key of the stored
        /// value matches and which is far more selective than its parts.
        case query
    }

    /// What the tokens are for.
    public var mode: Mode

    /// Creates a tokenizer.
    public init(mode: Mode = .index) {
        self.mode = mode
    }

    /// Tokenizes a text.
    public func tokenize(_ text: String) -> TokenizedText {
        var result = TokenizedText()
        tokenize(text, into: &result)
        return result
    }

    /// Tokenizes a text into `result`, reusing its storage.
    public func tokenize(_ text: String, into result: inout TokenizedText) {
        var text = text
        text.withUTF8 { tokenize(validUTF8: $0, into: &result) }
    }

    /// Tokenizes UTF-8 bytes that are known to be valid (read back from a `String`) into
    /// `result`, reusing its storage.
    public func tokenize(validUTF8 utf8: UnsafeBufferPointer<UInt8>, into result: inout TokenizedText) {
        result.removeAll()
        var state = SplitState(mode: mode)
        state.run(utf8, into: &result)
    }

    /// Tokenizes UTF-8 bytes, which are checked first.
    /// - Throws: `TokenizerError.invalidUTF8` naming the first bad byte offset.
    public func tokenize(utf8 bytes: some Collection<UInt8>) throws(TokenizerError) -> TokenizedText {
        let text = try UTF8Validation.string(from: bytes)
        return tokenize(text)
    }
}

/// The word-splitting state machine over the scalars of one text.
private struct SplitState {
    let mode: TextTokenizer.Mode
    var position = 0
    var inWord = false
    var wordStart = 0
    var wordUTF16Start = 0
    var partStart = 0
    var partUTF16Start = 0
    var lastUTF16End = 0
    var partCount = 0
    var pendingJoiner = false
    /// Index in `result.tokens` of the current word's first part.
    var firstPartToken = 0
    var cjkStarts: [(byte: Int, utf16: Int)] = []

    init(mode: TextTokenizer.Mode) {
        self.mode = mode
    }

    mutating func run(_ utf8: UnsafeBufferPointer<UInt8>, into result: inout TokenizedText) {
        let table = FoldTable.shared
        var i = 0
        var utf16 = 0
        let count = utf8.count
        while i < count {
            let lead = utf8[i]
            if lead < 0x80 {
                let cls = table.bmp[Int(lead)] & 3
                let lower = lead &- 0x41 < 26 ? lead | 0x20 : lead
                handle(cls: cls, utf16: utf16, width: 1, into: &result) { $0.append(lower) }
                i += 1
                utf16 += 1
                continue
            }
            let (scalar, length) = UTF8Validation.decode(utf8, at: i)
            let width = scalar >= 0x10000 ? 2 : 1
            let entry = table.entry(scalar)
            handle(cls: entry & 3, utf16: utf16, width: width, into: &result) { out in
                table.appendFold(of: UnsafeBufferPointer(rebasing: utf8[i..<(i + length)]), entry: entry, to: &out)
            }
            i += length
            utf16 += width
        }
        finishWord(into: &result)
        finishCJK(end: utf16, into: &result)
    }

    @inline(__always)
    mutating func handle(
        cls: UInt32, utf16: Int, width: Int, into result: inout TokenizedText,
        append: (inout ContiguousArray<UInt8>) -> Void
    ) {
        switch cls {
        case UInt32(ScalarClass.word.rawValue):
            finishCJK(end: utf16, into: &result)
            if !inWord {
                inWord = true
                partCount = 1
                firstPartToken = result.tokens.count
                wordStart = result.folded.count
                partStart = wordStart
                wordUTF16Start = utf16
                partUTF16Start = utf16
            } else if pendingJoiner {
                endPart(result: &result)
                partCount += 1
                partStart = result.folded.count
                partUTF16Start = utf16
            }
            pendingJoiner = false
            append(&result.folded)
            lastUTF16End = utf16 + width
        case UInt32(ScalarClass.joiner.rawValue):
            if inWord && !pendingJoiner {
                pendingJoiner = true
            } else {
                finishWord(into: &result)
            }
        case UInt32(ScalarClass.cjk.rawValue):
            finishWord(into: &result)
            cjkStarts.append((result.folded.count, utf16))
            append(&result.folded)
        default:
            finishWord(into: &result)
            finishCJK(end: utf16, into: &result)
        }
    }

    /// Records the part that ends here; its position is set when the word ends.
    mutating func endPart(result: inout TokenizedText) {
        let end = result.folded.count
        guard end > partStart else { return }
        result.tokens.append(Token(
            kind: .word, bytes: partStart..<end, utf16Range: partUTF16Start..<lastUTF16End, position: 0))
    }

    mutating func finishWord(into result: inout TokenizedText) {
        guard inWord else { return }
        inWord = false
        pendingJoiner = false
        endPart(result: &result)
        let parts = result.tokens.count - firstPartToken
        let end = result.folded.count
        guard end > wordStart, parts > 0 else { return }
        if parts == 1 {
            result.tokens[firstPartToken].position = position
            result.tokens[firstPartToken].utf16Range = wordUTF16Start..<lastUTF16End
            position += 1
            return
        }
        if mode == .query {
            result.tokens.removeLast(parts)
            result.tokens.append(Token(
                kind: .joined, bytes: wordStart..<end, utf16Range: wordUTF16Start..<lastUTF16End, position: position))
            position += 1
            return
        }
        let first = position
        for k in firstPartToken..<result.tokens.count {
            result.tokens[k].position = position
            position += 1
        }
        result.tokens.append(Token(
            kind: .joined, bytes: wordStart..<end, utf16Range: wordUTF16Start..<lastUTF16End, position: first))
    }

    mutating func finishCJK(end utf16End: Int, into result: inout TokenizedText) {
        guard !cjkStarts.isEmpty else { return }
        defer { cjkStarts.removeAll(keepingCapacity: true) }
        let end = result.folded.count
        guard mode == .index else {
            let first = cjkStarts[0]
            result.tokens.append(Token(
                kind: .word, bytes: first.byte..<end, utf16Range: first.utf16..<utf16End, position: position))
            position += 1
            return
        }
        for (offset, start) in cjkStarts.enumerated() where start.byte < end {
            result.tokens.append(Token(
                kind: offset == 0 ? .word : .cjkSuffix, bytes: start.byte..<end,
                utf16Range: start.utf16..<utf16End, position: position))
            position += 1
        }
    }
}
