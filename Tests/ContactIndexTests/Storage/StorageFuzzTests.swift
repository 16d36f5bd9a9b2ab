import Testing
@testable import ContactIndex

/// Damaged files of every kind: reading them never crashes, and damage is reported, not hidden.
@Suite struct StorageFuzzTests {
    static func segmentAndSnapshot() throws -> (segment: [UInt8], snapshot: [UInt8]) {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let store = try ContactStoreTests.open(folder)
        for i in 0..<30 { _ = try store.upsert(json: ContactStoreTests.contact(i)) }
        try store.snapshot()
        for i in 30..<40 { _ = try store.upsert(json: ContactStoreTests.contact(i)) }
        try store.delete(id: "c1")
        try store.setField("company", CustomFieldDefinition(searchable: true, label: "Company"))
        try store.close(snapshot: false)
        let segment = folder.files().first { $0.hasSuffix(".cilog") }!
        let snapshot = folder.files().first { $0.hasSuffix(".cisnap") }!
        return (folder.read(segment), folder.read(snapshot))
    }

    @Test func randomlyDamagedLogSegmentsAreReadWithoutCrashingAndKeepOnlyValidRecords() throws {
        let (segment, _) = try Self.segmentAndSnapshot()
        let clean = try LogReader.scan(segment, path: "log")
        #expect(clean.records.count == 12)
        #expect(clean.damage.isEmpty)
        var random = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            var bytes = segment
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let at = Int.random(in: LogFormat.headerSize..<bytes.count, using: &random)
                bytes[at] = UInt8.random(in: 0...255, using: &random)
            }
            if Bool.random(using: &random) { bytes.removeLast(Int.random(in: 0..<(bytes.count - LogFormat.headerSize), using: &random)) }
            let scan = try LogReader.scan(bytes, path: "log")
            let valid = clean.records.map(\.mutation)
            for record in scan.records { #expect(valid.contains(record.mutation)) }
            if scan.records.count < clean.records.count { #expect(!scan.damage.isEmpty || bytes.count < segment.count) }
        }
    }

    @Test func randomBytesAreNeverTakenForALogOrASnapshot() throws {
        var random = SystemRandomNumberGenerator()
        let folder = TemporaryFolder()
        defer { folder.remove() }
        for _ in 0..<200 {
            let bytes = (0..<Int.random(in: 0...200, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            if let scan = try? LogReader.scan(bytes, path: "log") { #expect(scan.records.isEmpty) }
            folder.write("s.cisnap", bytes)
            #expect(throws: ContactIndexError.self) { try SnapshotReader.read(folder.file("s.cisnap"), repair: false, region: "BR") }
        }
    }

    @Test func randomlyDamagedSnapshotsAreRefusedOrRepairedWithoutCrashing() throws {
        let (_, snapshot) = try Self.segmentAndSnapshot()
        let folder = TemporaryFolder()
        defer { folder.remove() }
        var random = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            var bytes = snapshot
            let at = Int.random(in: 0..<bytes.count, using: &random)
            if Bool.random(using: &random) {
                bytes[at] ^= UInt8.random(in: 1...255, using: &random)
            } else {
                bytes.removeLast(bytes.count - at)
            }
            folder.write("s.cisnap", bytes)
            #expect(throws: ContactIndexError.self) { try SnapshotReader.read(folder.file("s.cisnap"), repair: false, region: "BR") }
            do {
                let repaired = try SnapshotReader.read(folder.file("s.cisnap"), repair: true, region: "BR")
                #expect(!repaired.dropped.isEmpty)
                #expect((repaired.image?.docs.aliveCount ?? repaired.contacts.count) <= 30)
            } catch {
                #expect(error.code == "storage_error")
            }
        }
    }
}
