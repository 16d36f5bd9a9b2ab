import Tokenizer

/// Opening a data folder: the newest snapshot, then the log segments after it, replayed into a
/// fresh index.
struct Recovery {
    let index: ContactIndex
    /// The segment to append to, its number, and the end of its valid records.
    let file: DataFile
    let segment: UInt64
    let size: Int
    var report = RecoveryReport()

    init(folder: DataFolder, options: StoreOptions, faults: StorageFaults?) throws(ContactIndexError) {
        let snapshotNumber = try folder.snapshots().last
        let phones = try ContactIndex.phones(options.defaultRegion)
        if let snapshotNumber {
            index = try Self.load(folder.snapshotPath(snapshotNumber), options: options, phones: phones, report: &report)
        } else {
            index = ContactIndex(image: nil, schema: FieldSchema(), phones: phones)
        }

        let first = snapshotNumber ?? 1
        let segments = try folder.segments()
        for stale in segments where stale < first { try folder.remove(folder.segmentPath(stale)) }
        let live = segments.filter { $0 >= first }
        var appendTo: (DataFile, UInt64, Int)?
        for (position, number) in live.enumerated() {
            let path = folder.segmentPath(number)
            let file = try DataFile.open(path, faults: faults)
            let scan = try LogReader.scan(file.readAll(), path: path)
            let isLast = position == live.count - 1
            var lost = scan.interiorDamage
            if let torn = scan.tornTail, !isLast { lost.append(torn) }
            for damage in lost {
                let problem = "\(path): corrupt log bytes at offset \(damage.offset)–\(damage.end) before the end of the log"
                guard options.repair else { throw .storageError(problem) }
                report.dropped.append(problem + "; the records there were dropped")
            }
            for record in scan.records { Self.replay(record.mutation, into: index, path: path, report: &report) }
            if isLast {
                var end = scan.size
                if let torn = scan.tornTail {
                    report.warnings.append(
                        "\(path): cut off a torn record at byte offset \(torn.offset) (\(torn.end - torn.offset) bytes), as left by a crash during a write")
                    end = torn.offset
                }
                if end < LogFormat.headerSize {
                    appendTo = (try Self.createSegment(number, in: folder, faults: faults), number, LogFormat.headerSize)
                } else {
                    if end < scan.size { try file.truncate(to: end) }
                    appendTo = (file, number, end)
                }
            }
        }
        if appendTo == nil {
            appendTo = (try Self.createSegment(first, in: folder, faults: faults), first, LogFormat.headerSize)
        }
        (file, segment, size) = appendTo!
    }

    /// The index of a snapshot: its image when usable, else its contacts indexed again.
    private static func load(
        _ path: String, options: StoreOptions, phones: PhoneNormalizer, report: inout RecoveryReport
    ) throws(ContactIndexError) -> ContactIndex {
        let contents = try SnapshotReader.read(path, repair: options.repair, region: options.defaultRegion)
        report.dropped += contents.dropped
        if let image = contents.image {
            report.snapshotContacts = image.docs.aliveCount
            report.reusedIndexImage = true
            return ContactIndex(image: image, schema: contents.schema, phones: phones)
        }
        var contacts: [Contact] = []
        contacts.reserveCapacity(contents.contacts.count)
        for (n, json) in contents.contacts.enumerated() {
            guard let object = (try? JSONParser.parse(json))?.objectValue else {
                let problem = "\(path): contact \(n) is not valid JSON"
                guard options.repair else { throw .storageError(problem) }
                report.dropped.append(problem + "; it was dropped")
                continue
            }
            contacts.append(Contact(canonical: object))
        }
        let index = ContactIndex(image: nil, schema: contents.schema, phones: phones)
        index.load(contacts)
        report.snapshotContacts = contacts.count
        return index
    }

    /// Applies one log record to the index.
    private static func replay(_ mutation: Mutation, into index: ContactIndex, path: String, report: inout RecoveryReport) {
        report.replayedRecords += 1
        switch mutation {
        case .upsert(let json):
            guard let object = (try? JSONParser.parse(json))?.objectValue else {
                report.dropped.append("\(path): a logged contact is not valid JSON; it was dropped")
                return
            }
            _ = index.upsert(parsed: ContactParser.Parsed(contact: Contact(canonical: object), warnings: [], generatedID: false))
        case .delete(let id):
            index.delete(id: id)
        case .field(let key, let definition):
            index.setField(key, definition)
        }
    }

    /// Creates log segment `number` with its header, on disk and in the folder.
    static func createSegment(_ number: UInt64, in folder: DataFolder, faults: StorageFaults?) throws(ContactIndexError) -> DataFile {
        let path = folder.segmentPath(number)
        let file = try DataFile.create(path, faults: faults)
        try file.write(LogFormat.header, at: 0)
        try file.sync()
        try folder.sync()
        return file
    }
}
