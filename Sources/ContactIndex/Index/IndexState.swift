import Tokenizer

/// The whole mutable index: documents, terms, postings, digit n-grams, identity lookups and
/// materialized prefixes. Not thread-safe by itself: `ContactIndex` guards it with a
/// readers-writer lock (writers exclusive); the materialized-prefix cache, which searches fill,
/// has its own lock.
final class IndexState: @unchecked Sendable {
    /// The custom field schema; only labels change in place, searchability needs a rebuild.
    var schema: FieldSchema {
        didSet { highlightedFields = Highlighter.searchableFields(of: schema) }
    }
    /// The searchable custom fields as highlights name them.
    private(set) var highlightedFields: Highlighter.SearchableFields
    let phones: PhoneNormalizer
    private(set) var terms = TermDictionary()
    private(set) var postings = PostingLists()
    private(set) var digits = DigitIndex()
    private(set) var docs = DocumentTable()
    private var emailLookup = IdentityIndex()
    private var phoneLookup = IdentityIndex()
    /// Whether removals leave their identity-lookup entries in place: a rebuild reads the
    /// lookups a chunk at a time, and a removal would move entries between its chunks. A lookup
    /// checks each document it finds, so a removed contact's entry is never given back.
    private var keepsLookupEntries = false
    /// Documents below this number are numbered in static ranking order (most recent first).
    private(set) var rankedEnd: UInt32 = 0
    /// The typo pass's recent words.
    let typoWordCache = TypoWordCache()

    private let cacheLock = Lock()
    private var prefixes: [MaterializedPrefix] = []
    private var prefixByKey: [[UInt8]: Int32] = [:]
    private var maximumMaterializedLength = 0
    /// For each term, its longest materialized prefix, or -1.
    private var longest: ContiguousArray<Int32> = []
    /// Materialized words with this many documents keep a tier per document: one in sixteen.
    var denseThreshold: Int { max(materializeThreshold, docs.count / 16) }
    /// Digit words (a fragment's readings) that match many documents, kept like prefixes.
    private var digitWords: [DigitWord] = []
    private var digitWordByKey: [DigitWord.Key: Int] = [:]
    /// A prefix whose range holds more postings than this (or a digit word that many documents)
    /// is materialized on first use.
    let materializeThreshold: Int

    init(schema: FieldSchema, phones: PhoneNormalizer, materializeThreshold: Int = 2048) {
        self.schema = schema
        highlightedFields = Highlighter.searchableFields(of: schema)
        self.phones = phones
        self.materializeThreshold = materializeThreshold
    }

    /// Rebuilds an index from a snapshot's image, without analyzing contacts.
    init(image: IndexImage, schema: FieldSchema, phones: PhoneNormalizer, materializeThreshold: Int = 2048) {
        self.schema = schema
        highlightedFields = Highlighter.searchableFields(of: schema)
        self.phones = phones
        self.materializeThreshold = materializeThreshold
        terms = image.terms
        postings = image.postings
        digits = image.digits
        docs = image.docs
        emailLookup = image.emailLookup
        phoneLookup = image.phoneLookup
        rankedEnd = image.rankedEnd
    }

    /// The identity lookups, shared copy-on-write.
    var identityLookups: (email: IdentityIndex, phone: IdentityIndex) { (emailLookup, phoneLookup) }

    /// Leaves removed contacts' identity-lookup entries in place from now on (a rebuild's start,
    /// under the write lock; the state is replaced when the rebuild ends).
    func keepLookupEntries() {
        keepsLookupEntries = true
    }

    /// The index's structures, shared copy-on-write.
    var image: IndexImage {
        IndexImage(
            region: phones.defaultRegion, terms: terms, postings: postings, digits: digits, docs: docs,
            emailLookup: emailLookup, phoneLookup: phoneLookup, rankedEnd: rankedEnd)
    }

    // MARK: Writing

    /// Adds or replaces a contact; true when it was new.
    @discardableResult
    func upsert(_ contact: Contact) -> Bool {
        let existed = remove(id: contact.id)
        append(contact)
        terms.sortNewTerms()
        return !existed
    }

