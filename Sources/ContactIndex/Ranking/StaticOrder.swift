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
        self.init(rankedEnd: rankedEnd, lastChat: docs.lastChat, entries: docs.entries)
    }

    /// The order of a document table's column of last chats and its entries.
    init(rankedEnd: UInt32, lastChat: ContiguousArray<Int64>, entries: StoredEntries) {
        self.rankedEnd = rankedEnd
        (self.lastChat, self.entries) = (lastChat, entries)
    }

    /// Whether document `a` comes before `b`.
    @inline(__always)
    func before(_ a: UInt32, _ b: UInt32) -> Bool {
        a < rankedEnd && b < rankedEnd ? a < b : columnsBefore(a, b)
    }

    /// Whether `a` comes before `b` by their last chats, names and ids alone.
    func columnsBefore(_ a: UInt32, _ b: UInt32) -> Bool {
        precedes(a, lastChat[Int(a)], b, lastChat[Int(b)]) { entries.compareNames(a, b) }
    }

    /// Documents sorted in this order by their last chats, names and ids: each name is read from
    /// its entry once, not at every comparison.
    func sorted(_ documents: [UInt32]) -> [UInt32] {
        guard documents.count > 1 else { return documents }
        let keyed = documents.map { (lastChat: lastChat[Int($0)], name: entries.name($0), doc: $0) }
        return keyed.sorted { a, b in
            precedes(a.doc, a.lastChat, b.doc, b.lastChat) {
                a.name.withUnsafeBufferPointer { x in b.name.withUnsafeBufferPointer { y in ByteOrder.compare(x, y) } }
            }
        }.map(\.doc)
    }

    /// The order itself, given two documents' last chats and the order of their names (asked
    /// only when the last chats are equal); ids decide between equal names.
    @inline(__always)
    private func precedes(_ a: UInt32, _ lastChatA: Int64, _ b: UInt32, _ lastChatB: Int64, byName: () -> Int) -> Bool {
        if lastChatA != lastChatB { return lastChatA > lastChatB }
        let order = byName()
        return order != 0 ? order < 0 : entries.compareIDs(a, b) < 0
    }
}
