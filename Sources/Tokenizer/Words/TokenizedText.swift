/// The tokens of one text and the folded bytes they point into.
public struct TokenizedText: Sendable {
    /// Folded UTF-8 bytes of every word, one after the other.
    public internal(set) var folded: ContiguousArray<UInt8> = []
    /// The tokens, in the order of the text.
    public internal(set) var tokens: [Token] = []

    /// Creates an empty value, ready to be filled by `TextTokenizer.tokenize(_:into:)`.
    public init() {}

    /// The folded text of a token.
    public func string(of token: Token) -> String {
        folded.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[token.bytes]), as: UTF8.self)
        }
    }

    /// The folded texts of all tokens.
    public var strings: [String] { tokens.map(string(of:)) }

    mutating func removeAll() {
        folded.removeAll(keepingCapacity: true)
        tokens.removeAll(keepingCapacity: true)
    }
}
