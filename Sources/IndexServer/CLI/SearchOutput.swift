import ContactIndex

/// How search responses are shown to people: a table with the matched parts of names in
/// brackets. The same protocol response is shown whether the search ran in process or on a
/// server.
enum SearchOutput {
    /// One line per hit of a `SEARCH` response, under a line with the total and the latency.
    static func table(_ response: JSONValue) -> String {
        let total = response["total"].flatMap(number) ?? 0
        let took = response["tookMicros"].flatMap(number) ?? 0
        var lines = ["\(total) matching contacts, \(took) µs"]
        for (rank, hit) in (response["hits"]?.arrayValue ?? []).enumerated() {
            lines.append("\(rank + 1). " + row(hit))
        }
        return lines.joined(separator: "\n")
    }

    /// A hit as `Name [matched]  email  phone  [fields]  score N  id X`.
    static func row(_ hit: JSONValue) -> String {
        let contact = hit["contact"]
        let highlights = hit["highlights"]?.objectValue
        let name = marked(contact?["name"]?.stringValue ?? "", ranges(highlights?["name"]))
        let fields = (highlights?.members ?? []).map(\.key).joined(separator: ",")
        let score = hit["score"].flatMap(number) ?? 0
        return "\(name)  \(detail(hit))  [\(fields)]  score \(score)  id \(hit["id"]?.stringValue ?? "")"
    }

    /// A hit's first email and first phone, as `email  phone`.
    static func detail(_ hit: JSONValue) -> String {
        let contact = hit["contact"]
        let email = contact?["emails"]?.arrayValue?.first.flatMap { $0["address"]?.stringValue ?? $0.stringValue }
        let phone = contact?["phones"]?.arrayValue?.first.flatMap { $0["phoneNumber"]?.stringValue ?? $0.stringValue }
        return [email, phone].compactMap { $0 }.joined(separator: "  ")
    }

    /// Text with ranges (UTF-16 offsets) wrapped in `open` and `close`.
    static func marked(_ text: String, _ ranges: [Range<Int>], open: String = "[", close: String = "]") -> String {
        var out: [UInt16] = []
        let utf16 = Array(text.utf16)
        var last = 0
        for range in ranges where range.lowerBound >= last && range.upperBound <= utf16.count {
            out += utf16[last..<range.lowerBound] + Array(open.utf16) + utf16[range] + Array(close.utf16)
            last = range.upperBound
        }
        out += utf16[last...]
        return String(decoding: out, as: UTF16.self)
    }

    /// The `[[start,end],…]` ranges of a highlight.
    static func ranges(_ value: JSONValue?) -> [Range<Int>] {
        (value?.arrayValue ?? []).compactMap { pair in
            guard let bounds = pair.arrayValue, bounds.count == 2, let start = number(bounds[0]), let end = number(bounds[1]),
                  start <= end
            else { return nil }
            return start..<end
        }
    }

    static func number(_ value: JSONValue) -> Int? {
        if case .number(let text) = value { return Int(text) }
        return nil
    }
}
