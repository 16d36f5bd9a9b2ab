import ContactIndex

/// The argument of `SEARCH`: the rest of the line as the query, or a JSON object
/// `{"q","limit","offset","fields","filter":{"contactManager","channel","blocked","verified"},"typos"}`.
enum SearchRequest {
    /// The query a `SEARCH` argument asks for.
    static func query(_ request: RequestLine) throws(ProtocolError) -> SearchQuery {
        guard request.argument.first(where: { $0 != 0x20 }) == UInt8(ascii: "{") else {
            return SearchQuery(request.text)
        }
        guard let options = try request.json().objectValue else { throw .badRequest("SEARCH takes text or a JSON object") }
        var query = SearchQuery("")
        for (key, value) in options.members {
            switch key {
            case "q":
                guard let text = value.stringValue else { throw .badRequest("\"q\" is a string") }
                query.text = text
            case "limit": query.limit = try integer(value, key)
            case "offset": query.offset = try integer(value, key)
            case "fields":
                guard let names = value.arrayValue else { throw .badRequest("\"fields\" is an array of field names") }
                var fields = Set<SearchField>()
                for name in names {
                    guard let field = name.stringValue.flatMap(SearchField.init(name:)) else {
                        throw .badRequest("\"fields\" holds name, username, emails, phones or customFields")
                    }
                    fields.insert(field)
                }
                query.fields = fields
            case "filter": query.filter = try filter(value)
            case "typos": query.typos = try integer(value, key)
            default: throw .badRequest("unknown SEARCH option \"\(key)\"")
            }
        }
        return query
    }

    private static func filter(_ value: JSONValue) throws(ProtocolError) -> SearchFilter {
        guard let object = value.objectValue else { throw .badRequest("\"filter\" is an object") }
        var filter = SearchFilter()
        for (key, value) in object.members {
            switch key {
            case "contactManager", "channel":
                guard let text = value.stringValue else { throw .badRequest("\"filter.\(key)\" is a string") }
                if key == "channel" { filter.channel = text } else { filter.contactManager = text }
            case "blocked", "verified":
                guard let flag = value.boolValue else { throw .badRequest("\"filter.\(key)\" is true or false") }
                if key == "blocked" { filter.blocked = flag } else { filter.verified = flag }
            default: throw .badRequest("unknown filter \"\(key)\"")
            }
        }
        return filter
    }

    /// A whole number option.
    static func integer(_ value: JSONValue, _ key: String) throws(ProtocolError) -> Int {
        guard case .number(let text) = value, let n = Int(text) else { throw .badRequest("\"\(key)\" is a whole number") }
        return n
    }
}
