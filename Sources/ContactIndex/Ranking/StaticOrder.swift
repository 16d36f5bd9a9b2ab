/// The order of documents whose rank keys are equal: most recent `lastChat` first, then name,
/// then id, names and ids compared by their UTF-8 bytes. Documents of the ranked part are
/// numbered in that order, so two of them compare by number without reading their columns.
/// Holds only what it reads (the columns of last chats and names, and the stored entries, where
/// ids are read), so that copies (a heap keeps one) stay cheap.
struct StaticOrder {
    /// Documents below this number are numbered in the static order.
    let rankedEnd: UInt32
    private let lastChat: ContiguousArray<Int64>
    private let names: StringColumn
    private let entries: StoredEntries

    init(rankedEnd: UInt32, docs: DocumentTable) {
        self.rankedEnd = rankedEnd
        (lastChat, names, entries) = (docs.lastChat, docs.names, docs.entries)
    }

    /// Whether document `a` comes before `b`.
    @inline(__always)
    func before(_ a: UInt32, _ b: UInt32) -> Bool {
        a < rankedEnd && b < rankedEnd ? a < b : columnsBefore(a, b)
    }

    /// Whether `a` comes before `b` by their columns alone.
    func columnsBefore(_ a: UInt32, _ b: UInt32) -> Bool {
        let la = lastChat[Int(a)], lb = lastChat[Int(b)]
        if la != lb { return la > lb }
        let byName = names.compare(Int(a), Int(b))
        return byName != 0 ? byName < 0 : entries.compareIDs(a, b) < 0
    }
}
