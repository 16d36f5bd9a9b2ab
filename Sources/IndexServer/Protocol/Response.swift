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
        hits(total: result.total, tookMicros: tookMicros, result.hits.map { hit in
            Hit(id: hit.id, score: hit.score, typos: hit.typos, typoWords: hit.typoWords, key: "contact", json: hit.contactJSON,
                highlights: hit.highlights)
        })
    }

    /// `{"ok":true,"total":N,"hits":[…],"tookMicros":N}`, conversations spliced in as stored.
    static func search(_ result: ConversationResult, tookMicros: Int) -> [UInt8] {
        hits(total: result.total, tookMicros: tookMicros, result.hits.map { hit in
            Hit(id: hit.id, score: hit.score, typos: hit.typos, typoWords: hit.typoWords, key: "conversation",
                json: hit.conversationJSON, highlights: hit.highlights)
        })
    }

    /// `{"ok":true,"total":N,"conversations":[…]}`, conversations spliced in as stored.
    static func history(_ page: HistoryPage) -> [UInt8] {
        var writer = JSONWriter()
        writer.writeRaw(#"{"ok":true,"total":"#)
        writer.writeRaw(String(page.total))
        writer.writeRaw(#","conversations":["#)
        for (i, json) in page.conversations.enumerated() {
            if i > 0 { writer.writeRaw(",") }
            writer.writeRaw(json)
        }
        writer.writeRaw("]}\n")
        return writer.bytes
    }

    /// One hit of a search reply, whichever the record.
    private struct Hit {
        let id: String
        let score: Int
        let typos: Int
        let typoWords: [String]
        /// `contact` or `conversation`.
        let key: String
        let json: [UInt8]
        let highlights: [(field: String, ranges: [Range<Int>])]
    }

    private static func hits(total: Int, tookMicros: Int, _ hits: [Hit]) -> [UInt8] {
        var writer = JSONWriter()
        writer.reserveCapacity(hits.reduce(64) { $0 + $1.json.count + 160 })
        writer.writeRaw(#"{"ok":true,"total":"#)
        writer.writeRaw(String(total))
        writer.writeRaw(#","hits":["#)
        for (i, hit) in hits.enumerated() {
            if i > 0 { writer.writeRaw(",") }
            writer.writeRaw(#"{"id":"#)
            writer.writeString(hit.id)
            writer.writeRaw(#","score":"#)
            writer.writeRaw(String(hit.score))
            if hit.typos > 0 {
                writer.writeRaw(#","typos":"#)
                writer.writeRaw(String(hit.typos))
                writer.writeRaw(#","typoWords":"#)
                writer.write(.array(hit.typoWords.map(JSONValue.string)))
            }
            writer.writeRaw(",")
            writer.writeString(hit.key)
            writer.writeRaw(":")
            writer.writeRaw(hit.json)
            writer.writeRaw(#","highlights":{"#)
            for (j, highlight) in hit.highlights.enumerated() {
                if j > 0 { writer.writeRaw(",") }
                writer.writeString(highlight.field)
                writer.writeRaw(":[")
                for (k, range) in highlight.ranges.enumerated() {
                    writer.writeRaw(k > 0 ? ",[" : "[")
                    writer.writeRaw(String(range.lowerBound))
                    writer.writeRaw(",")
                    writer.writeRaw(String(range.upperBound))
                    writer.writeRaw("]")
                }
                writer.writeRaw("]")
            }
            writer.writeRaw("}}")
        }
        writer.writeRaw(#"],"tookMicros":"#)
        writer.writeRaw(String(tookMicros))
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
