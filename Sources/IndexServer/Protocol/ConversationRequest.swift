import ContactIndex

/// The JSON arguments of the conversation verbs: `CGET {"id","as"}`,
/// `CSEARCH {"q","as","filter","limit","offset","typos"}` and
/// `HISTORY {"contactId","as","limit","offset"}`. Every one states who asks with `as`.
enum ConversationRequest {
    /// The id and viewer of `CGET`.
    static func get(_ request: RequestLine) throws(ProtocolError) -> (id: String, viewer: ConversationViewer) {
        let options = try object(request, "CGET takes {\"id\":\"…\",\"as\":{\"agent\":\"…\"} or {\"role\":\"manager\"}}")
        var id: String?
        var viewer: ConversationViewer?
        for (key, value) in options.members {
            switch key {
            case "id":
                guard let text = value.stringValue, !text.isEmpty else { throw .badRequest("\"id\" is a non-empty string") }
                id = text
            case "as": viewer = try self.viewer(value)
            default: throw .badRequest("unknown CGET option \"\(key)\"")
            }
        }
        guard let id else { throw .badRequest("CGET needs \"id\"") }
        return (id, try required(viewer))
    }

    /// The query of `CSEARCH`.
    static func search(_ request: RequestLine) throws(ProtocolError) -> ConversationQuery {
        let options = try object(request, "CSEARCH takes a JSON object with \"q\" and \"as\"")
        var query = ConversationQuery("", viewer: .manager)
        var viewer: ConversationViewer?
        for (key, value) in options.members {
            switch key {
            case "q":
                guard let text = value.stringValue else { throw .badRequest("\"q\" is a string") }
                query.text = text
            case "as": viewer = try self.viewer(value)
            case "filter": query.filter = try filter(value)
            case "limit": query.limit = try SearchRequest.integer(value, key)
            case "offset": query.offset = try SearchRequest.integer(value, key)
            case "typos": query.typos = try SearchRequest.integer(value, key)
            default: throw .badRequest("unknown CSEARCH option \"\(key)\"")
            }
        }
        query.viewer = try required(viewer)
        return query
    }

    /// The query of `HISTORY`.
    static func history(_ request: RequestLine) throws(ProtocolError) -> HistoryQuery {
        let options = try object(request, "HISTORY takes {\"contactId\":\"…\",\"as\":{…},\"limit\":10,\"offset\":0}")
        var query = HistoryQuery(contactID: "", viewer: .manager)
        var viewer: ConversationViewer?
        for (key, value) in options.members {
            switch key {
            case "contactId":
                guard let text = value.stringValue, !text.isEmpty else { throw .badRequest("\"contactId\" is a non-empty string") }
                query.contactID = text
            case "as": viewer = try self.viewer(value)
            case "limit": query.limit = try SearchRequest.integer(value, key)
            case "offset": query.offset = try SearchRequest.integer(value, key)
            default: throw .badRequest("unknown HISTORY option \"\(key)\"")
            }
        }
        guard !query.contactID.isEmpty else { throw .badRequest("HISTORY needs \"contactId\"") }
        query.viewer = try required(viewer)
        return query
    }

    private static func object(_ request: RequestLine, _ usage: String) throws(ProtocolError) -> JSONObject {
        guard request.argument.first(where: { $0 != 0x20 }) == UInt8(ascii: "{"), let object = try request.json().objectValue else {
            throw .badRequest(usage)
        }
        return object
    }

    private static func required(_ viewer: ConversationViewer?) throws(ProtocolError) -> ConversationViewer {
        guard let viewer else {
            throw .badRequest("say who asks: \"as\":{\"agent\":\"<id>\"} or \"as\":{\"role\":\"manager\"}")
        }
        return viewer
    }

    /// `{"agent":"<id>"}` or `{"role":"manager"}`.
    private static func viewer(_ value: JSONValue) throws(ProtocolError) -> ConversationViewer {
        let members = value.objectValue?.members ?? []
        guard members.count == 1 else { throw .badRequest("\"as\" is {\"agent\":\"<id>\"} or {\"role\":\"manager\"}") }
        switch (members[0].key, members[0].value.stringValue) {
        case ("agent", let id?) where !id.isEmpty: return .agent(id)
        case ("role", "manager"): return .manager
        default: throw .badRequest("\"as\" is {\"agent\":\"<id>\"} or {\"role\":\"manager\"}")
        }
    }

    private static func filter(_ value: JSONValue) throws(ProtocolError) -> ConversationFilter {
        guard let object = value.objectValue else { throw .badRequest("\"filter\" is an object") }
        var filter = ConversationFilter()
        for (key, value) in object.members {
            switch key {
            case "kind":
                guard let kind = value.stringValue.flatMap(ConversationKind.init(rawValue:)) else {
                    throw .badRequest("\"filter.kind\" is chat or call")
                }
                filter.kind = kind
            case "status":
                guard let status = value.stringValue.flatMap(ConversationStatus.init(rawValue:)) else {
                    throw .badRequest("\"filter.status\" is open, onhold or closed")
                }
                filter.status = status
            case "channel", "agent", "department", "tag":
                guard let text = value.stringValue else { throw .badRequest("\"filter.\(key)\" is a string") }
                switch key {
                case "channel": filter.channel = text
                case "agent": filter.agent = text
                case "department": filter.department = text
                default: filter.tag = text
                }
            case "createdAt", "closedAt":
                let range = try timeRange(value, key)
                if key == "createdAt" { filter.createdAt = range } else { filter.closedAt = range }
            default: throw .badRequest("unknown conversation filter \"\(key)\"")
            }
        }
        return filter
    }

    /// `{"from": time, "to": time}`, each optional; a time is ISO-8601 or milliseconds.
    private static func timeRange(_ value: JSONValue, _ key: String) throws(ProtocolError) -> ConversationFilter.TimeRange {
        let usage = "\"filter.\(key)\" is {\"from\": time, \"to\": time} with ISO-8601 times or milliseconds"
        guard let object = value.objectValue else { throw .badRequest(usage) }
        var range = ConversationFilter.TimeRange()
        for (bound, time) in object.members {
            let millis: Int64?
            switch time {
            case .string(let text): millis = ISOTime.parse(text)
            case .number(let text): millis = Int64(text)
            default: millis = nil
            }
            guard let millis else { throw .badRequest(usage) }
            switch bound {
            case "from": range.from = millis
            case "to": range.to = millis
            default: throw .badRequest(usage)
            }
        }
        return range
    }
}
