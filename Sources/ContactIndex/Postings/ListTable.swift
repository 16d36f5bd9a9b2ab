/// Lists of 32-bit entries (the postings' overflow lists, the digit index's n-gram lists) that
/// keep count of the bytes they hold as they change, so that a memory estimate (`STATS`) reads
/// one number instead of walking hundreds of thousands of lists under the index's lock.
struct ListTable {
    private(set) var lists: [ContiguousArray<UInt32>]
    /// Bytes held: each list's capacity of entries and a header's worth.
    private(set) var memoryBytes: Int

    /// Bytes a list holds, by its capacity.
    @inline(__always)
    private static func bytes(_ list: ContiguousArray<UInt32>) -> Int { list.capacity * 4 + 32 }

    /// `count` empty lists.
    init(count: Int = 0) {
        lists = Array(repeating: [], count: count)
        memoryBytes = 32 * count
    }

    /// Lists as given (a snapshot's).
    init(_ lists: [ContiguousArray<UInt32>]) {
        self.lists = lists
        memoryBytes = lists.reduce(0) { $0 + Self.bytes($1) }
    }

    /// Number of lists.
    var count: Int { lists.count }

    /// A list.
    @inline(__always)
    subscript(list: Int) -> ContiguousArray<UInt32> { lists[list] }

    /// Appends an entry to a list.
    @inline(__always)
    mutating func append(_ entry: UInt32, to list: Int) {
        let capacity = lists[list].capacity
        lists[list].append(entry)
        let grown = lists[list].capacity
        if grown != capacity { memoryBytes += (grown - capacity) * 4 }
    }

    /// Appends a list after the last.
    mutating func appendList(_ list: ContiguousArray<UInt32>) {
        memoryBytes += Self.bytes(list)
        lists.append(list)
    }

    /// Puts in a list's entries in place of its own.
    mutating func replace(_ list: Int, with entries: ContiguousArray<UInt32>) {
        memoryBytes += Self.bytes(entries) - Self.bytes(lists[list])
        lists[list] = entries
    }

    /// Lists this long keep a sixteenth spare when compacted or read back: the first append to
    /// one copies no list of thousands of entries (a common key's, 10 to 14 ms for one write's
    /// keys after a restart at a million contacts).
    static let longList = 1_024

    /// Gives back the spare capacity of the lists in `range`, but a sixteenth of the long ones.
    mutating func compact(_ range: Range<Int>) {
        for list in range {
            let entries = lists[list]
            replace(list, with: entries.count >= Self.longList ? entries.slightlySpareCopy() : entries.exactCapacityCopy())
        }
    }

    /// A copy whose table of lists is its own; each list stays shared until one side appends.
    func snapshotCopy() -> ListTable {
        var copy = self
        copy.lists = lists.snapshotCopy()
        return copy
    }

    /// Gives back the spare capacity of the table of lists itself.
    mutating func compactTable() {
        lists = lists.exactCapacityCopy()
    }
}
