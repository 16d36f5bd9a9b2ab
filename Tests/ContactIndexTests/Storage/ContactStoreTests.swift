import ContactGenerator
import Dispatch
import Foundation
import Glibc
import Testing
@testable import ContactIndex

@Suite struct ContactStoreTests {
    static func contact(_ i: Int) -> String {
        #"{"_id":"c\#(i)","name":"Maria Store \#(i)","phones":["+55 51 9\#(String(format: "%04d", i))-0000"]}"#
    }

    static func open(_ folder: TemporaryFolder, _ options: StoreOptions = StoreOptions(snapshotAfterMutations: 0, snapshotAfterSeconds: 0), faults: StorageFaults? = nil) throws -> ContactStore {
        try ContactStore(folder: folder.path, options: options, faults: faults)
    }

    /// The one log segment of a folder, by name.
    static func segment(_ folder: TemporaryFolder) -> String {
        folder.files().first { $0.hasSuffix(".cilog") }!
    }

    @Test func writesDeletesAndFieldsSurviveAReopen() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        do {
            let store = try Self.open(folder)
            for i in 0..<20 { _ = try store.upsert(json: Self.contact(i)) }
            try store.delete(id: "c3")
            try store.setField("company", CustomFieldDefinition(searchable: true, label: "Company"))
            _ = try store.upsert(json: #"{"_id":"x","name":"Zed","customFields":{"company":"Acme"}}"#)
            try store.close(snapshot: false)
        }
        let store = try Self.open(folder)
        defer { try? store.close() }
        #expect(store.recovery.replayedRecords == 23)
        #expect(store.stats().contacts == 20)
        #expect(store.get(id: "c3") == nil)
        #expect(store.get(id: "c4")?.name == "Maria Store 4")
        #expect(store.schema.fields["company"] == CustomFieldDefinition(searchable: true, label: "Company"))
        #expect(try store.search(SearchQuery("acme")).hits.map(\.id) == ["x"])
        #expect(try store.search(SearchQuery("9 0005")).hits.map(\.id) == ["c5"])
    }

    @Test func aLoadMadeOnDemandInBatchesFindsWhatALoadOfTheWholeListFindsAndSurvivesAReopen() throws {
        let generator = ContactGenerator(seed: 7)
        let count = 2_500
        let (whole, batched) = (TemporaryFolder(), TemporaryFolder())
        defer {
            whole.remove()
            batched.remove()
        }
        let reference = try Self.open(whole)
        defer { try? reference.close() }
        try reference.load((0..<count).map { try reference.parser.parse(generator.contact($0).json).contact })
        let queries = ["m", "maria s", "jo", "+55", "gmail", "silva"].map { SearchQuery($0, limit: 30) }
        func pages(_ store: ContactStore) throws -> [[String]] { try queries.map { try store.search($0).hits.map(\.id) } }
        func totals(_ store: ContactStore) throws -> [Int] { try queries.map { try store.search($0).total } }
        do {
            let store = try Self.open(batched)
            var made = 0
            try store.load(count: count, batch: 300) { (i) throws(ContactIndexError) in
                made += 1
                return try store.parser.parse(generator.contact(i).json).contact
            }
            #expect(made == 2 * count)
            #expect(store.index.isInRankingOrder)
            // The spare capacity of the lists and of the term columns is given back once, after
            // the last batch, as after a load of the whole list (without it the batched index
            // holds about 87 KB more in its lists, and the term columns, grown by doubling, were
            // up to 125 KB apart either way: one allocation rounded up by malloc is doubled with
            // every growth after it). What is left apart is each array's capacity as malloc
            // gives it, which follows the heap's history, the tests running beside this one
            // included: about 1 KB apart in runs beside other suites.
            let (batchedBytes, wholeBytes) = (store.stats().memoryBytes, reference.stats().memoryBytes)
            #expect(abs(batchedBytes - wholeBytes) < 16_384, "\(batchedBytes) bytes batched, \(wholeBytes) whole")
            #expect(try pages(store) == pages(reference))
            #expect(try totals(store) == totals(reference))
            try store.close(snapshot: false)
        }
        let reopened = try Self.open(batched)
        defer { try? reopened.close() }
        #expect(reopened.stats().contacts == count)
        #expect(try pages(reopened) == pages(reference))
        #expect(throws: ContactIndexError.self) { try reopened.load(count: 1, batch: 0) { _ in Contact(canonical: JSONObject()) } }
        #expect(throws: ContactIndexError.self) { try reopened.load(count: -1) { _ in Contact(canonical: JSONObject()) } }
        #expect(reopened.stats().contacts == count)
    }

