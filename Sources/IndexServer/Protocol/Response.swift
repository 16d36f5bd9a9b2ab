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

    /// `{"ok":true,"contact":…}` with the stored JSON spliced in as is.
    static func contact(_ json: [UInt8]) -> [UInt8] {
        var writer = JSONWriter()
        writer.writeRaw(#"{"ok":true,"contact":"#)
        writer.writeRaw(json)
        writer.writeRaw("}\n")
        return writer.bytes
    }

    /// `{"ok":true,"total":N,"hits":[…],"tookMicros":N}`, contacts spliced in as stored.
    static func search(_ result: SearchResult, tookMicros: Int) -> [UInt8] {
        var writer = JSONWriter()
        writer.writeRaw(#"{"ok":true,"total":"#)
        writer.writeRaw(String(result.total))
        writer.writeRaw(#","hits":["#)
        for (i, hit) in result.hits.enumerated() {
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
            writer.writeRaw(#","contact":"#)
            writer.writeRaw(hit.contactJSON)
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
