/// Packs a contact's stored JSON: the keys and punctuation of Rocket.Chat's canonical shape take
/// about half of its bytes, and each common run of them becomes one byte.
///
/// JSON text as `JSONWriter` writes it holds no byte below 0x20 (it escapes them in strings and
/// writes no whitespace), so those bytes are free to stand for the runs: unpacking expands them,
/// and every other byte is itself. A stored entry starts with a mode byte: `packedMode`, or `plain`
/// for text that holds such a byte after all (kept as it is).
enum StoredJSONCodec {
    private static let plain: UInt8 = 0
    /// The mode byte of packed text.
    static let packedMode: UInt8 = 1

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
        var out: [UInt8] = [packedMode]
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

    /// The runs end to end, and where each starts (`runStarts[token - 1]`, one past the last).
    private static let runBytes: [UInt8] = runs.flatMap { $0 }
    private static let runStarts: [Int] = runs.reduce(into: [0]) { $0.append($0.last! + $1.count) }

    /// The JSON text of a stored form: its length counted first, then one copy per stretch of
    /// plain bytes and per run. Both passes find the tokens eight bytes at a time.
    static func unpack(_ stored: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        guard let mode = stored.first else { return [] }
        let body = UnsafeBufferPointer(rebasing: stored.dropFirst())
        guard mode == packedMode, let base = body.baseAddress else { return Array(body) }
        let (starts, tokens) = (runStarts, UInt8(runs.count))
        var total = body.count
        forEachToken(body, tokens) { _, token in total += starts[token] - starts[token - 1] - 1 }
        return runBytes.withUnsafeBufferPointer { runBytes in
            [UInt8](unsafeUninitializedCapacity: total) { out, initialized in
                let target = out.baseAddress!
                var written = 0
                var stretch = 0
                forEachToken(body, tokens) { i, token in
                    target.advanced(by: written).update(from: base + stretch, count: i - stretch)
                    written += i - stretch
                    let run = starts[token - 1]..<starts[token]
                    target.advanced(by: written).update(from: runBytes.baseAddress! + run.lowerBound, count: run.count)
                    written += run.count
                    stretch = i + 1
                }
                target.advanced(by: written).update(from: base + stretch, count: body.count - stretch)
                initialized = written + body.count - stretch
            }
        }
    }

    /// Calls `body` with the offset and value of each token byte (1 through `tokens`), in order.
    @inline(__always)
    private static func forEachToken(_ bytes: UnsafeBufferPointer<UInt8>, _ tokens: UInt8, _ body: (Int, Int) -> Void) {
        let raw = UnsafeRawPointer(bytes.baseAddress!)
        var i = 0
        while i + 8 <= bytes.count {
            var mask = belowSpace(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
            while mask != 0 {
                let at = i + mask.trailingZeroBitCount / 8
                if bytes[at] &- 1 < tokens { body(at, Int(bytes[at])) }
                mask &= mask &- 1
            }
            i += 8
        }
        while i < bytes.count {
            if bytes[i] &- 1 < tokens { body(i, Int(bytes[i])) }
            i += 1
        }
    }

    /// The high bit of each byte of `x` below 0x20, exactly (no carry crosses bytes).
    @inline(__always)
    private static func belowSpace(_ x: UInt64) -> UInt64 {
        ~(((x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x6060_6060_6060_6060) | x) & 0x8080_8080_8080_8080
    }
}
