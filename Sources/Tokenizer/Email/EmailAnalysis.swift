/// What the normalizer makes of an email value, and the keys that make it searchable.
public struct EmailAnalysis: Sendable, Hashable {
    /// A search key with where it stands in the input.
    public struct Key: Sendable, Hashable {
        /// The folded key.
        public var text: String
        /// Its range in the input, in UTF-16 code units.
        public var utf16Range: Range<Int>
        /// Its ordinal among the address's words.
        public var position: Int
    }

    /// The text as given.
    public var input: String
    /// The identity key (`ana@xn--mnchen-3ya.de`), nil when the address is not valid.
    public var key: String?
    /// Why the address is not valid, nil when it is.
    public var error: EmailError?
    /// Search keys: the whole address, each part of the local part, the domain and its labels.
    public var searchKeys: [Key]

    /// The texts of the search keys, without repeats.
    public var keys: [String] {
        var seen = Set<String>()
        return searchKeys.map(\.text).filter { seen.insert($0).inserted }
    }
}
