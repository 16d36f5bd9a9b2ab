/// Packs a contact's stored JSON: the keys and punctuation of Rocket.Chat's canonical shape take
/// about half of its bytes, and each common run of them becomes one byte.
///
/// JSON text as `JSONWriter` writes it holds no byte below 0x20 (it escapes them in strings and
/// writes no whitespace), so those bytes are free to stand for the runs: unpacking expands them,
/// and every other byte is itself. A stored entry starts with a mode byte: `packed`, or `plain`
/// for text that holds such a byte after all (kept as it is).
enum StoredJSONCodec {
    private static let plain: UInt8 = 0
    private static let packed: UInt8 = 1

    /// The runs, by token byte (token `i + 1` stands for `runs[i]`): the canonical shape's keys
    /// in their order, the punctuation around them, and the channel flags and timestamp endings
    /// every contact repeats.
    static let runs: [[UInt8]] = [
        #"{"_id":""#, #"","name":""#, #"","username":""#, #"","emails":[{"address":""#, #""},{"address":""#,
        #""}],"phones":[{"phoneNumber":""#, #"","phones":[{"phoneNumber":""#, #""},{"phoneNumber":""#,
        #""}],"customFields":{""#, #"","customFields":{""#, #"","contactManager":""#, #"},"contactManager":""#,
        #"","channels":[{"name":""#, #"},"channels":[{"name":""#, #"},{"name":""#,
        #"","blocked":false,"verified":false}"#, #"","blocked":false,"verified":true}"#,
        #"","blocked":true,"verified":false}"#, #"","blocked":true,"verified":true}"#,
        #"],"lastChat":{"ts":""#, #"],"lastChat":{"_id":""#, #"","ts":""#, #".000Z"},"createdAt":""#,
        #""},"createdAt":""#, #".000Z","unknown":false}"#, #"","unknown":false}"#, #"","unknown":true}"#,
        #"","createdAt":""#, #"","#, #"":""#,
    ].map { Array($0.utf8) }

    /// For each byte, the runs starting with it, longest first, as (token, run).
    private static let candidates: [[(token: UInt8, run: [UInt8])]] = {
        var table = [[(token: UInt8, run: [UInt8])]](repeating: [], count: 256)
        for (i, run) in runs.enumerated() { table[Int(run[0])].append((UInt8(i + 1), run)) }
        return table.map { $0.sorted { $0.run.count > $1.run.count } }
    }()

    /// The stored form of JSON text.
    static func pack(_ json: [UInt8]) -> [UInt8] {
        guard !json.contains(where: { $0 < 0x20 }) else { return [plain] + json }
        var out: [UInt8] = [packed]
        out.reserveCapacity(json.count / 2 + 16)
        let candidates = Self.candidates
        json.withUnsafeBufferPointer { bytes in
            var i = 0
            next: while i < bytes.count {
                for (token, run) in candidates[Int(bytes[i])] where i + run.count <= bytes.count {
                    if run.withUnsafeBufferPointer({ $0.elementsEqual(bytes[i..<(i + run.count)]) }) {
                        out.append(token)
                        i += run.count
                        continue next
                    }
                }
                out.append(bytes[i])
                i += 1
            }
        }
        return out
    }

    /// Appends the JSON text of a stored form to `out`.
    static func unpack(_ stored: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        guard let mode = stored.first else { return }
        let body = UnsafeBufferPointer(rebasing: stored.dropFirst())
        guard mode == packed else {
            out.append(contentsOf: body)
            return
        }
        out.reserveCapacity(out.count + body.count * 2)
        let runs = Self.runs
        for b in body {
            if b >= 0x20 || b == 0 || Int(b) > runs.count {
                out.append(b)
            } else {
                out.append(contentsOf: runs[Int(b) - 1])
            }
        }
    }
}
