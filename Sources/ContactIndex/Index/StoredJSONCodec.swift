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

    /// The runs as a trie over the bytes they use: `children[node * classes + byteClass[b]]` is the
    /// node after reading `b` at `node` (0: none; the root is node 0), and `tokens[node]` the token
    /// of the run ending there (0: none).
    private struct RunTrie {
        var byteClass = [UInt8](repeating: 0, count: 256)
        var classes = 1
        var children: [UInt16] = []
        var tokens: [UInt8] = [0]

        init(_ runs: [[UInt8]]) {
            for b in Set(runs.joined()).sorted() {
                byteClass[Int(b)] = UInt8(classes)
                classes += 1
            }
            children = [UInt16](repeating: 0, count: classes)
            for (i, run) in runs.enumerated() {
                var node = 0
                for b in run {
                    let slot = node * classes + Int(byteClass[Int(b)])
                    if children[slot] == 0 {
                        children[slot] = UInt16(tokens.count)
                        tokens.append(0)
                        children += [UInt16](repeating: 0, count: classes)
                    }
                    node = Int(children[slot])
                }
                tokens[node] = UInt8(i + 1)
            }
        }
    }

    private static let trie = RunTrie(runs)

    /// The stored form of JSON text: at each place, the longest run that starts there becomes
    /// its token, and every other byte is itself.
    static func pack(_ json: [UInt8]) -> [UInt8] {
        let trie = Self.trie
        let classes = trie.classes
        return json.withUnsafeBufferPointer { bytes in
            guard !bytes.contains(where: { $0 < 0x20 }) else { return [plain] + bytes }
            return trie.children.withUnsafeBufferPointer { children in
                trie.tokens.withUnsafeBufferPointer { tokens in
                    trie.byteClass.withUnsafeBufferPointer { byteClass in
                        [UInt8](unsafeUninitializedCapacity: bytes.count + 1) { out, written in
                            out[0] = packedMode
                            var n = 1
                            var i = 0
                            while i < bytes.count {
                                var node = 0
                                var j = i
                                var match = (token: UInt8(0), end: i + 1)
                                while j < bytes.count {
                                    node = Int(children[node * classes + Int(byteClass[Int(bytes[j])])])
                                    if node == 0 { break }
                                    j += 1
                                    if tokens[node] != 0 { match = (tokens[node], j) }
                                }
                                out[n] = match.token != 0 ? match.token : bytes[i]
                                n += 1
                                i = match.end
                            }
                            written = n
                        }
                    }
                }
            }
        }
    }

    /// The runs end to end, then 16 spare bytes (`Expansion` reads 16 at a time), and where each
    /// run starts (`runStarts[token - 1]`, one past the last).
    private static let runBytes: [UInt8] = runs.flatMap { $0 } + [UInt8](repeating: 0, count: 16)
    private static let runStarts: [Int] = runs.reduce(into: [0]) { $0.append($0.last! + $1.count) }

    /// The JSON text of a stored form, expanded in one pass (the tokens found eight bytes at a
    /// time) and copied out once.
    static func unpack(_ stored: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        guard let mode = stored.first else { return [] }
        let body = UnsafeBufferPointer(rebasing: stored.dropFirst())
        guard mode == packedMode, let base = body.baseAddress else { return Array(body) }
        // Three times the packed size: the generator's contacts expand by at most 2.7.
        var out = Expansion(capacity: 3 * body.count + 64)
        defer { out.deallocate() }
        var stretch = 0
        runStarts.withUnsafeBufferPointer { starts in
            runBytes.withUnsafeBufferPointer { runBytes in
                forEachToken(body, UInt8(runs.count)) { i, token in
                    // Read 16 bytes at a time while that stays inside the body.
                    out.append(base + stretch, i - stretch, chunked: i + 16 <= body.count)
                    out.append(runBytes.baseAddress! + starts[token - 1], starts[token] - starts[token - 1], chunked: true)
                    stretch = i + 1
                }
            }
        }
        out.append(base + stretch, body.count - stretch, chunked: false)
        return Array(UnsafeRawBufferPointer(start: out.start, count: out.count))
    }

    /// The bytes `unpack` writes: 16 at a time where the source allows it, so 16 spare bytes
    /// always follow them.
    private struct Expansion {
        private(set) var start: UnsafeMutableRawPointer
        private var capacity: Int
        private(set) var count = 0

        init(capacity: Int) {
            self.capacity = capacity
            start = .allocate(byteCount: capacity, alignment: 16)
        }

        func deallocate() { start.deallocate() }

        /// Appends `length` bytes from `source`; `chunked` when 15 bytes past them may be read.
        @inline(__always)
        mutating func append(_ source: UnsafePointer<UInt8>, _ length: Int, chunked: Bool) {
            if count + length + 16 > capacity { grow(to: 2 * (count + length + 16)) }
            let target = start + count
            if chunked {
                let from = UnsafeRawPointer(source)
                var k = 0
                while k < length {
                    target.storeBytes(of: from.loadUnaligned(fromByteOffset: k, as: SIMD16<UInt8>.self), toByteOffset: k, as: SIMD16<UInt8>.self)
                    k += 16
                }
            } else {
                target.copyMemory(from: source, byteCount: length)
            }
            count += length
        }

        private mutating func grow(to bytes: Int) {
            let grown = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 16)
            grown.copyMemory(from: start, byteCount: count)
            start.deallocate()
            start = grown
            capacity = bytes
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
