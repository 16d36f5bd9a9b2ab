import Dispatch
import Tokenizer

/// What indexing a contact computes from the contact alone: its stored entry and its keys (about
/// half of the work). Bulk loads make them for the next batch on another thread while the index
/// appends the batch before.
struct PreparedContact: Sendable {
    let contact: Contact
    /// `StoredEntries.entry(of:)` of the contact.
    let entry: [UInt8]
    let keys: ContactKeys

    /// A contact whose JSON text (`jsonBytes`) is made.
    init(_ contact: Contact, json: [UInt8], schema: FieldSchema, phones: PhoneNormalizer) {
        self.contact = contact
        entry = StoredEntries.entry(of: contact, json: json)
        keys = ContactKeys(contact, schema: schema, phones: phones)
    }

    /// A contact, its JSON text written here.
    init(_ contact: Contact, schema: FieldSchema, phones: PhoneNormalizer) {
        self.init(contact, json: contact.jsonBytes, schema: schema, phones: phones)
    }

    /// A document's contact as stored, reusing its stored entry (a rebuild's): the contact is
    /// parsed from the entry for its keys.
    init(stored doc: UInt32, in entries: StoredEntries, schema: FieldSchema, phones: PhoneNormalizer) {
        contact = entries.contact(doc)
        entry = entries.entry(doc)
        keys = ContactKeys(contact, schema: schema, phones: phones)
    }

    /// Calls `body` with `prepare(0)` to `prepare(count - 1)` a batch at a time, in order, on the
    /// caller's thread; a helper thread prepares the next batch meanwhile, and the caller
    /// prepares what it has not reached (see `ChunkedWork`).
    static func forEachBatch(
        count: Int, size: Int, _ prepare: @escaping @Sendable (Int) -> PreparedContact, _ body: ([PreparedContact]) -> Void
    ) {
        func batch(_ start: Int) -> ChunkedWork<PreparedContact> {
            ChunkedWork(count: min(size, count - start), chunk: 64) { prepare(start + $0) }
        }
        guard count > 0 else { return }
        var current = batch(0).results()
        for start in stride(from: 0, to: count, by: size) {
            let next = start + size < count ? batch(start + size) : nil
            next?.startHelper()
            body(current)
            current = next?.results() ?? []
        }
    }
}