    /// Versions of one contact in one load, the later given ranking first (a more recent last
    /// chat) or last: the later given wins, in the index and after a restart that replays the log.
    static let versions: [(first: String, second: String)] = [
        (#"{"_id":"d","name":"Old Name","lastChat":{"ts":"2020-01-01T00:00:00.000Z"}}"#,
         #"{"_id":"d","name":"New Name","lastChat":{"ts":"2024-01-01T00:00:00.000Z"}}"#),
        (#"{"_id":"d","name":"Old Name","lastChat":{"ts":"2024-01-01T00:00:00.000Z"}}"#,
         #"{"_id":"d","name":"New Name","lastChat":{"ts":"2020-01-01T00:00:00.000Z"}}"#),
    ]

    @Test func theLaterVersionOfAContactInOneLoadWinsAndSurvivesAReopen() throws {
        for (first, second) in Self.versions {
            let folder = TemporaryFolder()
            defer { folder.remove() }
            do {
                let store = try Self.open(folder)
                let others = (0..<5).map { try! store.parser.parse(Array(Self.contact($0).utf8)).contact }
                let versions = try [first, second].map { try store.parser.parse(Array($0.utf8)).contact }
                try store.load([others[0], versions[0], others[1], others[2], versions[1], others[3]])
                #expect(store.get(id: "d")?.name == "New Name")
                #expect(try store.search(SearchQuery("old name")).total == 0)
                #expect(try store.search(SearchQuery("new name")).hits.map(\.id) == ["d"])
                #expect(store.stats().contacts == 5)
                try store.close(snapshot: false)
            }
            let reopened = try Self.open(folder)
            defer { try? reopened.close() }
            #expect(reopened.get(id: "d")?.name == "New Name")
            #expect(try reopened.search(SearchQuery("old name")).total == 0)
        }
    }

    @Test func theLaterVersionOfAContactInALoadMadeOnDemandWinsAndSurvivesAReopen() throws {
        for (first, second) in Self.versions {
            let folder = TemporaryFolder()
            defer { folder.remove() }
            let lines = [Self.contact(0), first, Self.contact(1), Self.contact(2), second, Self.contact(3)]
            do {
                let store = try Self.open(folder)
                try store.load(count: lines.count, batch: 2) { (i) throws(ContactIndexError) in
                    try store.parser.parse(Array(lines[i].utf8)).contact
                }
                #expect(store.get(id: "d")?.name == "New Name")
                #expect(try store.search(SearchQuery("old name")).total == 0)
                #expect(store.stats().contacts == 5)
                try store.close(snapshot: false)
            }
            let reopened = try Self.open(folder)
            defer { try? reopened.close() }
            #expect(reopened.get(id: "d")?.name == "New Name")
        }
    }

    @Test func aSnapshotReplacesTheLogAndTheLaterLogIsReplayedOnTopOfIt() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        do {
            let store = try Self.open(folder)
            for i in 0..<100 { _ = try store.upsert(json: Self.contact(i)) }
            let report = try store.snapshot()
            #expect(report.contacts == 100)
            #expect(report.bytes > 100 * 50)
            for i in 100..<110 { _ = try store.upsert(json: Self.contact(i)) }
            try store.delete(id: "c0")
            try store.close(snapshot: false)
        }
        #expect(folder.files() == ["LOCK", "log-00000002.cilog", "snapshot-00000002.cisnap"])
        let store = try Self.open(folder)
        defer { try? store.close() }
        #expect(store.recovery.snapshotContacts == 100)
        #expect(store.recovery.replayedRecords == 11)
        #expect(store.stats().contacts == 109)
        #expect(store.get(id: "c0") == nil)
        #expect(try store.search(SearchQuery("maria store 105")).hits.first?.id == "c105")
    }

    @Test func aGracefulCloseTakesASnapshotSoTheNextStartReplaysNothing() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        do {
            let store = try Self.open(folder)
            for i in 0..<30 { _ = try store.upsert(json: Self.contact(i)) }
            try store.close()
        }
        let store = try Self.open(folder)
        defer { try? store.close() }
        #expect(store.recovery.replayedRecords == 0)
        #expect(store.recovery.snapshotContacts == 30)
    }

