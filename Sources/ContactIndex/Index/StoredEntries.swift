import Glibc

/// Each document's stored entry, read by document number: its JSON packed by
/// `StoredJSONCodec`, its `FieldSpans` record, and the record's length in one byte below 0x80,
/// or else in two, the last one's top bit set.
///
/// The id and the name are read from the entry itself rather than kept in columns of their own:
/// the canonical JSON starts with `{"_id":"`, which packs to one token, and a name comes right
/// after the id, as another token, so both lie unescaped at the start of the packed bytes. The
/// record's flags say whether they do (`inPlace`, checked when the entry is stored); an entry
/// whose id or name does not (an escaped character, another key order) has its JSON parsed.
struct StoredEntries {
    private var locations: ContiguousArray<UInt64> = []
    private var arena = ByteArena()

    /// The record flag set when the id and name lie in place at the start of the packed JSON.
    static let inPlace: UInt8 = 0x40
    /// The packed tokens of `{"_id":"` and `","name":"` (see `StoredJSONCodec.runs`).
    private static let idToken: UInt8 = 1
    private static let nameToken: UInt8 = 2

    /// Number of entries.
    var count: Int { locations.count }

    /// Bytes held, for memory estimates.
    var memoryBytes: Int { arena.memoryBytes + locations.capacity * 8 }

    /// Appends an entry made by `entry(of:)`.
    mutating func append(entry: [UInt8]) {
        locations.append(arena.append(entry))
    }

    /// Appends a copy of another table's entry of a document (a rebuild's).
    mutating func append(copying doc: UInt32, from other: StoredEntries) {
        locations.append(other.arena.withBytes(other.locations[Int(doc)]) { arena.append($0) })
    }

    /// The stored entry of a contact: its packed JSON, its `FieldSpans` record and the record's
    /// length. Reads nothing of the table, so entries can be made on other threads.
    static func entry(of contact: Contact) -> [UInt8] {
        entry(of: contact, json: contact.jsonBytes)
    }

    /// The stored entry of a contact whose JSON text (`jsonBytes`) is made.
    static func entry(of contact: Contact, json: [UInt8]) -> [UInt8] {
        var record = json.withUnsafeBufferPointer(FieldSpans.record)
        var entry = StoredJSONCodec.pack(json)
        if !record.isEmpty {
            let placed = entry.withUnsafeBufferPointer { packed in
                Self.placed(packed, hasName: record[0] & 1 != 0).map {
                    $0.id.elementsEqual(contact.id.utf8) && $0.name.elementsEqual((contact.name ?? "").utf8)
                } ?? false
            }
            if placed { record[0] |= Self.inPlace }
        }
        entry += record
        if record.count < 0x80 {
            entry.append(UInt8(record.count))
        } else {
            entry += [UInt8(truncatingIfNeeded: record.count), UInt8(record.count >> 8) | 0x80]
        }
        return entry
    }

    /// Calls `body` with a document's packed JSON and its `FieldSpans` record.
    @inline(__always)
    private func withParts<R>(_ doc: UInt32, _ body: (_ packed: UnsafeBufferPointer<UInt8>, _ record: UnsafeBufferPointer<UInt8>) -> R) -> R {
        arena.withBytes(locations[Int(doc)]) { entry in
            var recordEnd = entry.count
            var length = 0
            if recordEnd > 0 {
                recordEnd -= 1
                length = Int(entry[recordEnd])
                if length >= 0x80, recordEnd > 0 {
                    recordEnd -= 1
                    length = (length & 0x7F) << 8 | Int(entry[recordEnd])
                }
            }
            let jsonEnd = max(0, recordEnd - length)
            return body(UnsafeBufferPointer(rebasing: entry[..<jsonEnd]), UnsafeBufferPointer(rebasing: entry[jsonEnd..<recordEnd]))
        }
    }

    /// Calls `body` with the stored JSON text of a document and its `FieldSpans` record.
    @inline(__always)
    func withFields<R>(_ doc: UInt32, _ body: (_ json: [UInt8], _ record: UnsafeBufferPointer<UInt8>) -> R) -> R {
        withParts(doc) { packed, record in body(StoredJSONCodec.unpack(packed), record) }
    }

    /// A document's entry as `entry(of:)` made it.
    func entry(_ doc: UInt32) -> [UInt8] {
        arena.withBytes(locations[Int(doc)]) { Array($0) }
    }

    /// The stored JSON text of a document.
    func json(_ doc: UInt32) -> [UInt8] {
        withFields(doc) { json, _ in json }
    }

    /// The stored contact of a document.
    func contact(_ doc: UInt32) -> Contact {
        let json = (try? JSONParser.parse(json(doc))) ?? .object(JSONObject())
        return Contact(canonical: json.objectValue ?? JSONObject())
    }

