import ContactIndex

/// Response lines of protocol v1: one JSON object and a LF.
enum Response {
    /// `{"ok":true}` and the given members.
    static func ok(_ members: [(key: String, value: JSONValue)] = []) -> [UInt8] {
        line(.object(JSONObject([("ok", .bool(true))] + members)))
    }

    /// `{"ok":false,"error":{"code":…,"message":…}}`.
    static func error(_ error: ProtocolError) -> [UInt8] {
        line(.object(JSONObject([
            ("ok", .bool(false)),
            ("error", .object(JSONObject([("code", .string(error.code)), ("message", .string(error.message))]))),
        ])))
    }

    /// `{"ok":true,"<key>":…}` with a stored record's JSON spliced in as is.
    static func record(_ key: String, _ json: [UInt8]) -> [UInt8] {
        var writer = JSONWriter()
        writer.writeRaw(#"{"ok":true,"#)
        writer.writeString(key)
        writer.writeRaw(":")
        writer.writeRaw(json)
        writer.writeRaw("}\n")
        return writer.bytes
    }

    /// The reply to a write: `{"ok":true,"id":…,"created":…,"warnings":[…]}`.
    static func written(id: String, created: Bool, warnings: [ContactWarning]) -> [UInt8] {
        let list: [JSONValue] = warnings.map { warning in
            .object(JSONObject([
                ("field", .string(warning.field)), ("code", .string(warning.code)), ("message", .string(warning.message)),
            ]))
        }
        return ok([("id", .string(id)), ("created", .bool(created)), ("warnings", .array(list))])
    }

    /// `{"ok":true,"total":N,"hits":[…],"tookMicros":N}`, contacts spliced in as stored.
    static func search(_ result: SearchResult, tookMicros: Int) -> [UInt8] {
        hits(total: result.total, tookMicros: tookMicros, key: "contact", result.hits)
    }

    /// `{"ok":true,"total":N,"hits":[…],"tookMicros":N}`, conversations spliced in as stored.
    static func search(_ result: ConversationResult, tookMicros: Int) -> [UInt8] {
        hits(total: result.total, tookMicros: tookMicros, key: "conversation", result.hits)
    }

    /// `{"ok":true,"total":N,"conversations":[…]}`, conversations spliced in as stored.
    static func history(_ page: HistoryPage) -> [UInt8] {
        var writer = JSONWriter()
        writer.writeRaw(#"{"ok":true,"total":"#)
        writer.writeInt(page.total)
        writer.writeRaw(#","conversations":["#)
        for (i, json) in page.conversations.enumerated() {
            if i > 0 { writer.writeRaw(",") }
            writer.writeRaw(json)
        }
        writer.writeRaw("]}\n")
        return writer.bytes
    }

    /// The hits of a page, each with its record (under `key`) spliced in as stored.
    private static func hits<Hit: ReplyHit>(total: Int, tookMicros: Int, key: StaticString, _ hits: [Hit]) -> [UInt8] {
        var writer = JSONWriter()
        writer.reserveCapacity(hits.reduce(64) { $0 + $1.storedJSON.count + 160 })
        writer.writeRaw(#"{"ok":true,"total":"#)
        writer.writeInt(total)
        writer.writeRaw(#","hits":["#)
        for (i, hit) in hits.enumerated() {
            writer.writeRaw(i > 0 ? #",{"id":"# : #"{"id":"#)
            writer.writeString(hit.id)
            writer.writeRaw(#","score":"#)
            writer.writeInt(hit.score)
            if hit.typos > 0 {
                writer.writeRaw(#","typos":"#)
                writer.writeInt(hit.typos)
                writer.writeRaw(#","typoWords":["#)
                for (j, word) in hit.typoWords.enumerated() {
                    if j > 0 { writer.writeRaw(",") }
                    writer.writeString(word)
                }
                writer.writeRaw("]")
            }
            writer.writeRaw(#",""#)
            writer.writeRaw(key)
            writer.writeRaw(#"":"#)
            writer.writeRaw(hit.storedJSON)
            writer.writeRaw(#","highlights":{"#)
            for (j, highlight) in hit.highlights.enumerated() {
                if j > 0 { writer.writeRaw(",") }
                writer.writeString(highlight.field)
                writer.writeRaw(":[")
                for (k, range) in highlight.ranges.enumerated() {
                    writer.writeRaw(k > 0 ? ",[" : "[")
                    writer.writeInt(range.lowerBound)
                    writer.writeRaw(",")
                    writer.writeInt(range.upperBound)
                    writer.writeRaw("]")
                }
                writer.writeRaw("]")
            }
            writer.writeRaw("}}")
        }
        writer.writeRaw(#"],"tookMicros":"#)
        writer.writeInt(tookMicros)
        writer.writeRaw("}\n")
        return writer.bytes
    }

    private static func line(_ value: JSONValue) -> [UInt8] {
        var writer = JSONWriter()
        writer.write(value)
        writer.writeRaw("\n")
        return writer.bytes
    }
}

/// What a search reply says of one hit, whichever the record.
protocol ReplyHit {
    var id: String { get }
    var score: Int { get }
    var typos: Int { get }
    var typoWords: [String] { get }
    /// The record as stored, JSON text in UTF-8.
    var storedJSON: [UInt8] { get }
    var highlights: [(field: String, ranges: [Range<Int>])] { get }
}

extension SearchHit: ReplyHit {
    var storedJSON: [UInt8] { contactJSON }
}

extension ConversationHit: ReplyHit {
    var storedJSON: [UInt8] { conversationJSON }
}
