/// Reads a snapshot back, checking every checksum.
struct SnapshotReader {
    /// What a snapshot held.
    struct Contents {
        var schema = FieldSchema()
        /// The index image, when the snapshot has a usable one.
        var image: IndexImage?
        /// Canonical JSON of each contact, read only when there is no usable image.
        var contacts: [[UInt8]] = []
        /// Canonical JSON of each conversation.
        var conversations: [[UInt8]] = []
        var createdAt: Int64 = 0
        /// What could not be read, when repairing.
        var dropped: [String] = []
    }

    /// A section whose checksums passed.
    private struct Section {
        let kind: SnapshotFormat.Kind
        let items: Int
        let body: UnsafeRawBufferPointer
        let label: String
    }

    /// Reads the snapshot at `path`; an index image made for another default region than
    /// `region` is set aside and the contacts are read instead.
    /// - Parameter repair: skip damaged sections and say what they held, instead of failing.
    /// - Throws: `storageError` naming the file, the section and its offset, for damage when not
    ///   repairing; a file from a newer format version is refused even when repairing.
    static func read(_ path: String, repair: Bool, region: String) throws(ContactIndexError) -> Contents {
        let mapped = try DataFile.open(path, faults: nil).map()
        return try read(mapped.bytes, path: path, repair: repair, region: region)
    }

    private static func read(_ raw: UnsafeRawBufferPointer, path: String, repair: Bool, region: String) throws(ContactIndexError)
        -> Contents
    {
        var reader = ByteReader(raw)
        guard let magic = reader.take(SnapshotFormat.magic.count), magic.elementsEqual(SnapshotFormat.magic),
              let version = reader.u32()
        else { throw .storageError("\(path) is not a ContactIndex snapshot") }
        guard version <= SnapshotFormat.version else {
            throw .storageError(
                "\(path) was written by a newer version (snapshot format \(version); this build reads \(SnapshotFormat.version))")
        }
        var contents = Contents()
        func damaged(_ problem: String, _ consequence: String) throws(ContactIndexError) {
            guard repair else { throw .storageError(problem) }
            contents.dropped.append(problem + "; " + consequence)
        }
        guard raw.count >= SnapshotFormat.headerSize,
              CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[0..<SnapshotFormat.headerSize - 4]))
                == ByteReader(raw, offset: SnapshotFormat.headerSize - 4).peekU32()
        else {
            try damaged("\(path): the header at offset 0 fails its checksum", "nothing could be read")
            return contents
        }
        _ = reader.u32()
        contents.createdAt = Int64(bitPattern: reader.u64()!)
        let expectedContacts = Int(reader.u64()!)
        let sectionCount = Int(reader.u32()!)
        reader.offset = SnapshotFormat.headerSize

        var sections: [Section] = []
        for index in 0..<sectionCount {
            let start = reader.offset
            guard let headerBytes = reader.take(SnapshotFormat.sectionHeaderSize) else {
                try damaged("\(path): section \(index) at offset \(start) is missing (the file is truncated)",
                            "sections \(index)–\(sectionCount - 1) lost")
                break
            }
            var header = ByteReader(headerBytes)
            let kindValue = header.u32()!, items = Int(header.u32()!), length = header.u64()!
            let bodyCRC = header.u32()!, headerCRC = header.u32()!
            guard CRC32C.checksum(UnsafeRawBufferPointer(rebasing: headerBytes[0..<20])) == headerCRC,
                  length <= UInt64(reader.remaining)
            else {
                try damaged("\(path): the header of section \(index) at offset \(start) fails its checksum",
                            "the rest of the file could not be read")
                break
            }
            let body = reader.take(Int(length))!
            let kind = SnapshotFormat.Kind(rawValue: kindValue)
            let label = "section \(index) (\(kind?.name ?? "kind \(kindValue)"), \(items) items) at offset \(start)"
            guard CRC32C.checksum(body) == bodyCRC, let kind else {
                try damaged("\(path): \(label) fails its checksum",
                            kind == .index ? "the index is rebuilt from the contacts" : "its items were dropped")
                continue
            }
            sections.append(Section(kind: kind, items: items, body: body, label: label))
        }

        if let index = sections.first(where: { $0.kind == .index }), contents.dropped.isEmpty {
            contents.image = IndexImage(decoding: index.body, region: region)
        }
        for section in sections where section.kind != .index && (section.kind != .contacts || contents.image == nil) {
            guard decode(section, into: &contents) else {
                try damaged("\(path): \(section.label) does not parse", "its items were dropped")
                continue
            }
        }
        let found = contents.image?.docs.aliveCount ?? contents.contacts.count
        if contents.dropped.isEmpty && found != expectedContacts {
            try damaged("\(path): the header announces \(expectedContacts) contacts, the sections hold \(found)", "kept \(found)")
        }
        return contents
    }

    /// Decodes a schema or contacts section; false when it does not parse.
    private static func decode(_ section: Section, into contents: inout Contents) -> Bool {
        var reader = ByteReader(section.body)
        switch section.kind {
        case .schema:
            var schema = FieldSchema()
            for _ in 0..<section.items {
                guard let key = reader.string(), let searchable = reader.u8(), let label = reader.string() else { return false }
                schema.fields[key] = CustomFieldDefinition(searchable: searchable == 1, label: label)
            }
            guard reader.remaining == 0 else { return false }
            contents.schema = schema
        case .contacts, .conversations:
            var records: [[UInt8]] = []
            records.reserveCapacity(section.items)
            for _ in 0..<section.items {
                guard let json = reader.blob() else { return false }
                records.append(Array(json))
            }
            guard reader.remaining == 0 else { return false }
            if section.kind == .contacts { contents.contacts += records } else { contents.conversations += records }
        case .index:
            return true
        }
        return true
    }
}

private extension ByteReader {
    /// The u32 at the reader's offset, without moving.
    func peekU32() -> UInt32? {
        var copy = self
        return copy.u32()
    }
}