    /// Adds or replaces prepared contacts in order, as `upsert` one by one would; for each, true
    /// when it was new (a contact given twice is new the first time only).
    func upsert(_ contacts: [PreparedContact], preparedWith schema: FieldSchema) -> [Bool] {
        let sameSchema = schema == self.schema
        let created = contacts.map { prepared in
            let existed = remove(id: prepared.contact.id)
            append(prepared, sameSchema: sameSchema)
            return !existed
        }
        terms.sortNewTerms()
        return created
    }

    /// Adds contacts sorted in static ranking order; they extend the ranked part when they all
    /// rank after it.
    func appendRanked(_ contacts: [Contact]) {
        let (schema, phones) = (schema, phones)
        appendRanked(count: contacts.count) { PreparedContact(contacts[$0], schema: schema, phones: phones) }
    }

    /// `appendRanked(_:)` of `prepare(0)` to `prepare(count - 1)`, prepared under this state's
    /// schema a batch at a time on another thread while the batch before is appended.
    func appendRanked(count: Int, _ prepare: @escaping @Sendable (Int) -> PreparedContact) {
        PreparedContact.forEachBatch(count: count, size: 1024, prepare) { appendRanked($0, preparedWith: schema) }
    }

    /// `appendRanked(_:)` of contacts prepared under `schema` (their keys are made again when the
    /// schema has changed since).
    func appendRanked(_ contacts: [PreparedContact], preparedWith schema: FieldSchema) {
        let start = UInt32(docs.count)
        var ranked = rankedEnd == start
        let sameSchema = schema == self.schema
        for prepared in contacts {
            if docs.document(id: prepared.contact.id) != nil { _ = remove(id: prepared.contact.id) }
            append(prepared, sameSchema: sameSchema)
        }
        terms.sortNewTerms()
        if ranked, start > 0, start < UInt32(docs.count) {
            ranked = StaticOrder(rankedEnd: 0, docs: docs).columnsBefore(start - 1, start)
        }
        if ranked { rankedEnd = UInt32(docs.count) }
    }

    /// Gives back the spare capacity of one part of the postings and digit lists (see
    /// `Compaction`), after a bulk load; the last part also compacts the terms' columns (keeping
    /// a little room for the writes that follow).
    func compact(part: Int) {
        postings.compact(part: part)
        digits.compact(part: part)
        if part == Compaction.parts - 1 {
            terms.compact()
            longest = longest.slightlySpareCopy()
        }
    }

    /// Lays the typo trie out again for the walk, in a state not yet shared (a rebuild's).
    func compactTypoTrie() {
        terms.compactTypoTrie()
    }

    /// Puts in a typo trie compacted from this state's own at `termCount` terms, unless keys
    /// joined since.
    func replaceTypoTrie(with compacted: TypoTrie, madeAtTermCount termCount: Int) {
        terms.replaceTypoTrie(with: compacted, madeAtTermCount: termCount)
    }

    private func append(_ contact: Contact) {
        append(contact, entry: StoredEntries.entry(of: contact), keys: keys(of: contact))
    }

    /// Appends a prepared contact; its keys are made again unless it was prepared under this
    /// state's schema.
    private func append(_ prepared: PreparedContact, sameSchema: Bool) {
        append(prepared.contact, entry: prepared.entry, keys: sameSchema ? prepared.keys : keys(of: prepared.contact))
    }

    /// A contact's keys under the schema.
    private func keys(of contact: Contact) -> ContactKeys {
        ContactKeys(contact, schema: schema, phones: phones)
    }

