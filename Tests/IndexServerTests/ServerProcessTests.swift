import Foundation
import Glibc
import Testing
import ContactIndex

/// The real `contact-index serve` process: graceful stops, crashes, restarts.
@Suite(.serialized) struct ServerProcessTests {
    static func folder() -> String {
        var template = Array((NSTemporaryDirectory() + "/contact-index-process-XXXXXX").utf8CString)
        return template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)) }
    }

    @Test func sigtermTakesASnapshotExitsCleanlyAndARestartFindsEveryContact() throws {
        let folder = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let server = try ServerProcess(folder: folder, arguments: ["--snapshot-every", "0", "--snapshot-seconds", "0"])
        let client = try TestClient(port: server.port)
        for i in 0..<50 { #expect(try client.call(#"PUT {"_id":"t\#(i)","name":"Term \#(i)"}"#)["ok"] == .bool(true)) }
        #expect(server.stop(signal: SIGTERM) == 0)
        #expect(server.stderrText.contains("snapshot taken"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).contains { $0.hasSuffix(".cisnap") })

        let restarted = try ServerProcess(folder: folder)
        defer { restarted.stop(signal: SIGTERM) }
        #expect(restarted.stderrText.contains("loaded 50 contacts (50 from the snapshot and its index, 0 log records replayed)"))
        let again = try TestClient(port: restarted.port)
        #expect(try again.call("GET t49")["contact"]?["name"] == .string("Term 49"))
        #expect(try again.call("SEARCH term")["total"] == .number("50"))
    }

    @Test func aSecondServerOnTheSameFolderIsRefused() throws {
        let folder = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let first = try ServerProcess(folder: folder)
        defer { first.stop(signal: SIGTERM) }
        #expect(throws: TestFailure.self) { try ServerProcess(folder: folder) }
    }

    /// A writer acknowledges contacts while the server is killed with SIGKILL at random moments;
    /// after each restart every acknowledged contact is found by GET and by SEARCH.
    @Test func everyAcknowledgedWriteSurvivesSigkillAtRandomMoments() throws {
        let folder = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var random = SystemRandomNumberGenerator()
        var acknowledged: [String] = []
        var next = 0
        for round in 0..<6 {
            let server = try ServerProcess(folder: folder, arguments: ["--snapshot-every", "150"])
            let client = try TestClient(port: server.port)
            for id in acknowledged.shuffled().prefix(40) {
                #expect(try client.call("GET \(id)")["contact"]?["_id"] == .string(id), "round \(round): \(id) lost")
            }
            if let last = acknowledged.last {
                let name = "crash " + ServerProtocolTests.letters(Int(last.dropFirst())!)
                #expect(try client.call("SEARCH \(name)")["hits"]?.arrayValue?.first?["id"] == .string(last))
            }
            let stats = try client.call("STATS")
            if case .number(let contacts) = stats["contacts"] { #expect(Int(contacts)! >= acknowledged.count) }

            let pid = server.process.processIdentifier
            let delay = UInt32.random(in: 20_000...300_000, using: &random)
            let killer = Thread {
                usleep(delay)
                kill(pid, SIGKILL)
            }
            killer.start()
            writing: while true {
                let batch = (0..<Int.random(in: 1...8, using: &random)).map { _ -> Int in
                    defer { next += 1 }
                    return next
                }
                do {
                    try client.send(batch.map { #"PUT {"_id":"k\#($0)","name":"Crash \#(ServerProtocolTests.letters($0))"}"# }.joined(separator: "\n"))
                    for n in batch {
                        guard let line = try client.readLine() else { break writing }
                        let response = try JSONParser.parse(line)
                        if response["id"] == .string("k\(n)") { acknowledged.append("k\(n)") }
                    }
                } catch {
                    break writing
                }
            }
            server.process.waitUntilExit()
        }
        let server = try ServerProcess(folder: folder)
        defer { server.stop(signal: SIGTERM) }
        let client = try TestClient(port: server.port)
        var lost: [String] = []
        for id in acknowledged where try client.call("GET \(id)")["contact"] == nil { lost.append(id) }
        #expect(lost.isEmpty, "lost \(lost.count) of \(acknowledged.count) acknowledged contacts: \(lost.prefix(10))")
        #expect(acknowledged.count > 0)
    }
}
