import Dispatch
import Tokenizer

/// What indexing a contact computes from the contact alone: its stored entry and its keys (about
/// half of the work). Bulk loads make them for the next batch on another thread while the index
/// appends the batch before.
struct PreparedContact: Sendable {
    let contact: Contact
    /// The contact's JSON text (`jsonBytes`), which the store's log records.
    let json: [UInt8]
    /// `StoredEntries.entry(of:)` of the contact.
    let entry: [UInt8]
    let keys: ContactKeys

    init(_ contact: Contact, schema: FieldSchema, phones: PhoneNormalizer) {
        self.contact = contact
        json = contact.jsonBytes
        entry = StoredEntries.entry(of: contact, json: json)
        keys = ContactKeys(contact, schema: schema, phones: phones)
    }

    /// Calls `body` with the contacts prepared a batch at a time, in order, on the caller's thread;
    /// the next batch is prepared on another thread meanwhile.
    static func forEachBatch(
        of contacts: [Contact], size: Int, schema: FieldSchema, phones: PhoneNormalizer, _ body: ([PreparedContact]) -> Void
    ) {
        let starts = Array(stride(from: 0, to: contacts.count, by: size))
        @Sendable func prepare(_ k: Int) -> [PreparedContact] {
            contacts[starts[k]..<min(starts[k] + size, contacts.count)].map { PreparedContact($0, schema: schema, phones: phones) }
        }
        guard !starts.isEmpty else { return }
        var current = prepare(0)
        let next = NextBatch()
        for k in starts.indices {
            let group = DispatchGroup()
            if k + 1 < starts.count {
                DispatchQueue.global().async(group: group) { next.contacts = prepare(k + 1) }
            }
            body(current)
            group.wait()
            current = next.contacts
        }
    }
}

/// The batch another thread prepares; read only after its group is waited on.
private final class NextBatch: @unchecked Sendable {
    var contacts: [PreparedContact] = []
}
