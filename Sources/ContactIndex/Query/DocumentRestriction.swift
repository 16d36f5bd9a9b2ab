/// Conditions on documents that the contact filters do not express: sorted lists of documents
/// that every hit belongs to, and a test of each hit's columns. Conversations use it for who may
/// see them and for their filters.
struct DocumentRestriction {
    /// Sorted document numbers; a hit is in every list.
    var lists: [ContiguousArray<UInt32>] = []
    /// A test every hit passes.
    var test: (UInt32) -> Bool = { _ in true }

    /// The shortest list, which a search may walk instead of its words' matches.
    var shortest: ContiguousArray<UInt32>? { lists.min { $0.count < $1.count } }

    /// Whether `doc` is in every list (by binary search) and passes the test.
    func accepts(_ doc: UInt32) -> Bool {
        lists.allSatisfy { list in list.withUnsafeBufferPointer { Self.contains($0, doc) } } && test(doc)
    }

    /// Whether a sorted list holds `value`.
    static func contains(_ list: UnsafeBufferPointer<UInt32>, _ value: UInt32) -> Bool {
        var cursor = 0
        let at = WordMatches.gallop(list, &cursor, to: value)
        return at < list.count && list[at] == value
    }
}
