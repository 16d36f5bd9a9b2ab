import Glibc
import Dispatch
import Testing
@testable import ContactIndex

@Suite struct ConcurrencyTests {
    /// Readers run while one writer upserts and deletes: every search sees a consistent state
    /// (each hit is a live contact that matches), and every write is found once it returned.
    @Test func concurrentReadersSeeConsistentStatesWhileOneWriterWrites() throws {
        let index = try ContactIndex(defaultRegion: "BR")
        index.load((0..<2000).map { i in
            try! index.parser.parse(.object(JSONObject([("_id", .string("base\(i)")), ("name", .string("Maria Base \(i)"))]))).contact
        })
        let writes = 1500
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            if worker == 0 {
                for i in 0..<writes {
                    _ = try! index.upsert(json: #"{"_id":"w\#(i)","name":"Maria Writer \#(i)","phones":["+55 51 9\#(String(format: "%04d", i))-0000"]}"#)
                    #expect(index.get(id: "w\(i)") != nil)
                    if i % 5 == 0 { index.delete(id: "base\(i)") }
                    if i == writes / 2 { index.setField("x", CustomFieldDefinition(searchable: true)) }
                }
            } else {
                for q in 0..<300 {
                    let result = try! index.search(SearchQuery(["maria", "mar", "m", "writer", "base 1"][q % 5], limit: 20))
                    #expect(result.hits.count == min(20, result.total))
                    for hit in result.hits {
                        #expect(hit.contact.name?.lowercased().hasPrefix("maria") == true)
                    }
                }
            }
        }
        #expect(try index.search(SearchQuery("writer")).total == writes)
        #expect(try index.search(SearchQuery("base")).total == 2000 - writes / 5)
        #expect(index.stats().contacts == 2000 + writes - writes / 5)
    }

