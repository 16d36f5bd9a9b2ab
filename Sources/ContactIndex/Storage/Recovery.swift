import Tokenizer

/// Opening a data folder: the newest snapshot, then the log segments after it, replayed into a
/// fresh index.
struct Recovery {
    let book: ContactBook
    /// The segment to append to, its number, and the end of its valid records.
    let file: DataFile
    let segment: UInt64
    let size: Int
    var report = RecoveryReport()

    init(folder: DataFolder, options: StoreOptions, faults: StorageFaults?) throws(ContactIndexError) {
        let snapshotNumber = try folder.snapshots().last
        let phones = try ContactIndex.phones(options.defaultRegion)
        if let snapshotNumber {
            book = try Self.load(folder.snapshotPath(snapshotNumber), options: options, phones: phones, report: &report)
        } else {
            book = ContactBook(
                contacts: ContactIndex(image: nil, schema: FieldSchema(), phones: phones), conversations: ConversationIndex(phones: phones))
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
            for record in scan.records {
                report.replayedRecords += 1
                do {
                    try book.apply(record.mutation)
                } catch {
                    report.dropped.append("\(path): \(error.description); the record was dropped")
                }
            }
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

    /// The contacts and conversations of a snapshot: the contacts' index from its image when
    /// usable, else from the contacts indexed again; the conversations indexed again.
    private static func load(
        _ path: String, options: StoreOptions, phones: PhoneNormalizer, report: inout RecoveryReport
    ) throws(ContactIndexError) -> ContactBook {
        let contents = try SnapshotReader.read(path, repair: options.repair, region: options.defaultRegion)
        report.dropped += contents.dropped
        let contacts: ContactIndex
        if let image = contents.image {
            report.snapshotContacts = image.docs.aliveCount
            report.reusedIndexImage = true
            contacts = ContactIndex(image: image, schema: contents.schema, phones: phones)
        } else {
            let parsed = try objects(contents.contacts, "contact", path, options, &report).map(Contact.init(canonical:))
            contacts = ContactIndex(image: nil, schema: contents.schema, phones: phones)
            contacts.load(parsed)
            report.snapshotContacts = parsed.count
        }
        let conversations = ConversationIndex(phones: phones)
        conversations.load(try objects(contents.conversations, "conversation", path, options, &report).map(Conversation.init(canonical:)))
        return ContactBook(contacts: contacts, conversations: conversations)
    }

    /// The JSON objects of a snapshot's records; one that does not parse fails the recovery, or
    /// is dropped when repairing.
    private static func objects(
        _ records: [[UInt8]], _ what: String, _ path: String, _ options: StoreOptions, _ report: inout RecoveryReport
    ) throws(ContactIndexError) -> [JSONObject] {
        var objects: [JSONObject] = []
        objects.reserveCapacity(records.count)
        for (n, json) in records.enumerated() {
            guard let object = (try? JSONParser.parse(json))?.objectValue else {
                let problem = "\(path): \(what) \(n) is not valid JSON"
                guard options.repair else { throw .storageError(problem) }
                report.dropped.append(problem + "; it was dropped")
                continue
            }
            objects.append(object)
        }
        return objects
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
