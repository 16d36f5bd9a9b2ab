import Glibc

/// Writes a snapshot atomically: a temporary file, flushed, renamed over the final name, and the
/// folder flushed.
struct SnapshotWriter {
    /// The sections' bodies, filled before writing.
    private var sections: [(kind: SnapshotFormat.Kind, items: Int, body: [UInt8])] = []
    private(set) var contactCount = 0
    private var current = ByteWriter()
    private var currentItems = 0

    init(schema: FieldSchema) {
        var body = ByteWriter()
        for key in schema.fields.keys.sorted() {
            let definition = schema.fields[key]!
            body.string(key)
            body.u8(definition.searchable ? 1 : 0)
            body.string(definition.label)
        }
        sections.append((.schema, schema.fields.count, body.bytes))
    }

    /// Adds one contact's canonical JSON.
    mutating func add(contactJSON json: UnsafeBufferPointer<UInt8>) {
        current.blob(json)
        currentItems += 1
        contactCount += 1
        if currentItems == SnapshotFormat.contactsPerSection { closeSection() }
    }

    private mutating func closeSection() {
        guard currentItems > 0 else { return }
        sections.append((.contacts, currentItems, current.bytes))
        current = ByteWriter()
        currentItems = 0
    }

    /// Writes the file to `path` and returns its size in bytes.
    mutating func write(to path: String, folder: DataFolder, faults: StorageFaults?, createdAt: Int64) throws(ContactIndexError) -> Int {
        closeSection()
        var header = ByteWriter()
        header.bytes = SnapshotFormat.magic
        header.u32(SnapshotFormat.version)
        header.u32(0)
        header.u64(UInt64(bitPattern: createdAt))
        header.u64(UInt64(contactCount))
        header.u32(UInt32(sections.count))
        header.u32(CRC32C.checksum(header.bytes))

        let temporary = path + ".tmp"
        let file = try DataFile.create(temporary, faults: faults)
        do {
            var offset = 0
            try file.write(header.bytes, at: offset)
            offset += header.bytes.count
            for section in sections {
                var sectionHeader = ByteWriter()
                sectionHeader.u32(section.kind.rawValue)
                sectionHeader.u32(UInt32(section.items))
                sectionHeader.u64(UInt64(section.body.count))
                sectionHeader.u32(CRC32C.checksum(section.body))
                sectionHeader.u32(CRC32C.checksum(sectionHeader.bytes))
                try file.write(sectionHeader.bytes, at: offset)
                offset += sectionHeader.bytes.count
                try file.write(section.body, at: offset)
                offset += section.body.count
            }
            try file.sync()
            try folder.rename(temporary, to: path)
            try folder.sync()
            return offset
        } catch {
            try? folder.remove(temporary)
            throw error
        }
    }
}
