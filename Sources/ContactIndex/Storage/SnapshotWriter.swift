/// Writes a snapshot atomically: a temporary file, flushed, renamed over the final name, and the
/// folder flushed. The contacts and the index image are streamed from a copy-on-write image, so
/// the writes that go on meanwhile are not in it and do not wait for it.
struct SnapshotWriter {
    let schema: FieldSchema
    let image: IndexImage
    let conversations: ConversationRecords

    /// Writes the file to `path`; gives its size in bytes and the number of contacts.
    func write(to path: String, folder: DataFolder, faults: StorageFaults?, createdAt: Int64) throws(ContactIndexError)
        -> (bytes: Int, contacts: Int)
    {
        let temporary = path + ".tmp"
        let file = try DataFile.create(temporary, faults: faults)
        do {
            let out = SectionStream(file)
            try zeros(SnapshotFormat.headerSize, out)
            var sections = 0
            try section(.schema, items: schema.fields.count, out) { () throws(ContactIndexError) in
                for key in schema.fields.keys.sorted() {
                    let definition = schema.fields[key]!
                    try out.string(key)
                    try out.u8(definition.searchable ? 1 : 0)
                    try out.string(definition.label)
                }
            }
            sections += 1
            let docs = image.docs
            let alive = (0..<UInt32(docs.count)).filter(docs.isAlive)
            sections += try recordSections(.contacts, count: alive.count, out) { i throws(ContactIndexError) in
                try docs.json(alive[i]).withUnsafeBufferPointer { json in Result { () throws(ContactIndexError) in try out.blob(json) } }.get()
            }
            try section(.index, items: 1, out) { () throws(ContactIndexError) in try image.encode(out) }
            sections += 1
            sections += try recordSections(.conversations, count: conversations.locations.count, out) { i throws(ContactIndexError) in
                try conversations.withJSON(i) { json in Result { () throws(ContactIndexError) in try out.blob(json) } }.get()
            }
            try out.flush()
            let size = out.position

            var header = ByteWriter()
            header.bytes = SnapshotFormat.magic
            header.u32(SnapshotFormat.version)
            header.u32(0)
            header.u64(UInt64(bitPattern: createdAt))
            header.u64(UInt64(alive.count))
            header.u32(UInt32(sections))
            header.u32(CRC32C.checksum(header.bytes))
            try out.patch(header.bytes, at: 0)
            try file.sync()
            try folder.rename(temporary, to: path)
            try folder.sync()
            return (size, alive.count)
        } catch {
            try? folder.remove(temporary)
            throw error
        }
    }

    /// Writes `count` records in sections of `kind` of at most `SnapshotFormat.contactsPerSection`
    /// each, so that damage loses one section, not the file; gives the number of sections.
    private func recordSections(
        _ kind: SnapshotFormat.Kind, count: Int, _ out: SectionStream, record: (Int) throws(ContactIndexError) -> Void
    ) throws(ContactIndexError) -> Int {
        var sections = 0
        for start in stride(from: 0, to: count, by: SnapshotFormat.contactsPerSection) {
            let batch = start..<min(start + SnapshotFormat.contactsPerSection, count)
            try section(kind, items: batch.count, out) { () throws(ContactIndexError) in
                for i in batch { try record(i) }
            }
            sections += 1
        }
        return sections
    }

    /// Writes a section: a header patched in once the body's length and checksum are known.
    private func section(
        _ kind: SnapshotFormat.Kind, items: Int, _ out: SectionStream, body: () throws(ContactIndexError) -> Void
    ) throws(ContactIndexError) {
        let headerAt = out.position
        try zeros(SnapshotFormat.sectionHeaderSize, out)
        try out.flush()
        out.resetChecksum()
        try body()
        try out.flush()
        var header = ByteWriter()
        header.u32(kind.rawValue)
        header.u32(UInt32(items))
        header.u64(UInt64(out.position - headerAt - SnapshotFormat.sectionHeaderSize))
        header.u32(out.crc)
        header.u32(CRC32C.checksum(header.bytes))
        try out.patch(header.bytes, at: headerAt)
    }

    private func zeros(_ count: Int, _ out: SectionStream) throws(ContactIndexError) {
        try [UInt8](repeating: 0, count: count).withUnsafeBytes { raw in
            Result { () throws(ContactIndexError) in try out.bytes(raw) }
        }.get()
    }
}
