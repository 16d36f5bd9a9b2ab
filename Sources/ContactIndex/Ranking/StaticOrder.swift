/// The order of documents whose rank keys are equal: most recent `lastChat` first, then name,
/// then id, names and ids compared by their UTF-8 bytes. Documents of the ranked part are
/// numbered in that order, so two of them compare by number without reading their entries.
/// Holds only what it reads (the column of last chats, and the stored entries, where names and
/// ids are read), so that copies (a heap keeps one) stay cheap.
struct StaticOrder {
    /// Documents below this number are numbered in the static order.
    let rankedEnd: UInt32
    private let lastChat: ContiguousArray<Int64>
    private let entries: StoredEntries

    init(rankedEnd: UInt32, docs: DocumentTable) {
        self.rankedEnd = rankedEnd
        (lastChat, entries) = (docs.lastChat, docs.entries)
    }

    /// Whether document `a` comes before `b`.
    @inline(__always)
    func before(_ a: UInt32, _ b: UInt32) -> Bool {
        a < rankedEnd && b < rankedEnd ? a < b : columnsBefore(a, b)
    }

    /// Whether `a` comes before `b` by their last chats, names and ids alone.
    func columnsBefore(_ a: UInt32, _ b: UInt32) -> Bool {
        let la = lastChat[Int(a)], lb = lastChat[Int(b)]
        if la != lb { return la > lb }
        let byName = entries.compareNames(a, b)
        return byName != 0 ? byName < 0 : entries.compareIDs(a, b) < 0
    }

    /// Documents sorted in this order by their last chats, names and ids: each name is read from
    /// its entry once, not at every comparison.
    func sorted(_ documents: [UInt32]) -> [UInt32] {
        guard documents.count > 1 else { return documents }
        let keyed = documents.map { (lastChat: lastChat[Int($0)], name: entries.name($0), doc: $0) }
        return keyed.sorted { a, b in
            if a.lastChat != b.lastChat { return a.lastChat > b.lastChat }
            let byName = a.name.withUnsafeBufferPointer { x in b.name.withUnsafeBufferPointer { y in ByteOrder.compare(x, y) } }
            return byName != 0 ? byName < 0 : entries.compareIDs(a.doc, b.doc) < 0
        }.map(\.doc)
    }
}
