/// How the word splitter treats a Unicode scalar.
public enum ScalarClass: UInt8, Sendable {
    /// White space, punctuation, symbols: ends a word.
    case separator = 0
    /// Letters, marks and digits of scripts that separate words with spaces.
    case word = 1
    /// Han, kana and Hangul: runs without spaces, where every position starts a key.
    case cjk = 2
    /// Hyphens and apostrophes: join two word parts (`Jean-Luc`, `O'Brien`).
    case joiner = 3
}