    /// Readers that mistype run the typo pass (its word cache, its pooled maps, prefixes
    /// materialized on first use) while one writer adds contacts that the same queries find:
    /// every hit is a live contact matched with the edits the query needed, and nothing is lost.
    @Test func concurrentTypoSearchesSeeConsistentStatesWhileOneWriterWrites() throws {
        let index = try ContactIndex(defaultRegion: "BR", schema: FieldSchema(), materializeThreshold: 16)
        let last = ["Silva", "Santos", "Souza", "Oliveira"]
        index.load((0..<3000).map { i in
            try! index.parser.parse(.object(JSONObject([("_id", .string("base\(i)")), ("name", .string("Maria \(last[i % 4]) \(i)"))]))).contact
        })
        let writes = 1000
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            if worker == 0 {
                for i in 0..<writes { _ = try! index.upsert(json: #"{"_id":"w\#(i)","name":"Mario Silveira \#(i)"}"#) }
            } else {
                for q in 0..<150 {
                    let result = try! index.search(SearchQuery(["marai silv", "mraia s", "maria slva", "mario silveria"][(q + worker) % 4], limit: 20))
                    #expect(result.hits.count == min(20, result.total))
                    for hit in result.hits {
                        #expect(hit.typos > 0)
                        #expect(index.get(id: hit.id) != nil)
                        #expect(hit.contact.name?.lowercased().hasPrefix("mari") == true)
                    }
                }
            }
        }
        #expect(try index.search(SearchQuery("mario silveria")).total == writes)
        #expect(try index.search(SearchQuery("marai silv")).total == 750 + writes)
    }

    /// A rebuild (re-indexing a custom field) runs beside the live index: searches keep
    /// answering and writes made meanwhile are not lost.
    @Test func writesDuringARebuildAreKept() throws {
        let index = try ContactIndex(defaultRegion: "BR")
        index.load((0..<5000).map { i in
            try! index.parser.parse(.object(JSONObject([
                ("_id", .string("c\(i)")), ("name", .string("Ana \(i)")),
                ("customFields", .object(JSONObject([("city", .string("Porto \(i % 7)"))]))),
            ]))).contact
        })
        DispatchQueue.concurrentPerform(iterations: 3) { worker in
            switch worker {
            case 0: index.setField("city", CustomFieldDefinition(searchable: true))
            case 1:
                for i in 0..<500 { _ = try! index.upsert(json: #"{"_id":"new\#(i)","name":"Bia \#(i)","customFields":{"city":"Porto"}}"#) }
            default:
                for _ in 0..<200 { #expect(try! index.search(SearchQuery("ana")).total == 5000) }
            }
        }
        #expect(try index.search(SearchQuery("bia")).total == 500)
        #expect(try index.search(SearchQuery("porto")).total == 5500)
    }
}

@Suite struct BackgroundRebuildTests {
    /// Contacts written one at a time land out of ranking order; past a tenth of the index (and
    /// at least 10,000) a rebuild runs in the background and puts them back in order.
    @Test func manyWritesTriggerABackgroundRebuild() throws {
        let index = try ContactIndex(defaultRegion: "BR")
        let count = 12_000
        for i in 0..<count {
            _ = try index.upsert(json: #"{"_id":"c\#(i)","name":"Name \#(i)","lastChat":{"ts":"2024-01-01T00:00:00Z"}}"#)
        }
        var waited = 0
        while index.staleDocuments.count >= Maintenance.rebuildThreshold(documents: count), waited < 600 {
            usleep(50_000)
            waited += 1
        }
        #expect(index.staleDocuments.count < Maintenance.rebuildThreshold(documents: count))
        #expect(try index.search(SearchQuery("name")).total == count)
        #expect(try index.search(SearchQuery("name 11999")).hits.map(\.id) == ["c11999"])
    }

    /// Writes past a tenth of the index but not half of it wait for the writes to pause: the
    /// rebuild comes after the stream, not during it.
    @Test func aRebuildOfLessThanHalfTheIndexWaitsForWritesToPause() throws {
        let index = try ContactIndex(defaultRegion: "BR")
        let ranked = 30_000, written = 12_000
        index.load((0..<ranked).map { i in
            try! index.parser.parse(Array(#"{"_id":"r\#(i)","name":"Ranked \#(i)"}"#.utf8)).contact
        })
        #expect(index.staleDocuments.count == 0)
        for i in 0..<written {
            _ = try index.upsert(json: #"{"_id":"w\#(i)","name":"Written \#(i)","lastChat":{"ts":"2024-01-01T00:00:00Z"}}"#)
        }
        let stale = index.staleDocuments
        #expect(stale.count > Maintenance.rebuildThreshold(documents: stale.documents))
        #expect(stale.count <= Maintenance.streamingRebuildThreshold(documents: stale.documents))
        var waited = 0
        while index.staleDocuments.count >= Maintenance.rebuildThreshold(documents: ranked + written), waited < 1200 {
            usleep(50_000)
            waited += 1
        }
        #expect(index.staleDocuments.count == 0)
        #expect(try index.search(SearchQuery("written")).total == written)
        #expect(try index.search(SearchQuery("w")).hits.first?.id == "w0")
    }
}

/// The start of background work once calls stop coming.
@Suite struct MaintenanceTests {
    /// Calls every 50 ms for 0.6 s with a pause of 0.4 s: the work runs once, and not before
    /// the pause after the last call.
    @Test func workAfterAPauseRunsOnceAndOnlyOnceTheCallsStop() {
        let maintenance = Maintenance()
        final class Runs: @unchecked Sendable {
            let lock = Lock()
            var times: [UInt64] = []
        }
        let runs = Runs()
        var lastCall: UInt64 = 0
        for _ in 0..<12 {
            lastCall = DispatchTime.now().uptimeNanoseconds
            maintenance.startAfterPause(of: 0.4) { runs.lock.withLock { runs.times.append(DispatchTime.now().uptimeNanoseconds) } }
            usleep(50_000)
        }
        var waited = 0
        while runs.lock.withLock({ runs.times.isEmpty }), waited < 100 {
            usleep(50_000)
            waited += 1
        }
        usleep(600_000)
        let times = runs.lock.withLock { runs.times }
        #expect(times.count == 1)
        #expect(times.allSatisfy { $0 >= lastCall + 400_000_000 })
    }
}
