/// A rebuild's numbering of documents: the live ones, in static ranking order, numbered from 0.
struct Renumbering {
    /// The old number of each new document.
    let order: [UInt32]
    /// The new number of each old document, `UInt32.max` for one left out.
    private let numbers: [UInt32]

    /// The numbering that gives `order[n]` (an old number below `documents`) the number `n`.
    init(order: [UInt32], documents: Int) {
        var numbers = [UInt32](repeating: .max, count: documents)
        for (new, old) in order.enumerated() { numbers[Int(old)] = UInt32(new) }
        (self.order, self.numbers) = (order, numbers)
    }

    /// The new number of an old document; nil when it is left out (deleted or replaced before
    /// the numbering was made, or added after it).
    @inline(__always)
    func new(_ old: UInt32) -> UInt32? {
        let i = Int(old)
        guard i < numbers.count, numbers[i] != .max else { return nil }
        return numbers[i]
    }

    /// A `doc << 8 | byte` entry (a posting, a digit list's entry) with its document renumbered;
    /// nil when the document is left out.
    @inline(__always)
    func new(packed entry: UInt32) -> UInt32? {
        new(entry >> 8).map { $0 << 8 | entry & 0xFF }
    }
}

extension IndexState {
    /// What a rebuild reads of `source`'s documents before it renumbers them: their columns,
    /// copied a chunk at a time in `read` (the live index's read lock) from `start` (the
    /// table's `columnsToCopy`, taken as the rebuild began), and the live ones among them in
    /// static ranking order.
    static func rebuildOrder(
        of source: IndexState, from start: DocumentTable.Columns, chunk: Int = 65_536, read: (() -> Void) -> Void
    ) -> (columns: DocumentTable.Columns, order: [UInt32]) {
        var columns = start
        while columns.copied < columns.count { read { source.docs.copyColumns(into: &columns, limit: chunk) } }
        let live = DocumentTable.documents(alive: columns.alive, count: columns.count)
        return (columns, StaticOrder(rankedEnd: 0, lastChat: columns.lastChat, entries: columns.entries).sorted(live))
    }

    /// A state holding the live documents of `source` renumbered in static ranking order, with
    /// the keys they have there: their postings, digit lists and identity keys are carried over
    /// renumbered, and no contact is analyzed again (a rebuild under the same schema).
    ///
    /// `columns` are those `rebuildOrder` copied, and the renumbering numbers its order. The
    /// postings, the digit lists and the identity lookups are read from `source` itself, a
    /// chunk at a time in `read` (the live index's read lock), so that a write waits for one
    /// chunk at most and copies none of them: documents only ever join the lists, and the
    /// renumbering leaves out those that joined since; removals leave lookup entries in place
    /// once the rebuild has begun (`keepLookupEntries`), and a lookup that grows (moving its
    /// entries) is read again from its start. A hold reads about `chunk` postings, digit-list
    /// entries or lookup slots (a term counting as eight), or a sixteenth as many documents'
    /// digit strings.
    static func renumbered(
        _ source: IndexState, columns: DocumentTable.Columns, renumbering: Renumbering, schema: FieldSchema,
        termCount: Int, chunk: Int = 65_536, read: (() -> Void) -> Void
    ) -> IndexState {
        let (terms, postings) = renumberedTerms(source, termCount: termCount, renumbering, chunk: chunk, read: read)
        let digits = renumberedDigits(source, renumbering, chunk: chunk, read: read)
        let order = renumbering.order
        let image = IndexImage(
            region: source.phones.defaultRegion, terms: terms, postings: postings, digits: digits,
            docs: DocumentTable(renumbering: columns, order: order),
            emailLookup: renumberedLookup(source, phones: false, renumbering, chunk: chunk, read: read),
            phoneLookup: renumberedLookup(source, phones: true, renumbering, chunk: chunk, read: read), rankedEnd: UInt32(order.count))
        let state = IndexState(image: image, schema: schema, phones: source.phones, materializeThreshold: source.materializeThreshold)
        for part in 0..<Compaction.parts { state.compact(part: part) }
        state.compactTypoTrie()
        return state
    }