    /// Appends a contact with its stored entry and keys made.
    private func append(_ contact: Contact, entry: [UInt8], keys: ContactKeys) {
        typoWordCache.removeAll()
        let doc = docs.append(contact, entry: entry)
        precondition(Int(doc) <= PostingLists.maximumDocument, "the index holds at most 16 million document numbers")
        var termInfos: [(term: UInt32, info: KeyInfo)] = []
        termInfos.reserveCapacity(keys.keys.count)
        keys.bytes.withUnsafeBufferPointer { buffer in
            for (range, info) in keys.keys {
                termInfos.append((terms.intern(UnsafeBufferPointer(rebasing: buffer[range])), info))
            }
        }
        termInfos.sort { $0.term != $1.term ? $0.term < $1.term : $0.info < $1.info }
        var previous = UInt32.max
        var best: [Int32: UInt8] = [:]
        if prefixByKey.isEmpty {
            padLongest()
        } else {
            while longest.count < terms.count { longest.append(longestMaterializedPrefix(of: UInt32(longest.count))) }
        }
        var docPostings: [(term: UInt32, posting: UInt32)] = []
        docPostings.reserveCapacity(termInfos.count)
        for (term, info) in termInfos where term != previous {
            previous = term
            docPostings.append((term, PostingLists.pack(doc: doc, info: info)))
            forEachMaterialized(of: term, info: info) { m, tier in best[m] = min(best[m] ?? UInt8.max, tier) }
        }
        postings.append(docPostings)
        for (m, tier) in best { prefixes[Int(m)].append(doc: doc, tier: tier) }
        digits.add(doc: doc, keys.digits)
        for word in digitWords {
            if let tier = tier(of: word.key, keys) { word.matches.append(doc: doc, tier: tier) }
        }
        for key in keys.emailKeys { emailLookup.insert(key, doc) }
        for e164 in keys.e164s { phoneLookup.insert(e164, doc) }
    }

    /// Gives the terms past the end of `longest` no materialized prefix, in one append: after a
    /// restart the table is empty until a prefix is materialized, and filling it one term at a
    /// time (each access checked for exclusivity) took 30 ms for 1.5 million terms.
    private func padLongest() {
        longest.append(contentsOf: repeatElement(-1, count: max(0, terms.count - longest.count)))
    }

    /// The longest materialized prefix of a new term's key, or -1.
    private func longestMaterializedPrefix(of term: UInt32) -> Int32 {
        terms.withKey(term) { longestMaterializedPrefix(of: $0, upTo: $0.count) }
    }

    /// The longest materialized prefix of `key` at most `limit` bytes long, or -1.
    private func longestMaterializedPrefix(of key: some Collection<UInt8>, upTo limit: Int) -> Int32 {
        for length in stride(from: min(limit, maximumMaterializedLength), to: 0, by: -1) {
            if let m = prefixByKey[Array(key.prefix(length))] { return m }
        }
        return -1
    }

    /// Whether a query word matches a key as a whole word: the same length, and more than one
    /// byte (a lone letter or digit, like the `S` of `Umbrella S.A.`, is only ever a prefix).
    static func isWholeWord(keyLength: Int, wordLength: Int) -> Bool {
        keyLength == wordLength && wordLength > 1
    }

    /// The tier of a key in a word that prefixes it: whole-word or prefix, then the key's field
    /// and position.
    static func tier(_ info: KeyInfo, keyLength: Int, wordLength: Int) -> UInt8 {
        (isWholeWord(keyLength: keyLength, wordLength: wordLength) ? 0 : UInt8(WordMatches.prefixBit)) | info.raw
    }

    /// Calls `body` with each materialized prefix of a term and the term's tier in it.
    private func forEachMaterialized(of term: UInt32, info: KeyInfo, _ body: (Int32, UInt8) -> Void) {
        var m = Int(term) < longest.count ? longest[Int(term)] : -1
        let length = terms.length(term)
        while m >= 0 {
            let prefix = prefixes[Int(m)]
            body(m, Self.tier(info, keyLength: length, wordLength: prefix.key.count))
            m = prefix.parent
        }
    }

    /// Deletes a contact; true when it existed.
    @discardableResult
    func remove(id: String) -> Bool {
        guard let doc = docs.document(id: id) else { return false }
        // The old keys, read from the stored values without parsing the whole JSON.
        let keys = docs.withFields(doc) { json, record in
            json.withUnsafeBufferPointer { ContactKeys(stored: $0, record: record, schema: schema, phones: phones) }
        }
        docs.kill(doc)
        var best: [Int32: UInt8] = [:]
        keys.bytes.withUnsafeBufferPointer { buffer in
            for (range, info) in keys.keys {
                guard let term = terms.find(UnsafeBufferPointer(rebasing: buffer[range])) else { continue }
                forEachMaterialized(of: term, info: info) { m, tier in best[m] = min(best[m] ?? UInt8.max, tier) }
            }
        }
        for (m, tier) in best { prefixes[Int(m)].kill(tier: tier) }
        for word in digitWords {
            if let tier = tier(of: word.key, keys) { word.matches.kill(tier: tier) }
        }
        if !keepsLookupEntries {
            for key in keys.emailKeys { emailLookup.remove(key, doc) }
            for e164 in keys.e164s { phoneLookup.remove(e164, doc) }
        }
        return true
    }