    /// Writes `count` contacts without a snapshot and returns the log's bytes and the offset of
    /// its last record.
    static func logWithRecords(_ count: Int) throws -> (bytes: [UInt8], lastOffset: Int) {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let store = try open(folder)
        for i in 0..<count { _ = try store.upsert(json: contact(i)) }
        try store.close(snapshot: false)
        let bytes = folder.read(segment(folder))
        let scan = try LogReader.scan(bytes, path: "log")
        return (bytes, scan.records.last!.offset)
    }

    @Test func aTornLastRecordIsCutAtEveryByteOffsetAndEarlierRecordsAreKept() throws {
        let (bytes, lastOffset) = try Self.logWithRecords(5)
        for cut in lastOffset..<bytes.count {
            let folder = TemporaryFolder()
            defer { folder.remove() }
            folder.write("log-00000001.cilog", Array(bytes[..<cut]))
            let store = try Self.open(folder)
            #expect(store.stats().contacts == 4, "cut at \(cut)")
            #expect(store.get(id: "c4") == nil)
            if cut > lastOffset {
                #expect(store.recovery.warnings.count == 1)
                #expect(store.recovery.warnings.first?.contains("offset \(lastOffset)") == true)
            } else {
                #expect(store.recovery.warnings.isEmpty)
            }
            _ = try store.upsert(json: Self.contact(9))
            try store.close(snapshot: false)
            let again = try Self.open(folder)
            #expect(again.recovery.warnings.isEmpty)
            #expect(again.stats().contacts == 5)
            try again.close(snapshot: false)
        }
    }

    @Test func aBitFlippedInTheLastRecordLosesOnlyThatRecord() throws {
        let (bytes, lastOffset) = try Self.logWithRecords(5)
        for position in lastOffset..<bytes.count {
            let folder = TemporaryFolder()
            defer { folder.remove() }
            var damaged = bytes
            damaged[position] ^= 0x10
            folder.write("log-00000001.cilog", damaged)
            let store = try Self.open(folder)
            #expect(store.stats().contacts == 4, "flip at \(position)")
            #expect(store.recovery.warnings.count == 1)
            #expect(try store.search(SearchQuery("maria store 3")).hits.first?.id == "c3")
            try store.close(snapshot: false)
        }
    }