    /// The terms of `source` below `termCount` that a document the renumbering keeps has, with
    /// their postings renumbered.
    private static func renumberedTerms(
        _ source: IndexState, termCount: Int, _ renumbering: Renumbering, chunk: Int, read: (() -> Void) -> Void
    ) -> (TermDictionary, PostingLists) {
        var terms = TermDictionary(), postings = PostingLists()
        var keys: [UInt8] = [], keyEnds: [Int] = [], lists: [UInt32] = [], listEnds: [Int] = []
        var term = 0
        while term < termCount {
            keys.removeAll(keepingCapacity: true)
            keyEnds.removeAll(keepingCapacity: true)
            lists.removeAll(keepingCapacity: true)
            listEnds.removeAll(keepingCapacity: true)
            read {
                // Read once per hold: a class's properties read per term would each be checked
                // for exclusive access.
                let (sourcePostings, sourceTerms) = (source.postings, source.terms)
                // A term costs about as much as eight postings.
                var work = 0
                while term < termCount, work < chunk {
                    work += 8
                    let before = lists.count
                    sourcePostings.forEach(of: UInt32(term)) { posting in
                        work += 1
                        if let renumbered = renumbering.new(packed: posting) { lists.append(renumbered) }
                    }
                    if lists.count > before {
                        listEnds.append(lists.count)
                        sourceTerms.withKey(UInt32(term)) { keys.append(contentsOf: $0) }
                        keyEnds.append(keys.count)
                    }
                    term += 1
                }
            }
            var keyStart = 0
            forEachSortedRun(of: &lists, ends: listEnds) { k, list in
                let term = keys.withUnsafeBufferPointer { terms.intern(UnsafeBufferPointer(rebasing: $0[keyStart..<keyEnds[k]])) }
                precondition(Int(term) == postings.first.count, "each term is carried over once")
                postings.appendTerm(list)
                keyStart = keyEnds[k]
            }
        }
        terms.sortNewTerms()
        return (terms, postings)
    }

    /// The digit lists of `source` renumbered, and the digit strings of the documents the
    /// renumbering keeps, in its order.
    private static func renumberedDigits(
        _ source: IndexState, _ renumbering: Renumbering, chunk: Int, read: (() -> Void) -> Void
    ) -> DigitIndex {
        var digits = DigitIndex()
        var lists: [UInt32] = [], listEnds: [Int] = []
        var list = 0
        while list < DigitIndex.listCount {
            lists.removeAll(keepingCapacity: true)
            listEnds.removeAll(keepingCapacity: true)
            let first = list
            read {
                let sourceDigits = source.digits
                var entriesRead = 0
                while list < DigitIndex.listCount, entriesRead < chunk {
                    entriesRead += sourceDigits.appendRenumbered(list: list, renumbering, to: &lists)
                    listEnds.append(lists.count)
                    list += 1
                }
            }
            forEachSortedRun(of: &lists, ends: listEnds) { k, entries in
                if !entries.isEmpty { digits.setList(first + k, entries) }
            }
        }
        let order = renumbering.order
        let documentChunk = max(1, chunk / 16)
        for start in stride(from: 0, to: order.count, by: documentChunk) {
            read {
                let sourceDigits = source.digits
                for doc in order[start..<min(start + documentChunk, order.count)] { digits.appendStrings(copying: doc, from: sourceDigits) }
            }
        }
        return digits
    }

    /// An identity lookup of `source` (its phones' or its emails') renumbered, read again from
    /// its start whenever it has grown since the last chunk.
    private static func renumberedLookup(
        _ source: IndexState, phones: Bool, _ renumbering: Renumbering, chunk: Int, read: (() -> Void) -> Void
    ) -> IdentityIndex {
        var (entries, slotCount, next) = ([UInt64](), 0, 0)
        repeat {
            read {
                let lookups = source.identityLookups
                let table = phones ? lookups.phone : lookups.email
                if table.slotCount != slotCount { (entries, slotCount, next) = ([], table.slotCount, 0) }
                let end = min(next + chunk, slotCount)
                table.appendRenumbered(slots: next..<end, renumbering, to: &entries)
                next = end
            }
        } while next < slotCount
        return IdentityIndex(renumberedEntries: entries, slotCount: slotCount)
    }

    /// Sorts in place each run of `values` that `ends` delimits (each run's end, in order), and
    /// calls `body` with the run's index and the run. Through a buffer pointer: sorting a slice
    /// of the array copied the whole array per run in debug builds.
    private static func forEachSortedRun(of values: inout [UInt32], ends: [Int], _ body: (Int, UnsafeBufferPointer<UInt32>) -> Void) {
        values.withUnsafeMutableBufferPointer { values in
            var start = 0
            for (k, end) in ends.enumerated() {
                var run = UnsafeMutableBufferPointer(rebasing: values[start..<end])
                run.sort()
                body(k, UnsafeBufferPointer(run))
                start = end
            }
        }
    }
}