    // MARK: Reading

    /// The document number of a live id.
    func document(id: String) -> UInt32? { docs.document(id: id) }

    /// The stored JSON of a contact.
    func json(id: String) -> [UInt8]? {
        guard let doc = docs.document(id: id) else { return nil }
        return docs.json(doc)
    }

    /// Ids of the contacts with an email whose identity key is `key`, in static ranking order.
    func ids(emailKey key: String) -> [String] {
        ranked(emailLookup.candidates(key).filter { doc in
            docs.isAlive(doc) && docs.contact(doc).emails.contains { (try? EmailNormalizer.normalize($0).get()) == key }
        })
    }

    /// Ids of the contacts with a phone whose E.164 form is `e164`, in static ranking order.
    func ids(e164: String) -> [String] {
        ranked(phoneLookup.candidates(e164).filter { doc in
            docs.isAlive(doc) && docs.contact(doc).phones.contains { (try? phones.parse($0).get())?.e164 == e164 }
        })
    }

    /// The ids of documents in static ranking order (the most recent last chat first), whatever
    /// order a lookup's slots found them in.
    private func ranked(_ found: [UInt32]) -> [String] {
        StaticOrder(rankedEnd: 0, docs: docs).sorted(found).map(docs.id)
    }

    /// Documents written since the last ranking or deleted, and all documents.
    var staleDocuments: (count: Int, documents: Int) {
        (docs.count - Int(rankedEnd) + docs.count - docs.aliveCount, docs.count)
    }

    /// Number of distinct keys.
    var keyCount: Int { terms.count }

    /// An estimate of the bytes held.
    var memoryBytes: Int {
        let cached = cacheLock.withLock {
            prefixes.reduce(0) { $0 + $1.memoryBytes } + digitWords.reduce(0) { $0 + $1.matches.memoryBytes } + longest.capacity * 4
        }
        return terms.memoryBytes + postings.memoryBytes + digits.memoryBytes + docs.memoryBytes + cached
            + emailLookup.memoryBytes + phoneLookup.memoryBytes + typoWordCache.memoryBytes
    }

    // MARK: Prefixes

    /// The materialized prefix for a key, building it when its range is large; else nil.
    func materialized(_ prefix: [UInt8]) -> MaterializedPrefix? {
        var unused: [Int32] = []
        return materialized(prefix, readingPostings: false, typoSubtree: nil, stack: &unused) { _ in }
    }

    /// The materialized prefix for the path of a subtree of the typo trie, building it when its
    /// range is large; else nil, and `body` has been called with each posting of the range
    /// (`doc << 8 | tier`, maybe several per document). The postings are read from the trie's
    /// nodes when the subtree holds every key of the range (`TypoTrie.termsUnder`), which saves
    /// the two searches of the sorted keys that find the range, a few microseconds of cache
    /// misses, for each of the tens of subtrees a typo pass may read; else from the range, in
    /// the same walk that counted them. `stack` is scratch space for the trie's walk, kept by the
    /// caller across the subtrees of a typo pass.
    func materialized(
        _ prefix: [UInt8], typoSubtree node: Int32, stack: inout [Int32], orEachPosting body: (UInt32) -> Void
    ) -> MaterializedPrefix? {
        materialized(prefix, readingPostings: true, typoSubtree: node, stack: &stack, body)
    }

    /// The two above in one. `body` does not escape (an optional closure would): a caller's
    /// variables it captures are not checked for exclusive access at run time at every posting.
    private func materialized(
        _ prefix: [UInt8], readingPostings: Bool, typoSubtree node: Int32?, stack: inout [Int32], _ body: (UInt32) -> Void
    ) -> MaterializedPrefix? {
        if let cached = cacheLock.withLock({ prefixByKey[prefix].map { prefixes[Int($0)] } }) { return cached }
        let (terms, postings) = (terms, postings)  // one copy each, not one per term
        var range: [UInt32] = []
        if let node, smallTypoSubtree(node, path: prefix, terms, postings, into: &range, stack: &stack) {
            forEachPosting(ofTerms: range, prefixLength: prefix.count, terms, postings, body)
            return nil
        }
        var total = 0
        range.removeAll(keepingCapacity: true)
        prefix.withUnsafeBufferPointer { p in
            terms.forEachTerm(withPrefix: p) { term in
                total += postings.count(of: term)
                if readingPostings { range.append(term) }
                return total <= materializeThreshold
            }
        }
        guard total > materializeThreshold else {
            forEachPosting(ofTerms: range, prefixLength: prefix.count, terms, postings, body)
            return nil
        }
        return materialize(prefix)
    }

