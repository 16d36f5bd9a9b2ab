/// The typo pass's words of recent searches, with their documents as bits: as an agent types the
/// next word of a name, the words already typed keep their expansions (a trie walk and the
/// parts it finds, a third of a typo keystroke) from one keystroke to the next. Adding a
/// document empties it (before the index changes, so that no entry keeps a copy of a tier map
/// the write would otherwise make); a deleted document needs nothing, since every search keeps
/// only live documents.
final class TypoWordCache: @unchecked Sendable {
    struct Key: Hashable {
        let prefix: [UInt8]
        let edits: Int
        let fieldMask: UInt8
    }

    /// A query word's parts, the bitmap of the documents they match, and the key prefixes the
    /// word matched with typos (for highlights). A class: the cache hands it out and sorts its
    /// entries by use without copying the parts' arrays.
    final class Entry: Sendable {
        let word: TypoWord
        let bitmap: DocumentBitmap
        let prefixes: [[UInt8]]
        /// Bytes held apart from the index's own structures, roughly.
        let memoryBytes: Int

        init(word: TypoWord, bitmap: DocumentBitmap, prefixes: [[UInt8]]) {
            self.word = word
            self.bitmap = bitmap
            self.prefixes = prefixes
            memoryBytes = bitmap.words.count * 8 + word.postings.count * 8 + word.lists.reduce(0) { $0 + $1.entries.count * 4 }
                + prefixes.reduce(0) { $0 + $1.count + 32 }
        }
    }

    /// Most entries kept, and most bytes they hold.
    let capacity: Int
    let byteBudget: Int
    private let lock = Lock()
    private var entries: [Key: (entry: Entry, used: UInt64)] = [:]
    private var clock: UInt64 = 0
    private var bytes = 0

    init(capacity: Int = 64, byteBudget: Int = 64 << 20) {
        self.capacity = capacity
        self.byteBudget = byteBudget
    }

    /// The entry for a key, if kept.
    func entry(_ key: Key) -> Entry? {
        lock.withLock {
            guard let found = entries[key] else { return nil }
            clock += 1
            entries[key]?.used = clock
            return found.entry
        }
    }

    /// Keeps an entry, evicting the least recently used ones to make room.
    func keep(_ entry: Entry, for key: Key) {
        let size = entry.memoryBytes
        guard size <= byteBudget / 4 else { return }
        lock.withLock {
            if let old = entries.removeValue(forKey: key) { bytes -= old.entry.memoryBytes }
            while !entries.isEmpty && (entries.count >= capacity || bytes + size > byteBudget) {
                let oldest = entries.min { $0.value.used < $1.value.used }!
                bytes -= oldest.value.entry.memoryBytes
                entries.removeValue(forKey: oldest.key)
            }
            clock += 1
            entries[key] = (entry, clock)
            bytes += size
        }
    }

    /// Drops every entry.
    func removeAll() {
        lock.withLock {
            entries.removeAll()
            bytes = 0
        }
    }

    /// Bytes held, for memory estimates.
    var memoryBytes: Int { lock.withLock { bytes } }
}
