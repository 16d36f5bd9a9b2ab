/// Reads a snapshot back, checking every checksum.
struct SnapshotReader {
    /// What a snapshot held.
    struct Contents {
        var schema = FieldSchema()
        /// Canonical JSON of each contact.
        var contacts: [[UInt8]] = []
        var createdAt: Int64 = 0
        /// What could not be read, when repairing.
        var dropped: [String] = []
    }

    /// Reads the snapshot at `path`.
    /// - Parameter repair: skip damaged sections and say what they held, instead of failing.
    /// - Throws: `storageError` naming the file, the section and its offset, for damage when not
    ///   repairing; a file from a newer format version is refused even when repairing.
    static func read(_ path: String, repair: Bool) throws(ContactIndexError) -> Contents {
        let bytes = try DataFile.open(path, faults: nil).readAll()
        return try bytes.withUnsafeBytes { raw in Result { () throws(ContactIndexError) in try read(raw, path: path, repair: repair) } }.get()
    }

    private static func read(_ raw: UnsafeRawBufferPointer, path: String, repair: Bool) throws(ContactIndexError) -> Contents {
        var reader = ByteReader(raw)
        guard let magic = reader.take(SnapshotFormat.magic.count), magic.elementsEqual(SnapshotFormat.magic),
              let version = reader.u32()
        else { throw .storageError("\(path) is not a ContactIndex snapshot") }
        guard version <= SnapshotFormat.version else {
            throw .storageError(
                "\(path) was written by a newer version (snapshot format \(version); this build reads \(SnapshotFormat.version))")
        }
        var contents = Contents()
        guard raw.count >= SnapshotFormat.headerSize,
              CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[0..<SnapshotFormat.headerSize - 4]))
                == ByteReader(raw, offset: SnapshotFormat.headerSize - 4).readU32()
        else {
            let problem = "\(path): the header at offset 0 fails its checksum"
            guard repair else { throw .storageError(problem) }
            contents.dropped.append(problem + "; nothing could be read")
            return contents
        }
        _ = reader.u32()
        contents.createdAt = Int64(bitPattern: reader.u64()!)
        let expectedContacts = Int(reader.u64()!)
        let sectionCount = Int(reader.u32()!)
        reader.offset = SnapshotFormat.headerSize

        for index in 0..<sectionCount {
            let start = reader.offset
            guard let headerBytes = reader.take(SnapshotFormat.sectionHeaderSize) else {
                let problem = "\(path): section \(index) at offset \(start) is missing (the file is truncated)"
                guard repair else { throw .storageError(problem) }
                contents.dropped.append(problem + "; sections \(index)–\(sectionCount - 1) lost")
                break
            }
            var header = ByteReader(headerBytes)
            let kindValue = header.u32()!, items = Int(header.u32()!), length = header.u64()!
            let bodyCRC = header.u32()!, headerCRC = header.u32()!
            guard CRC32C.checksum(UnsafeRawBufferPointer(rebasing: headerBytes[0..<20])) == headerCRC,
                  length <= UInt64(reader.remaining)
            else {
                let problem = "\(path): the header of section \(index) at offset \(start) fails its checksum"
                guard repair else { throw .storageError(problem) }
                contents.dropped.append(problem + "; the rest of the file could not be read")
                break
            }
            let body = reader.take(Int(length))!
            let kind = SnapshotFormat.Kind(rawValue: kindValue)
            let label = "section \(index) (\(kind?.name ?? "kind \(kindValue)"), \(items) items) at offset \(start)"
            guard CRC32C.checksum(body) == bodyCRC, let kind, decode(kind, body, items: items, into: &contents) else {
                let problem = "\(path): \(label) fails its checksum"
                guard repair else { throw .storageError(problem) }
                contents.dropped.append(problem + "; its items were dropped")
                continue
            }
        }
        if contents.dropped.isEmpty && contents.contacts.count != expectedContacts {
            let problem = "\(path): the header announces \(expectedContacts) contacts, the sections hold \(contents.contacts.count)"
            guard repair else { throw .storageError(problem) }
            contents.dropped.append(problem)
        }
        return contents
    }

    /// Decodes a section body whose checksum passed; false when it does not parse.
    private static func decode(_ kind: SnapshotFormat.Kind, _ body: UnsafeRawBufferPointer, items: Int, into contents: inout Contents) -> Bool {
        var reader = ByteReader(body)
        switch kind {
        case .schema:
            var schema = FieldSchema()
            for _ in 0..<items {
                guard let key = reader.string(), let searchable = reader.u8(), let label = reader.string() else { return false }
                schema.fields[key] = CustomFieldDefinition(searchable: searchable == 1, label: label)
            }
            guard reader.remaining == 0 else { return false }
            contents.schema = schema
        case .contacts:
            var contacts: [[UInt8]] = []
            contacts.reserveCapacity(items)
            for _ in 0..<items {
                guard let json = reader.blob() else { return false }
                contacts.append(Array(json))
            }
            guard reader.remaining == 0 else { return false }
            contents.contacts += contacts
        }
        return true
    }
}

private extension ByteReader {
    /// The u32 at the reader's offset, without advancing a copy's caller.
    func readU32() -> UInt32? {
        var copy = self
        return copy.u32()
    }
}
