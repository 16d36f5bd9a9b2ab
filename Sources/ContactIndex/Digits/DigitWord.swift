/// A word of digits that matches many contacts, kept materialized like a prefix: its fragments'
/// documents and, for a word of digits alone (`551`), also those of its text prefix.
struct DigitWord {
    /// What the word is found by.
    struct Key: Hashable {
        /// The text prefix also matched; empty for a word written with phone punctuation.
        var prefix: [UInt8]
        /// The digit strings searched as substrings.
        var fragments: [[UInt8]]
    }

    let key: Key
    let matches: MaterializedPrefix
}
