import Tokenizer

/// A query read into words: each must match for a contact to be a hit.
struct QueryPlan {
    /// One word of a query.
    struct Word {
        /// Folded bytes matched as a prefix of keys; empty when the word is digits only to search
        /// as a substring.
        var prefix: [UInt8]
        /// Digit strings searched as substrings of phones and document numbers.
        var digitFragments: [[UInt8]]
    }

    var words: [Word] = []

    /// The plan of a query whose options are checked.
    /// - Throws: `ContactIndexError.badRequest` for options out of range or too many words.
    init(validating query: SearchQuery, phones: PhoneNormalizer) throws(ContactIndexError) {
        try query.validate()
        self.init(query.text, phones: phones)
        guard words.count <= SearchQuery.maximumWords else {
            throw .badRequest("a query has at most \(SearchQuery.maximumWords) words")
        }
    }

    init(_ text: String, phones: PhoneNormalizer) {
        let chunks = Self.chunks(text)
        let tokenizer = TextTokenizer(mode: .query)
        var start = 0
        while start < chunks.count {
            // Phone chunks side by side (`51 9`, `(11) 98765-4321`) are one number being typed.
            var end = start
            while end < chunks.count && Self.isPhoneChunk(chunks[end]) { end += 1 }
            if end - start > 1, let word = Self.phoneWord(chunks[start..<end].joined(separator: " "), phones) {
                words.append(word)
                start = end
                continue
            }
            addWords(of: chunks[start], tokenizer, phones)
            start += 1
        }
    }

    /// The one word of several phone chunks: their digits searched as a substring in every
    /// reading of the fragment, or, too few for that (`+7 9`, `6 1`), as one word prefix; nil
    /// when they hold no digit.
    private static func phoneWord(_ text: String, _ phones: PhoneNormalizer) -> Word? {
        let digits = PhoneDigits.typedDigits(of: text)
        if digits.utf8.count >= PhoneDigits.minimumFragment { return Word(prefix: [], digitFragments: fragments(text, phones)) }
        return digits.isEmpty ? nil : Word(prefix: Array(digits.utf8), digitFragments: [])
    }

    /// Adds the words of one chunk of a query.
    private mutating func addWords(of chunk: String, _ tokenizer: TextTokenizer, _ phones: PhoneNormalizer) {
        if chunk.utf8.contains(UInt8(ascii: "@")) {
            let folded = Array(TextFolding.fold(chunk).utf8)
            words.append(Word(prefix: folded, digitFragments: []))
            return
        }
        if Self.isPhoneChunk(chunk), case let digits = PhoneDigits.typedDigits(of: chunk),
           digits.utf8.count >= PhoneDigits.minimumFragment
        {
            let onlyDigits = chunk.utf8.allSatisfy(Self.isDigit)
            words.append(Word(prefix: onlyDigits ? Array(digits.utf8) : [], digitFragments: Self.fragments(chunk, phones)))
            return
        }
        if Self.isHandle(chunk) {
            words.append(Word(prefix: Array(TextFolding.fold(chunk).utf8), digitFragments: []))
            return
        }
        let tokens = tokenizer.tokenize(chunk)
        for token in tokens.tokens {
            words.append(Word(prefix: Array(tokens.folded[token.bytes]), digitFragments: []))
        }
    }

    /// Whether a chunk is written like an email's local part or a handle (`maria.s`, `ana_b`,
    /// `joao+`): a `.`, `_` or `+` between letters or digits. Such a chunk is one word matched as
    /// a prefix of whole addresses and usernames.
    static func isHandle(_ chunk: String) -> Bool {
        var (before, middle): (Unicode.Scalar?, Unicode.Scalar?) = (nil, nil)
        for after in chunk.unicodeScalars {
            if let before, let middle, middle == "." || middle == "_" || middle == "+", isWordScalar(before), isWordScalar(after) {
                return true
            }
            (before, middle) = (middle, after)
        }
        return false
    }

    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        TextFolding.scalarClass(scalar) == .word
    }

    /// The query split at white space; an ASCII query is split on its bytes.
    private static func chunks(_ text: String) -> [String] {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else {
            return text.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        }
        return text.utf8.split(whereSeparator: { $0 == 0x20 || $0 &- 0x09 < 5 }).map { String(decoding: $0, as: UTF8.self) }
    }

    @inline(__always)
    private static func isDigit(_ b: UInt8) -> Bool { b &- UInt8(ascii: "0") < 10 }

    /// Whether a chunk holds only digits and the characters a phone number is written with
    /// (`+-.()/` and space).
    private static func isPhoneChunk(_ chunk: String) -> Bool {
        chunk.utf8.allSatisfy { isDigit($0) || "+-.()/ ".utf8.contains($0) }
    }

    private static func fragments(_ text: String, _ phones: PhoneNormalizer) -> [[UInt8]] {
        PhoneFragment(text, normalizer: phones).digitVariants.map { Array($0.utf8) }
    }
}
