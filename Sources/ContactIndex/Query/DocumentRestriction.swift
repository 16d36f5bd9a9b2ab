/// Conditions on documents that the contact filters do not express: sorted lists of documents
/// that every hit belongs to, and a test of each hit's columns. Conversations use it for who may
/// see them and for their filters.
struct DocumentRestriction {
    /// Sorted document numbers; a hit is in every list.
    var lists: [ContiguousArray<UInt32>] = []
    /// A test every hit passes, when there is one.
    var test: ((UInt32) -> Bool)?

    /// Whether it lets every document through.
    var isEmpty: Bool { lists.isEmpty && test == nil }

    /// The position of the shortest list, which a search may walk instead of its words' matches.
    var shortest: Int? { lists.indices.min { lists[$0].count < lists[$1].count } }

    /// Whether `doc` is in every list, by binary search.
    func isMember(_ doc: UInt32) -> Bool {
        lists.allSatisfy { list in
            var cursor = 0
            return Self.find(doc, in: list, from: &cursor)
        }
    }

    /// Whether a sorted list holds `doc` at or after `cursor`, moving the cursor there (galloping).
    @inline(__always)
    static func find(_ doc: UInt32, in list: ContiguousArray<UInt32>, from cursor: inout Int) -> Bool {
        list.withUnsafeBufferPointer { buffer in
            let at = WordMatches.gallop(buffer, &cursor, to: doc)
            return at < buffer.count && buffer[at] == doc
        }
    }
}