    /// Calls `body` with the UTF-8 bytes of a document's id.
    @inline(__always)
    func withID<R>(_ doc: UInt32, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        withPlaced(doc, name: false, { body($0.id) }, otherwise: { Array(contact(doc).id.utf8).withUnsafeBufferPointer(body) })
    }

    /// Calls `body` with the UTF-8 bytes of a document's name, empty when it has none.
    @inline(__always)
    func withName<R>(_ doc: UInt32, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        withPlaced(doc, name: true, { body($0.name) }, otherwise: { Array((contact(doc).name ?? "").utf8).withUnsafeBufferPointer(body) })
    }

    /// The name of a document as bytes, empty when it has none.
    func name(_ doc: UInt32) -> [UInt8] {
        withName(doc) { Array($0) }
    }

    /// The id of a document.
    func id(_ doc: UInt32) -> String {
        withID(doc) { String(decoding: $0, as: UTF8.self) }
    }

    /// Whether a document's id is exactly these bytes.
    func idEquals(_ doc: UInt32, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        withID(doc) { $0.count == bytes.count && ($0.isEmpty || memcmp($0.baseAddress!, bytes.baseAddress!, $0.count) == 0) }
    }

    /// Two documents' names in `ByteOrder`: negative, zero or positive.
    func compareNames(_ a: UInt32, _ b: UInt32) -> Int {
        withName(a) { x in withName(b) { y in ByteOrder.compare(x, y) } }
    }

    /// Two documents' ids in `ByteOrder`: negative, zero or positive.
    func compareIDs(_ a: UInt32, _ b: UInt32) -> Int {
        withID(a) { x in withID(b) { y in ByteOrder.compare(x, y) } }
    }

    /// Calls `body` with the id and name of an entry that holds them in place, else `otherwise`;
    /// the name is read only when `name` is true (and given empty otherwise).
    @inline(__always)
    private func withPlaced<R>(
        _ doc: UInt32, name: Bool, _ body: ((id: UnsafeBufferPointer<UInt8>, name: UnsafeBufferPointer<UInt8>)) -> R,
        otherwise: () -> R
    ) -> R {
        let found: R? = withParts(doc) { packed, record in
            guard let flags = record.first, flags & Self.inPlace != 0, let placed = Self.placed(packed, hasName: name && flags & 1 != 0)
            else { return nil }
            return body(placed)
        }
        return found ?? otherwise()
    }

    /// The id and name at the start of packed JSON, when they lie there unescaped; the name is
    /// empty when `hasName` is false.
    private static func placed(_ packed: UnsafeBufferPointer<UInt8>, hasName: Bool)
        -> (id: UnsafeBufferPointer<UInt8>, name: UnsafeBufferPointer<UInt8>)?
    {
        guard packed.count >= 2, packed[0] == StoredJSONCodec.packedMode, packed[1] == idToken, let idEnd = stringEnd(packed, from: 2)
        else { return nil }
        let id = UnsafeBufferPointer(rebasing: packed[2..<idEnd])
        guard hasName else { return (id, UnsafeBufferPointer(rebasing: packed[idEnd..<idEnd])) }
        guard idEnd < packed.count, packed[idEnd] == nameToken, let nameEnd = stringEnd(packed, from: idEnd + 1) else { return nil }
        return (id, UnsafeBufferPointer(rebasing: packed[(idEnd + 1)..<nameEnd]))
    }

    /// Where an unescaped string's content that starts at `start` ends (at a quote or a token),
    /// or nil when it holds an escape or runs to the end.
    private static func stringEnd(_ packed: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var i = start
        while i < packed.count {
            let byte = packed[i]
            if byte < 0x20 || byte == UInt8(ascii: "\"") { return i }
            if byte == UInt8(ascii: "\\") { return nil }
            i += 1
        }
        return nil
    }
}

extension StoredEntries {
    /// What `encode` writes, in buffers of its own, for a snapshot's image.
    func snapshotCopy() -> StoredEntries {
        var copy = self
        (copy.locations, copy.arena) = (locations.snapshotCopy(), arena.snapshotCopy())
        return copy
    }

    /// Writes the entries to a snapshot.
    func encode(_ out: SectionStream) throws(ContactIndexError) {
        try out.array(locations)
        try arena.encode(out)
    }

    /// Reads entries written by `encode`.
    init?(decoding reader: inout ByteReader) {
        guard let locations = reader.array(UInt64.self, growing: true), let arena = ByteArena(decoding: &reader) else { return nil }
        (self.locations, self.arena) = (locations, arena)
    }
}