    @Test func corruptionBeforeTheEndOfTheLogStopsTheStartUnlessRepairing() throws {
        let (bytes, _) = try Self.logWithRecords(5)
        let scan = try LogReader.scan(bytes, path: "log")
        let second = scan.records[1].offset
        var damaged = bytes
        damaged[second + 12] ^= 0x01
        let folder = TemporaryFolder()
        defer { folder.remove() }
        folder.write("log-00000001.cilog", damaged)
        #expect {
            try Self.open(folder)
        } throws: { error in
            let message = "\(error)"
            return (error as? ContactIndexError)?.code == "storage_error"
                && message.contains("log-00000001.cilog") && message.contains("offset \(second)")
        }
        var options = StoreOptions(snapshotAfterMutations: 0, snapshotAfterSeconds: 0)
        options.repair = true
        do {
            let store = try Self.open(folder, options)
            #expect(store.stats().contacts == 4)
            #expect(store.get(id: "c1") == nil)
            #expect(store.get(id: "c4") != nil)
            #expect(store.recovery.dropped.count == 1)
            try store.close(snapshot: false)
        }
        let healed = try Self.open(folder)
        #expect(healed.stats().contacts == 4)
        try healed.close()
    }

    @Test func aBitFlippedInASnapshotNamesTheSectionAndRepairKeepsTheRest() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let total = SnapshotFormat.contactsPerSection + 500
        do {
            let store = try Self.open(folder)
            try store.load((0..<total).map { i in try store.parser.parse(Array(Self.contact(i).utf8)).contact })
            try store.close()
        }
        let name = folder.files().first { $0.hasSuffix(".cisnap") }!
        var bytes = folder.read(name)
        let second = Self.sections(bytes)[2]
        #expect(second.kind == 2 && second.items == 500)
        bytes[second.body.lowerBound + second.body.count / 2] ^= 0x04
        folder.write(name, bytes)
        #expect {
            try Self.open(folder)
        } throws: { error in
            let message = "\(error)"
            return message.contains(name) && message.contains("section 2 (contacts, 500 items)")
        }
        var options = StoreOptions(snapshotAfterMutations: 0, snapshotAfterSeconds: 0)
        options.repair = true
        do {
            let store = try Self.open(folder, options)
            #expect(store.stats().contacts == SnapshotFormat.contactsPerSection)
            #expect(store.recovery.dropped.count == 1)
            #expect(store.recovery.dropped[0].contains("500 items"))
            try store.close(snapshot: false)
        }
        let healed = try Self.open(folder)
        #expect(healed.stats().contacts == SnapshotFormat.contactsPerSection)
        try healed.close()
    }

    /// The sections of a snapshot file: kind, item count and body range.
    static func sections(_ bytes: [UInt8]) -> [(kind: UInt32, items: Int, body: Range<Int>)] {
        bytes.withUnsafeBytes { raw in
            var reader = ByteReader(raw, offset: SnapshotFormat.headerSize - 8)
            let count = Int(reader.u32()!)
            reader.offset = SnapshotFormat.headerSize
            return (0..<count).map { _ in
                let kind = reader.u32()!, items = Int(reader.u32()!), length = Int(reader.u64()!)
                reader.offset += 8
                defer { reader.offset += length }
                return (kind, items, reader.offset..<(reader.offset + length))
            }
        }
    }

    @Test func aBitFlippedInTheIndexImageRefusesAndRepairRebuildsTheIndexFromTheContacts() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        do {
            let store = try Self.open(folder)
            for i in 0..<50 { _ = try store.upsert(json: Self.contact(i)) }
            try store.close()
        }
        let name = folder.files().first { $0.hasSuffix(".cisnap") }!
        var bytes = folder.read(name)
        let index = Self.sections(bytes).last!
        #expect(index.kind == 3)
        bytes[index.body.lowerBound + index.body.count / 3] ^= 0x20
        folder.write(name, bytes)
        #expect { try Self.open(folder) } throws: { "\($0)".contains("(index, 1 items)") }
        var options = StoreOptions(snapshotAfterMutations: 0, snapshotAfterSeconds: 0)
        options.repair = true
        let store = try Self.open(folder, options)
        defer { try? store.close() }
        #expect(store.stats().contacts == 50)
        #expect(store.recovery.dropped.first?.contains("the index is rebuilt from the contacts") == true)
        #expect(try store.search(SearchQuery("maria store 7")).hits.first?.id == "c7")
    }

    @Test func filesFromAFutureFormatVersionAreRefused() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        do {
            let store = try Self.open(folder)
            _ = try store.upsert(json: Self.contact(1))
            try store.close(snapshot: false)
        }
        var log = folder.read("log-00000001.cilog")
        log[8] = 9
        folder.write("log-00000001.cilog", log)
        #expect { try Self.open(folder) } throws: { "\($0)".contains("newer version (log format 9") }
        log[8] = 1
        folder.write("log-00000001.cilog", log)
        do {
            let store = try Self.open(folder)
            try store.close()
        }
        let name = folder.files().first { $0.hasSuffix(".cisnap") }!
        var snapshot = folder.read(name)
        snapshot[8] = 7
        folder.write(name, snapshot)
        var options = StoreOptions()
        options.repair = true
        #expect { try Self.open(folder, options) } throws: { "\($0)".contains("newer version (snapshot format 7") }
    }

    @Test func aSecondStoreOnTheSameFolderIsRefusedUntilTheFirstCloses() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let first = try Self.open(folder)
        #expect { try Self.open(folder) } throws: { "\($0)".contains("in use by another process") }
        try first.close()
        let second = try Self.open(folder)
        try second.close()
    }

    @Test func aWriteToAFullDiskFailsWithoutAcknowledgementAndLeavesTheFilesIntact() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let faults = StorageFaults()
        do {
            let store = try Self.open(folder, faults: faults)
            for i in 0..<10 { _ = try store.upsert(json: Self.contact(i)) }
            faults.failWrites(with: ENOSPC, afterBytes: 20)
            #expect { try store.upsert(json: Self.contact(10)) } throws: {
                ($0 as? ContactIndexError)?.code == "storage_error" && "\($0)".contains("No space left on device")
            }
            #expect(store.get(id: "c10") == nil)
            #expect { try store.delete(id: "c1") } throws: { ($0 as? ContactIndexError)?.code == "storage_error" }
            #expect(store.get(id: "c1") != nil)
            #expect { try store.snapshot() } throws: { ($0 as? ContactIndexError)?.code == "storage_error" }
            faults.failWrites(with: nil)
            _ = try store.upsert(json: Self.contact(11))
            try store.close(snapshot: false)
        }
        let store = try Self.open(folder)
        defer { try? store.close() }
        #expect(store.recovery.warnings.isEmpty)
        #expect(store.recovery.dropped.isEmpty)
        #expect(store.stats().contacts == 11)
        #expect(store.get(id: "c10") == nil)
        #expect(store.get(id: "c11") != nil)
    }

    @Test func aBatchOfUpsertsAnswersEachLineAsUpsertsOneByOneWouldAndSurvivesAReopen() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        do {
            let store = try Self.open(folder)
            _ = try store.upsert(json: #"{"_id":"old","name":"Olga Before"}"#)
            let lines = [
                #"{"_id":"a","name":"Ana Batch","phones":["+55 51 5555-0001"]}"#,
                #"{"_id":"b","name":"#,
                #"{"_id":"old","name":"Olga After"}"#,
                #"{"_id":"a","name":"Ana Again"}"#,
                #"{"name":"No Id Given","emails":["not an email"]}"#,
                #"{"_id":"c","customFields":{"x":"only a custom field"}}"#,
            ]
            let (results, position) = try store.upsertUnsynced(batch: lines.map { Array($0.utf8)[...] })
            try store.waitUntilDurable(try #require(position))
            #expect(results.count == 6)
            #expect(try results[0].get() == ContactIndex.UpsertResult(id: "a", created: true, warnings: []))
            #expect(throws: ContactIndexError.self) { try results[1].get() }
            #expect(try results[2].get() == ContactIndex.UpsertResult(id: "old", created: false, warnings: []))
            #expect(try results[3].get() == ContactIndex.UpsertResult(id: "a", created: false, warnings: []))
            let generated = try results[4].get()
            #expect(generated.created && !generated.id.isEmpty && generated.warnings.map(\.field) == ["emails.0"])
            #expect { try results[5].get() } throws: { ($0 as? ContactIndexError)?.code == "invalid_contact" }
            #expect(store.get(id: "a")?.name == "Ana Again")
            #expect(try store.search(SearchQuery("olga")).hits.map(\.contact.name) == ["Olga After"])
            #expect(try store.search(SearchQuery("before")).total == 0)
            try store.close(snapshot: false)
        }
        let store = try Self.open(folder)
        defer { try? store.close() }
        #expect(store.recovery.replayedRecords == 5)
        #expect(store.stats().contacts == 3)
        #expect(store.get(id: "a")?.name == "Ana Again")
        #expect(store.get(id: "old")?.name == "Olga After")
        #expect(try store.search(SearchQuery("again")).hits.map(\.id) == ["a"])
    }

    @Test func aBatchOfUpsertsTheDiskRefusesAppliesNoneOfIt() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let faults = StorageFaults()
        let store = try Self.open(folder, faults: faults)
        defer { try? store.close() }
        faults.failWrites(with: ENOSPC, afterBytes: 20)
        #expect { try store.upsertUnsynced(batch: (0..<3).map { Array(Self.contact($0).utf8)[...] }) } throws: {
            ($0 as? ContactIndexError)?.code == "storage_error"
        }
        #expect(store.stats().contacts == 0)
    }

    @Test func aBatchOfUpsertsStoresTheLastChatOfAContactsConversations() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let store = try Self.open(folder)
        defer { try? store.close() }
        _ = try store.upsert(json: #"{"_id":"k","name":"Kim Chat"}"#)
        _ = try ConversationStoreTests.put(store, ConversationStoreTests.conversation("v1", contact: "k", day: 3, closedDay: 4))
        let (results, _) = try store.upsertUnsynced(batch: [Array(#"{"_id":"k","name":"Kim Renamed"}"#.utf8)[...]])
        #expect(try results[0].get().created == false)
        #expect(store.get(id: "k")?.name == "Kim Renamed")
        #expect(store.get(id: "k")?.lastChatMillis == ISOTime.parse("2026-01-03T10:00:00.000Z"))
    }

    @Test func aReadOnlyFolderRefusesWritesWithAClearError() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let faults = StorageFaults()
        let store = try Self.open(folder, faults: faults)
        _ = try store.upsert(json: Self.contact(1))
        faults.failWrites(with: EROFS)
        #expect { try store.upsert(json: Self.contact(2)) } throws: { "\($0)".contains("Read-only file system") }
        #expect { try store.snapshot() } throws: { "\($0)".contains("Read-only file system") }
        faults.failWrites(with: nil)
        try store.close(snapshot: false)
        let reopened = try Self.open(folder)
        #expect(reopened.stats().contacts == 1)
        try reopened.close()
    }

    @Test func snapshotsTakenWhileWritersAndReadersRunLoseNothing() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let writers = 4, perWriter = 300
        do {
            let store = try Self.open(folder)
            let finished = SharedCounter()
            DispatchQueue.concurrentPerform(iterations: writers + 2) { worker in
                if worker < writers {
                    for i in 0..<perWriter { _ = try! store.upsert(json: Self.contact(worker * 10_000 + i)) }
                    finished.increment()
                } else if worker == writers {
                    while finished.value < writers { try! store.snapshot() }
                } else {
                    while finished.value < writers {
                        let result = try! store.search(SearchQuery("maria st", limit: 5))
                        #expect(result.hits.count == min(5, result.total))
                    }
                }
            }
            try store.close(snapshot: false)
        }
        let store = try Self.open(folder)
        defer { try? store.close() }
        #expect(store.stats().contacts == writers * perWriter)
        for worker in 0..<writers {
            #expect(store.get(id: "c\(worker * 10_000 + perWriter - 1)") != nil)
        }
    }

    @Test(arguments: FsyncPolicy.allCases)
    func everyFsyncPolicyKeepsWritesAcrossAReopen(policy: FsyncPolicy) throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        do {
            let store = try Self.open(folder, StoreOptions(fsync: policy, snapshotAfterMutations: 0, snapshotAfterSeconds: 0))
            DispatchQueue.concurrentPerform(iterations: 8) { worker in
                for i in 0..<25 { _ = try! store.upsert(json: Self.contact(worker * 100 + i)) }
            }
            try store.close(snapshot: false)
        }
        let store = try Self.open(folder)
        #expect(store.stats().contacts == 200)
        try store.close()
    }

    @Test func anAutomaticSnapshotFollowsTheConfiguredNumberOfMutations() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let store = try Self.open(folder, StoreOptions(snapshotAfterMutations: 50, snapshotAfterSeconds: 0))
        defer { try? store.close() }
        for i in 0..<60 { _ = try store.upsert(json: Self.contact(i)) }
        var waited = 0
        while store.lastSnapshotReport == nil && waited < 100 {
            usleep(50_000)
            waited += 1
        }
        #expect(store.lastSnapshotReport?.contacts ?? 0 >= 50)
    }
}

/// A counter shared between test threads.
final class SharedCounter: @unchecked Sendable {
    private let lock = Lock()
    private var count = 0

    var value: Int { lock.withLock { count } }

    func increment() { lock.withLock { count += 1 } }
}
