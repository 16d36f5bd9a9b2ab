import Foundation
import Testing
@testable import ContactIndex
@testable import IndexServer

@Suite struct ImportTests {
    @Test func mongoexportExtendedJSONBecomesPlainJSON() throws {
        let line = #"{"_id":{"$oid":"65a1"},"name":"Ana","lastChat":{"ts":{"$date":{"$numberLong":"1700000000000"}}},"createdAt":{"$date":"2024-01-01T00:00:00Z"},"visits":{"$numberInt":"3"}}"#
        let simplified = ExtendedJSON.simplify(try JSONParser.parse(line))
        #expect(simplified["_id"] == .string("65a1"))
        #expect(simplified["lastChat"]?["ts"] == .string("2023-11-14T22:13:20.000Z"))
        #expect(simplified["createdAt"] == .string("2024-01-01T00:00:00Z"))
        #expect(simplified["visits"] == .number("3"))
        #expect(ExtendedJSON.simplify(.object(JSONObject([("$oid", .number("1"))]))) == .object(JSONObject([("$oid", .number("1"))])))
    }

    func importFile(_ text: String, _ extra: [String] = []) throws -> (code: Int32, store: ContactStore, folder: String) {
        let folder = NSTemporaryDirectory() + "/contact-index-import-\(UUID().uuidString)"
        let file = folder + ".jsonl"
        _ = FileManager.default.createFile(atPath: file, contents: Data(text.utf8))
        defer { try? FileManager.default.removeItem(atPath: file) }
        let code = try ImportCommand.run([file, "--data", folder] + extra)
        return (code, try ContactStore(folder: folder), folder)
    }

    @Test func jsonLinesInBothShapesAreImportedAndBadLinesAreSkipped() throws {
        let text = """
            {"_id":"a","name":"Ana Souza","emails":[{"address":"ana@example.com"}]}
            not json
            {"_id":"b","name":"Bruno","email":"bruno@example.com","phone":"(51) 5555-5555","customFields":[{"key":"cpf","value":"1","overwrite":true}]}

            {"emails":[]}
            {"_id":"a","name":"Ana Souza Lima"}
            """
        let (code, store, folder) = try importFile(text)
        defer {
            try? store.close(snapshot: false)
            try? FileManager.default.removeItem(atPath: folder)
        }
        #expect(code == 1)
        #expect(store.stats().contacts == 2)
        #expect(store.get(id: "a")?.name == "Ana Souza Lima")
        #expect(store.lookup(phone: "+55 51 5555-5555") == ["b"])
    }

    @Test func aJSONArrayIsImported() throws {
        let (code, store, folder) = try importFile(#"[{"_id":"a","name":"Ana"},"#+"\n"+#"{"_id":"b","name":"Bia"}]"#)
        defer {
            try? store.close(snapshot: false)
            try? FileManager.default.removeItem(atPath: folder)
        }
        #expect(code == 0)
        #expect(store.stats().contacts == 2)
    }

    @Test func anImportOfSeveralBatchesKeepsTheLaterVersionAndSkipsABadRecordInsideABatch() throws {
        var lines = (0..<2_500).map { #"{"_id":"c\#($0)","name":"Batch Person \#($0)"}"# }
        lines[1_500] = #"{"_id":"bad","customFields":{"only":"custom"}}"#
        lines.append(#"{"_id":"c0","name":"Batch Person Zero Again"}"#)
        let (code, store, folder) = try importFile(lines.joined(separator: "\n"))
        defer {
            try? store.close(snapshot: false)
            try? FileManager.default.removeItem(atPath: folder)
        }
        #expect(code == 1)
        #expect(store.stats().contacts == 2_499)
        #expect(store.get(id: "bad") == nil)
        #expect(store.get(id: "c0")?.name == "Batch Person Zero Again")
        #expect(store.get(id: "c2499")?.name == "Batch Person 2499")
    }

    @Test func theSummaryListsRejectedRecordsByLine() {
        var summary = ImportCommand.Summary()
        summary.created = 1
        summary.rejected = [(9, "invalid_contact: x"), (2, "bad_json: y")]
        #expect(summary.text == "imported 1 contacts (1 new, 0 replaced), rejected 2\n  line 2: bad_json: y\n  line 9: invalid_contact: x")
    }

    @Test func theSummaryCountsNewReplacedAndRejectedWithReasons() {
        var summary = ImportCommand.Summary()
        summary.created = 2
        summary.replaced = 1
        summary.rejected = [(2, "bad_json: unexpected character at byte 0")]
        #expect(summary.text == "imported 3 contacts (2 new, 1 replaced), rejected 1\n  line 2: bad_json: unexpected character at byte 0")
    }
}

@Suite struct TokenFileTests {
    @Test func aTokenFileReadableByOthersIsRefused() throws {
        let path = NSTemporaryDirectory() + "/contact-index-tokens-\(UUID().uuidString)"
        _ = FileManager.default.createFile(atPath: path, contents: Data("write t0ken\n".utf8), attributes: [.posixPermissions: 0o644])
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: UsageError.self) { try TokenFile(path: path) }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        #expect(try TokenFile(path: path).role(of: Array("t0ken".utf8)) == .write)
    }

    @Test func malformedLinesAndEmptyFilesAreRefused() {
        #expect(throws: UsageError.self) { try TokenFile(text: "admin abc\n") }
        #expect(throws: UsageError.self) { try TokenFile(text: "# nothing\n") }
        #expect(throws: UsageError.self) { try TokenFile(text: "read a b\n") }
    }

    @Test func tokensMatchOnlyExactly() throws {
        let tokens = try TokenFile(text: "read abc\nwrite abcd\n")
        #expect(tokens.role(of: Array("abc".utf8)) == .read)
        #expect(tokens.role(of: Array("abcd".utf8)) == .write)
        #expect(tokens.role(of: Array("ab".utf8)) == nil)
        #expect(tokens.role(of: Array("abce".utf8)) == nil)
        #expect(tokens.role(of: []) == nil)
    }
}
