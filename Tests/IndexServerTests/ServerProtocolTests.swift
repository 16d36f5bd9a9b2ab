import Dispatch
import Foundation
import Glibc
import Testing
@testable import ContactIndex
@testable import IndexServer

@Suite struct ServerProtocolTests {
    static let ana = #"{"_id":"ana","name":"Ana Souza","emails":["ana@example.com"],"phones":["(51) 5555-5555"],"customFields":{"company":"Acme"}}"#

    @Test func everyVerbAnswersAsTheProtocolSays() throws {
        let server = try TestServer()
        defer { server.stop() }
        let client = try server.client()
        #expect(try client.call("PING") == .object(JSONObject([("ok", .bool(true))])))
        #expect(try client.call("ping")["ok"] == .bool(true))
        #expect(try client.call("AUTH secret").errorCode == "bad_request")

        let put = try client.call("PUT " + Self.ana)
        #expect(put["id"] == .string("ana"))
        #expect(put["created"] == .bool(true))
        #expect(put["warnings"] == .array([]))
        #expect(try client.call("PUT " + Self.ana)["created"] == .bool(false))
        let warned = try client.call(#"PUT {"name":"Bad Phone","phones":["+999 1234"]}"#)
        #expect(warned["warnings"]?.arrayValue?.first?["field"] == .string("phones.0"))

        #expect(try client.call("GET ana")["contact"]?["name"] == .string("Ana Souza"))
        #expect(try client.call("GET nobody").errorCode == "not_found")

        let search = try client.call("SEARCH ana 5555")
        #expect(search["total"] == .number("1"))
        let hit = search["hits"]?.arrayValue?.first
        #expect(hit?["id"] == .string("ana"))
        #expect(hit?["score"] != nil)
        #expect(hit?["contact"]?["emails"]?.arrayValue?.count == 1)
        #expect(hit?["highlights"]?["name"] == .array([.array([.number("0"), .number("3")])]))
        #expect(search["tookMicros"] != nil)
        let options = try client.call(#"SEARCH {"q":"a","limit":1,"offset":0,"fields":["name"],"filter":{"channel":"livechat"}}"#)
        #expect(options["ok"] == .bool(true))
        #expect(options["total"] == .number("0"))
        #expect(try client.call(#"SEARCH {"q":"a","limit":0}"#).errorCode == "bad_request")
        #expect(try client.call(#"SEARCH {"q":"a","colour":"red"}"#).errorCode == "bad_request")
        let typo = try client.call("SEARCH suoza")["hits"]?.arrayValue?.first
        #expect(typo?["id"] == .string("ana"))
        #expect(typo?["typos"] == .number("1"))
        #expect(typo?["typoWords"] == .array([.string("suoza")]))
        #expect(try client.call(#"SEARCH {"q":"suoza","typos":0}"#)["total"] == .number("0"))
        #expect(try client.call(#"SEARCH {"q":"suoza","typos":5}"#).errorCode == "bad_request")

        #expect(try client.call("LOOKUP email ANA@example.com")["ids"] == .array([.string("ana")]))
        #expect(try client.call("LOOKUP phone +55 51 5555-5555")["ids"] == .array([.string("ana")]))
        #expect(try client.call("LOOKUP fax 1").errorCode == "bad_request")

        #expect(try client.call("SEARCH acme")["total"] == .number("0"))
        #expect(try client.call(#"FIELD company {"searchable":true,"label":"Company"}"#)["ok"] == .bool(true))
        #expect(try client.call("SEARCH acme")["total"] == .number("1"))
        #expect(try client.call("FIELDS")["fields"]?["company"]?["label"] == .string("Company"))
        #expect(try client.call(#"FIELD company {"searchable":"yes"}"#).errorCode == "bad_request")

        let analysis = try client.call(#"ANALYZE {"kind":"phone","value":"(51) 5555-5555","region":"BR"}"#)
        #expect(analysis["e164"] == .string("+555155555555"))
        #expect(try client.call(#"ANALYZE {"kind":"text","value":"José"}"#)["ok"] == .bool(true))
        #expect(try client.call(#"ANALYZE {"kind":"phone","value":"1","region":"ZZ"}"#).errorCode == "bad_request")

        let snapshot = try client.call("SNAPSHOT")
        #expect(snapshot["contacts"] == .number("2"))
        #expect(snapshot["bytes"] != nil && snapshot["tookMillis"] != nil)
        let stats = try client.call("STATS")
        #expect(stats["contacts"] == .number("2"))
        #expect(stats["connections"] == .number("1"))
        #expect(stats["lastSnapshotAt"]?.stringValue?.hasSuffix("Z") == true)
        for key in ["keys", "memoryBytes", "uptimeSeconds", "logBytes"] { #expect(stats[key] != nil, "\(key)") }

        #expect(try client.call("DEL ana")["deleted"] == .bool(true))
        #expect(try client.call("DEL ana")["deleted"] == .bool(false))
        #expect(try client.call("QUIT")["ok"] == .bool(true))
        #expect(try client.isClosedByServer())
    }

    @Test func badRequestsGetStableErrorCodesAndTheConnectionStaysOpen() throws {
        let server = try TestServer()
        defer { server.stop() }
        let client = try server.client()
        let cases: [([UInt8], String)] = [
            (Array("".utf8), "bad_request"),
            (Array("PING\u{0}".utf8), "bad_request"),
            ([0x50, 0x55, 0x54, 0x20, 0xFF, 0xFE], "invalid_utf8"),
            (Array("FROB x".utf8), "unknown_verb"),
            (Array("PUT {\"name\":".utf8), "bad_json"),
            (Array("PUT".utf8), "bad_request"),
            (Array(#"PUT {"emails":[]}"#.utf8), "invalid_contact"),
            (Array(#"PUT {"name":"\#(String(repeating: "x", count: 2000))"}"#.utf8), "too_large"),
            (Array("GET".utf8), "bad_request"),
            (Array("SEARCH {\"q\":1}".utf8), "bad_request"),
        ]
        for (line, code) in cases {
            try client.sendRaw(line + [0x0A])
            #expect(try client.receive().errorCode == code, "\(String(decoding: line.prefix(40), as: UTF8.self))")
        }
        try client.sendRaw(Array("PING\r\n".utf8))
        #expect(try client.receive()["ok"] == .bool(true))
    }

    @Test func aLineOverTheLimitIsAnsweredThenTheConnectionClosesAndOthersGoOn() throws {
        let server = try TestServer()
        defer { server.stop() }
        let other = try server.client()
        let client = try server.client()
        try client.sendRaw([UInt8](repeating: UInt8(ascii: "a"), count: 2 << 20))
        #expect(try client.receive().errorCode == "line_too_long")
        #expect(try client.isClosedByServer())
        #expect(try other.call("PING")["ok"] == .bool(true))
    }

    @Test func aThousandPipelinedRequestsAreAnsweredInOrder() throws {
        let server = try TestServer()
        defer { server.stop() }
        let client = try server.client()
        var lines: [String] = []
        for i in 0..<1000 {
            lines.append(i % 2 == 0 ? #"PUT {"_id":"p\#(i)","name":"Pipe \#(i)"}"# : "GET p\(i - 1)")
        }
        try client.sendRaw(Array(lines.map { $0 + "\n" }.joined().utf8))
        for i in 0..<1000 {
            let response = try client.receive()
            if i % 2 == 0 {
                #expect(response["id"] == .string("p\(i)"))
            } else {
                #expect(response["contact"]?["_id"] == .string("p\(i - 1)"))
            }
        }
        #expect(server.store.stats().contacts == 500)
    }

    @Test func pipelinedPutsAreAnsweredOneByOneAndInOrderAmongOtherRequests() throws {
        let tokens = try TokenFile(text: "read reader-token-123\nwrite writer-token-456\n")
        let server = try TestServer { $0.tokens = tokens }
        defer { server.stop() }
        let client = try server.client()
        let lines = [
            "AUTH reader-token-123",
            #"PUT {"_id":"a","name":"Ana Zero"}"#,
            "AUTH writer-token-456",
            #"PUT {"_id":"a","name":"Ana One"}"#,
            #"put {"_id":"b","name":"Bia One"}"#,
            #"PUT {"_id":"c","name":"#,
            #"PUT {"_id":"a","name":"Ana Two"}"#,
            #"PUT {"_id":"d","customFields":{"x":"y"}}"#,
            "PUT ",
            "GET a",
            #"PUT {"_id":"b","name":"Bia Two"}"#,
            "GET b",
        ]
        try client.sendRaw(Array(lines.map { $0 + "\n" }.joined().utf8))
        let replies = try lines.map { _ in try client.receive() }
        #expect(replies[0]["role"] == .string("read"))
        #expect(replies[1].errorCode == "forbidden")
        #expect(replies[2]["role"] == .string("write"))
        #expect(replies[3]["id"] == .string("a") && replies[3]["created"] == .bool(true))
        #expect(replies[4]["id"] == .string("b") && replies[4]["created"] == .bool(true))
        #expect(replies[5].errorCode == "bad_json")
        #expect(replies[6]["id"] == .string("a") && replies[6]["created"] == .bool(false))
        #expect(replies[7].errorCode == "invalid_contact")
        #expect(replies[8].errorCode == "bad_request")
        #expect(replies[9]["contact"]?["name"] == .string("Ana Two"))
        #expect(replies[10]["id"] == .string("b") && replies[10]["created"] == .bool(false))
        #expect(replies[11]["contact"]?["name"] == .string("Bia Two"))
        #expect(server.store.stats().contacts == 2)
    }

    @Test func sixtyFourConcurrentClientsGetTheirOwnRepliesInOrder() throws {
        let server = try TestServer()
        defer { server.stop() }
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: 64) { worker in
            do {
                let client = try server.client()
                for i in 0..<30 {
                    let word = Self.letters(worker * 30 + i)
                    try client.send(#"PUT {"_id":"w\#(worker)-\#(i)","name":"Worker \#(word)"}"#, "GET w\(worker)-\(i)", "SEARCH worker \(word)")
                    let put = try client.receive(), get = try client.receive(), search = try client.receive()
                    if put["id"] != .string("w\(worker)-\(i)") || get["contact"]?["_id"] != .string("w\(worker)-\(i)")
                        || search["hits"]?.arrayValue?.first?["id"] != .string("w\(worker)-\(i)")
                    {
                        failures.add("worker \(worker) item \(i)")
                    }
                }
            } catch {
                failures.add("worker \(worker): \(error)")
            }
        }
        #expect(failures.all.isEmpty, "\(failures.all.prefix(5))")
        #expect(server.store.stats().contacts == 64 * 30)
    }

    /// A distinct word of letters for a number.
    static func letters(_ n: Int) -> String {
        var n = n, word = ""
        repeat {
            word.append(Character(Unicode.Scalar(UInt8(ascii: "a") + UInt8(n % 26))))
            n /= 26
        } while n > 0
        return "zq" + word
    }

    @Test func aThousandConcurrentConnectionsAreServed() throws {
        #expect(FileLimit.raise(to: 2200) >= 2200)
        let server = try TestServer()
        defer { server.stop() }
        let clients = try (0..<1000).map { _ in try server.client() }
        for (i, client) in clients.enumerated() { try client.send("GET c\(i)") }
        for client in clients { #expect(try client.receive().errorCode == "not_found") }
        #expect(try clients[999].call("STATS")["connections"] == .number("1000"))
    }

    @Test func clientsThatMisbehaveDoNotHurtTheServerOrOthers() throws {
        let server = try TestServer { $0.maximumUnreadBytes = 256 << 10 }
        defer { server.stop() }
        let steady = try server.client()
        #expect(try steady.call("PUT " + Self.ana)["ok"] == .bool(true))
        let padding = String(repeating: "x", count: 500)
        for i in 0..<100 { _ = try server.store.upsert(json: #"{"_id":"big\#(i)","name":"Big \#(i)","customFields":{"note":"\#(padding)"}}"#) }

        let halfLine = try server.client()
        try halfLine.sendRaw(Array(#"PUT {"_id":"half","name":"Ha"#.utf8))
        halfLine.disconnect()

        let neverReads = try server.client()
        var requests: [UInt8] = []
        for _ in 0..<2000 { requests += Array(#"SEARCH {"q":"","limit":100}"#.utf8) + [0x0A] }
        _ = requests.withUnsafeBytes { send(neverReads.fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT)) }

        for _ in 0..<20 { #expect(try steady.call("PING")["ok"] == .bool(true)) }
        #expect(try steady.call("GET ana")["contact"] != nil)
        #expect(try steady.call("GET half").errorCode == "not_found")
        #expect(server.store.stats().contacts == 101)
        #expect(try neverReads.isClosedByServer())
    }

    @Test func anIdleConnectionIsClosedAfterTheTimeout() throws {
        let server = try TestServer { $0.idleTimeoutSeconds = 1 }
        defer { server.stop() }
        let client = try server.client()
        #expect(try client.call("PING")["ok"] == .bool(true))
        #expect(try client.isClosedByServer())
    }

    @Test func connectionsPastTheLimitAreToldBusy() throws {
        let server = try TestServer { $0.maximumConnections = 2 }
        defer { server.stop() }
        let first = try server.client(), second = try server.client()
        #expect(try first.call("PING")["ok"] == .bool(true))
        #expect(try second.call("PING")["ok"] == .bool(true))
        let third = try server.client()
        #expect(try third.receive().errorCode == "busy")
        #expect(try first.call("PING")["ok"] == .bool(true))
    }

    @Test func aWriteThatCannotReachTheLogIsNotAcknowledged() throws {
        let server = try TestServer()
        defer { server.stop() }
        let client = try server.client()
        server.faults.failWrites(with: ENOSPC)
        let failed = try client.call("PUT " + Self.ana)
        #expect(failed.errorCode == "storage_error")
        #expect(failed["error"]?["message"]?.stringValue?.contains("No space left") == true)
        #expect(try client.call("GET ana").errorCode == "not_found")
        server.faults.failWrites(with: nil)
        #expect(try client.call("PUT " + Self.ana)["created"] == .bool(true))
    }

    static let call = #"{"_id":"v1","kind":"call","contactId":"ana","name":"Ana Souza","phone":"(51) 5555-5555","agents":["a1"],"status":"open","tags":["refund"],"createdAt":"2026-01-02T10:00:00Z","direction":"inbound"}"#

    @Test func conversationVerbsAnswerAsTheProtocolSaysAndAlwaysAskWhoAsks() throws {
        let server = try TestServer()
        defer { server.stop() }
        let client = try server.client()
        #expect(try client.call("PUT " + Self.ana)["ok"] == .bool(true))
        let put = try client.call("CPUT " + Self.call)
        #expect(put["id"] == .string("v1"))
        #expect(put["created"] == .bool(true))
        #expect(put["warnings"] == .array([]))
        #expect(try client.call(#"CPUT {"kind":"chat","contactId":"nobody","status":"open"}"#).errorCode == "invalid_conversation")
        #expect(try client.call("CPUT {").errorCode == "bad_json")
        #expect(try client.call("CPUT").errorCode == "bad_request")

        for missingAs in ["CGET v1", #"CGET {"id":"v1"}"#, #"CSEARCH {"q":"ana"}"#, #"HISTORY {"contactId":"ana"}"#,
                          #"CSEARCH {"q":"ana","as":{"role":"agent"}}"#, #"CSEARCH {"q":"ana","as":{"agent":""}}"#] {
            #expect(try client.call(missingAs).errorCode == "bad_request", "\(missingAs)")
        }
        #expect(try client.call(#"CGET {"id":"v1","as":{"agent":"a1"}}"#)["conversation"]?["tags"] == .array([.string("refund")]))
        #expect(try client.call(#"CGET {"id":"v1","as":{"agent":"a2"}}"#).errorCode == "not_found")
        #expect(try client.call(#"CGET {"id":"v1","as":{"role":"manager"}}"#)["ok"] == .bool(true))

        let search = try client.call(#"CSEARCH {"q":"+55 51 5555","as":{"agent":"a1"},"filter":{"kind":"call","status":"open","tag":"refund","createdAt":{"from":"2026-01-01T00:00:00Z","to":1900000000000}},"limit":5}"#)
        #expect(search["total"] == .number("1"))
        let hit = search["hits"]?.arrayValue?.first
        #expect(hit?["conversation"]?["_id"] == .string("v1"))
        #expect(hit?["highlights"]?["phone"] != nil)
        #expect(search["tookMicros"] != nil)
        #expect(try client.call(#"CSEARCH {"q":"ana","as":{"agent":"a2"}}"#)["total"] == .number("0"))
        #expect(try client.call(#"CSEARCH {"q":"ana","as":{"role":"manager"},"filter":{"kind":"fax"}}"#).errorCode == "bad_request")
        #expect(try client.call(#"CSEARCH {"q":"ana","as":{"role":"manager"},"filter":{"closedAt":{"from":"soon"}}}"#).errorCode
            == "bad_request")
        #expect(try client.call(#"CSEARCH {"q":"ana","as":{"role":"manager"},"limit":1000}"#).errorCode == "bad_request")

        #expect(try client.call("DEL ana").errorCode == "has_open_conversations")
        #expect(try client.call(#"HISTORY {"contactId":"ana","as":{"role":"manager"}}"#)["total"] == .number("0"))
        let closed = Self.call.replacingOccurrences(of: #""status":"open""#, with: #""status":"closed","closedAt":"2026-01-02T10:30:00Z""#)
        #expect(try client.call("CPUT " + closed)["created"] == .bool(false))
        let history = try client.call(#"HISTORY {"contactId":"ana","as":{"agent":"a1"},"limit":1,"offset":0}"#)
        #expect(history["total"] == .number("1"))
        #expect(history["conversations"]?.arrayValue?.first?["status"] == .string("closed"))
        #expect(try client.call(#"HISTORY {"contactId":"ana","as":{"agent":"a2"}}"#)["total"] == .number("0"))
        #expect(try client.call("STATS")["conversations"] == .number("1"))
        #expect(try client.call("CDEL v1")["deleted"] == .bool(true))
        #expect(try client.call("CDEL v1")["deleted"] == .bool(false))
        #expect(try client.call("DEL ana")["deleted"] == .bool(true))
    }

    @Test func tokensGateVerbsByRole() throws {
        let tokens = try TokenFile(text: "# tokens\nread reader-token-123\nwrite writer-token-456\n")
        let server = try TestServer { $0.tokens = tokens }
        defer { server.stop() }
        let client = try server.client()
        #expect(try client.call("PING")["ok"] == .bool(true))
        #expect(try client.call("GET x").errorCode == "unauthorized")
        #expect(try client.call("SEARCH a").errorCode == "unauthorized")
        #expect(try client.call("AUTH wrong").errorCode == "unauthorized")
        #expect(try client.call("AUTH reader-token-123")["role"] == .string("read"))
        #expect(try client.call("SEARCH a")["ok"] == .bool(true))
        for write in ["PUT " + Self.ana, "DEL ana", #"FIELD x {"searchable":true}"#, "SNAPSHOT", "CPUT " + Self.call, "CDEL v1"] {
            #expect(try client.call(write).errorCode == "forbidden", "\(write)")
        }
        #expect(try client.call("AUTH writer-token-456")["role"] == .string("write"))
        #expect(try client.call("PUT " + Self.ana)["ok"] == .bool(true))
        #expect(try client.call("SNAPSHOT")["ok"] == .bool(true))
        #expect(try client.call("AUTH reader-token-1234").errorCode == "unauthorized")
        #expect(try client.call("GET ana").errorCode == "unauthorized")
    }

    /// What a descriptor refers to (`socket:[…]`, `pipe:[…]`), or nil when it is closed: a number
    /// reused by another test's file refers to something else.
    static func target(of fd: Int32) -> String? {
        try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(fd)")
    }

    @Test func aServerReleasedAfterItStopsOrWithoutRunningClosesItsSocketAndPipe() throws {
        var held: [(Int32, String?)] = []
        do {
            let test = try TestServer()
            _ = try test.client().call("PING")
            held = test.server.fileDescriptors.map { ($0, Self.target(of: $0)) }
            test.stop()
        }
        let folder = NSTemporaryDirectory() + "/contact-index-unrun-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try ContactStore(folder: folder, options: StoreOptions(snapshotAfterMutations: 0, snapshotAfterSeconds: 0))
        defer { try? store.close(snapshot: false) }
        do {
            var configuration = ServerConfiguration()
            configuration.port = 0
            let unrun = try Server(store: store, configuration: configuration)
            held += unrun.fileDescriptors.map { ($0, Self.target(of: $0)) }
        }
        #expect(held.count == 6 && held.allSatisfy { $0.1 != nil })
        // A connection's thread lets go of its server a moment after the server stops waiting for it.
        let deadline = Date(timeIntervalSinceNow: 5)
        while held.contains(where: { Self.target(of: $0.0) == $0.1 }) && Date() < deadline { usleep(10_000) }
        for (fd, target) in held {
            #expect(Self.target(of: fd) != target, "descriptor \(fd) still refers to \(target ?? "")")
        }
    }

    @Test func aServerWithoutTokensRefusesANonLoopbackAddressUnlessInsecure() throws {
        let folder = NSTemporaryDirectory() + "/contact-index-insecure-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try ContactStore(folder: folder, options: StoreOptions(snapshotAfterMutations: 0, snapshotAfterSeconds: 0))
        defer { try? store.close(snapshot: false) }
        var configuration = ServerConfiguration()
        configuration.host = "0.0.0.0"
        configuration.port = 0
        #expect(throws: UsageError.self) { try Server(store: store, configuration: configuration) }
        configuration.insecure = true
        #expect(try Server(store: store, configuration: configuration).port > 0)
    }
}

/// Failures collected from many threads.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []

    var all: [String] { lock.withLock { items } }

    func add(_ failure: String) { lock.withLock { items.append(failure) } }
}