    /// Whether a subtree of the typo trie holds every key of its path's range and they have at
    /// most `materializeThreshold` postings; `found` holds their terms then.
    private func smallTypoSubtree(
        _ node: Int32, path: [UInt8], _ terms: TermDictionary, _ postings: PostingLists, into found: inout [UInt32],
        stack: inout [Int32]
    ) -> Bool {
        guard path.withUnsafeBufferPointer(TypoTrie.isWordPath),
              terms.typoTrie.termsUnder(node, limit: materializeThreshold, into: &found, stack: &stack)
        else { return false }
        var total = 0
        for term in found { total += postings.count(of: term) }
        return total <= materializeThreshold
    }

    /// Calls `body` with each posting of some terms whose keys start with a prefix, with the
    /// prefix bit unless the key is the prefix as a whole word.
    private func forEachPosting(
        ofTerms range: [UInt32], prefixLength: Int, _ terms: TermDictionary, _ postings: PostingLists, _ body: (UInt32) -> Void
    ) {
        for term in range {
            let exact: UInt32 = Self.isWholeWord(keyLength: terms.length(term), wordLength: prefixLength) ? 0 : WordMatches.prefixBit
            postings.forEach(of: term) { body($0 | exact) }
        }
    }

    /// Builds the materialized prefix for a key and caches it, unless another search just did.
    private func materialize(_ prefix: [UInt8]) -> MaterializedPrefix {
        let entries = rangeMatches(prefix, fieldMask: WordMatches.allFields)
        let built = MaterializedPrefix(
            key: prefix, entries: entries, documentCount: docs.count, denseAbove: denseThreshold, isAlive: docs.isAlive)
        return cacheLock.withLock {
            if let m = prefixByKey[prefix] { return prefixes[Int(m)] }
            let m = Int32(prefixes.count)
            built.parent = longestMaterializedPrefix(of: prefix, upTo: prefix.count - 1)
            for other in prefixes where other.key.count > prefix.count && other.key.starts(with: prefix) {
                if other.parent < 0 || prefixes[Int(other.parent)].key.count < prefix.count { other.parent = m }
            }
            prefixes.append(built)
            prefixByKey[prefix] = m
            maximumMaterializedLength = max(maximumMaterializedLength, prefix.count)
            padLongest()
            // The prefixes' lengths and the table in local copies: a class's properties read in
            // the loop would each be checked for exclusive access, per term.
            let lengths = prefixes.map { $0.key.count }
            let terms = terms
            var table = longest
            longest = []
            table.withUnsafeMutableBufferPointer { table in
                prefix.withUnsafeBufferPointer { p in
                    terms.forEachRun(withPrefix: p) { run in
                        for term in run {
                            let current = table[Int(term)]
                            if current < 0 || lengths[Int(current)] < prefix.count { table[Int(term)] = m }
                        }
                        return true
                    }
                }
            }
            longest = table
            return built
        }
    }

    /// The documents whose digits hold one of the fragments, or that have a key starting with
    /// `prefix` when it is not empty (a word of digits alone is both), and their materialized
    /// form when they are many (`+55 11` matches a good part of a Brazilian contact base).
    func digitMatches(_ fragments: [[UInt8]], prefix: [UInt8] = []) -> (entries: [UInt32], materialized: MaterializedPrefix?) {
        let key = DigitWord.Key(prefix: prefix, fragments: fragments)
        if let cached = cacheLock.withLock({ digitWordByKey[key].map { digitWords[$0].matches } }) {
            return (cached.entries, cached)
        }
        var entries = digits.matches(fragments, fieldMask: WordMatches.allFields)
        if !prefix.isEmpty { entries = WordMatches.union(rangeMatches(prefix, fieldMask: WordMatches.allFields), entries) }
        guard entries.count > materializeThreshold else { return (entries, nil) }
        let built = MaterializedPrefix(
            key: prefix + [UInt8(ascii: "|")] + Array(fragments.joined(separator: [UInt8(ascii: "|")])), entries: entries,
            documentCount: docs.count, denseAbove: denseThreshold, isAlive: docs.isAlive)
        return cacheLock.withLock {
            if let index = digitWordByKey[key] { return (digitWords[index].matches.entries, digitWords[index].matches) }
            digitWordByKey[key] = digitWords.count
            digitWords.append(DigitWord(key: key, matches: built))
            return (entries, built)
        }
    }

