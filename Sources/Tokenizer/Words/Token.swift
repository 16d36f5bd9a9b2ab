/// A searchable word found in a text, with where it came from.
public struct Token: Sendable, Hashable {
    /// What produced the token.
    public enum Kind: UInt8, Sendable {
        /// A word, or one part of a hyphenated or apostrophe name.
        case word = 0
        /// The parts of `Jean-Luc` or `O'Brien` written together: `jeanluc`, `obrien`.
        case joined = 1
        /// A key starting inside a run of Han, kana or Hangul (`太郎` inside `山田太郎`).
        case cjkSuffix = 2
    }

    /// What produced the token.
    public var kind: Kind
    /// The folded UTF-8 bytes of the token, as a range of `TokenizedText.folded`.
    public var bytes: Range<Int>
    /// Where the token stands in the original text, in UTF-16 code units.
    public var utf16Range: Range<Int>
    /// The ordinal of the word in the text (0 for the first word).
    public var position: Int

    /// Creates a token.
    public init(kind: Kind, bytes: Range<Int>, utf16Range: Range<Int>, position: Int) {
        self.kind = kind
        self.bytes = bytes
        self.utf16Range = utf16Range
        self.position = position
    }
}
