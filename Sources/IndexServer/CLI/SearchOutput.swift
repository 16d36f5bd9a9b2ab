import ContactIndex

/// How search results are printed: a table for people, JSON for programs.
enum SearchOutput {
    /// The result as the protocol's JSON object.
    static func json(_ result: SearchResult, tookMicros: UInt64) -> String {
        var writer = JSONWriter()
        writer.write(object(result, tookMicros: tookMicros))
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    static func object(_ result: SearchResult, tookMicros: UInt64) -> JSONValue {
        let hits: [JSONValue] = result.hits.map { hit in
            let contact = (try? JSONParser.parse(hit.contactJSON)) ?? .null
            let highlights = JSONObject(hit.highlights.map { field, ranges in
                (field, .array(ranges.map { .array([.int($0.lowerBound), .int($0.upperBound)]) }))
            })
            return .object(JSONObject([
                ("id", .string(hit.id)), ("score", .int(hit.score)), ("contact", contact), ("highlights", .object(highlights)),
            ]))
        }
        return .object(JSONObject([
            ("ok", .bool(true)), ("total", .int(result.total)), ("hits", .array(hits)), ("tookMicros", .int(Int(tookMicros))),
        ]))
    }

    /// The result as a table, matched parts of the name in brackets.
    static func table(_ result: SearchResult, tookMicros: UInt64) -> String {
        var lines = ["\(result.total) matching contacts, \(tookMicros) µs"]
        for (rank, hit) in result.hits.enumerated() {
            let contact = hit.contact
            let name = marked(contact.name ?? "", hit.highlights.first { $0.field == "name" }?.ranges ?? [])
            let fields = hit.highlights.map(\.field).joined(separator: ",")
            let detail = [contact.emails.first, contact.phones.first].compactMap { $0 }.joined(separator: "  ")
            lines.append("\(rank + 1). \(name)  \(detail)  [\(fields)]  score \(hit.score)  id \(hit.id)")
        }
        return lines.joined(separator: "\n")
    }

    /// Text with ranges (UTF-16 offsets) wrapped in brackets.
    static func marked(_ text: String, _ ranges: [Range<Int>]) -> String {
        var out: [UInt16] = []
        let utf16 = Array(text.utf16)
        var last = 0
        for range in ranges where range.lowerBound >= last && range.upperBound <= utf16.count {
            out += utf16[last..<range.lowerBound] + Array("[".utf16) + utf16[range] + Array("]".utf16)
            last = range.upperBound
        }
        out += utf16[last...]
        return String(decoding: out, as: UTF16.self)
    }
}