    /// The best tier of a contact's keys in a digit word, or nil when the word does not match it.
    private func tier(of word: DigitWord.Key, _ keys: ContactKeys) -> UInt8? {
        var best = Self.digitTier(keys.digits, word.fragments)
        guard !word.prefix.isEmpty else { return best }
        keys.bytes.withUnsafeBufferPointer { buffer in
            for (range, info) in keys.keys where range.count >= word.prefix.count {
                guard buffer[range].starts(with: word.prefix) else { continue }
                best = min(best ?? .max, Self.tier(info, keyLength: range.count, wordLength: word.prefix.count))
            }
        }
        return best
    }

    /// The tier of a document's digit strings for a digit word, as `DigitIndex.matches` gives it.
    static func digitTier(_ strings: [DigitString], _ fragments: [[UInt8]]) -> UInt8? {
        var best: UInt8?
        for string in strings {
            for fragment in fragments where fragment.count >= PhoneDigits.minimumFragment {
                guard let tier = string.digits.withUnsafeBufferPointer({
                    DigitString.bestTier($0, string.info, nationalStart: string.nationalStart, fragment)
                }) else { continue }
                best = min(best ?? .max, tier)
            }
        }
        return best
    }

    /// Documents with a key starting with `prefix`, as normalized word matches.
    func rangeMatches(_ prefix: [UInt8], fieldMask: UInt8) -> [UInt32] {
        let (terms, postings) = (terms, postings)  // one copy each, not one per term
        var entries: [UInt32] = []
        prefix.withUnsafeBufferPointer { p in
            var first = true
            terms.forEachRun(withPrefix: p) { run in
                var run = run
                // Only the first key of the range can be the prefix itself, a whole-word match.
                if first, let term = run.first, terms.length(term) == prefix.count {
                    let exact: UInt32 = Self.isWholeWord(keyLength: prefix.count, wordLength: prefix.count) ? 0 : WordMatches.prefixBit
                    postings.append(ofTerms: UnsafeBufferPointer(rebasing: run.prefix(1)), fieldMask: fieldMask, setting: exact, to: &entries)
                    run = UnsafeBufferPointer(rebasing: run.dropFirst())
                }
                first = false
                postings.append(ofTerms: run, fieldMask: fieldMask, setting: WordMatches.prefixBit, to: &entries)
                return true
            }
        }
        WordMatches.normalize(&entries)
        return entries
    }

    /// Materializes the prefixes of one and two characters that have many documents, so that
    /// the first keystrokes do not pay for it, a step at a time: `withState` runs each step on
    /// the current state under the read lock, which no step holds for long (a writer waiting for
    /// it would hold every search back).
    static func warmUp(_ withState: ((IndexState) -> Void) -> Void) {
        var seen = Set<[UInt8]>()
        var start: UInt32 = 0
        var done = false
        while !done {
            withState { state in
                let end = min(start + 65_536, UInt32(state.terms.count))
                state.addFirstKeystrokes(ofTerms: start..<end, to: &seen)
                (start, done) = (end, end == UInt32(state.terms.count))
            }
        }
        for prefix in seen.sorted(by: { $0.count < $1.count }) {
            withState { _ = $0.materialized(prefix) }
        }
    }

    /// Adds the first one and two characters of the keys of `terms` to `seen`.
    private func addFirstKeystrokes(ofTerms range: Range<UInt32>, to seen: inout Set<[UInt8]>) {
        for term in range {
            terms.withKey(term) { key in
                var length = 0
                var scalars = 0
                while length < key.count && scalars < 2 {
                    length += 1
                    while length < key.count && key[length] & 0xC0 == 0x80 { length += 1 }
                    scalars += 1
                    seen.insert(Array(key[..<length]))
                }
            }
        }
    }
}

