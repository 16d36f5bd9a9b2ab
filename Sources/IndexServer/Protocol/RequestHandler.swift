import ContactIndex
import Tokenizer

/// Runs protocol v1 requests against a store, for one connection's session.
struct RequestHandler {
    /// What one request produced.
    struct Reply {
        /// The response line, LF included.
        var bytes: [UInt8]
        /// For a write: the log position that must be durable before the reply is sent.
        var position: LogPosition?
        /// Whether the connection closes after this reply.
        var close = false
    }

    /// What a connection has proved with `AUTH`.
    struct Session {
        var role: TokenFile.Role?
    }

    /// Figures of the server that `STATS` reports beside the store's.
    struct ServerFigures {
        var connections: Int
        var uptimeSeconds: Int
    }

    let store: ContactStore
    let tokens: TokenFile?
    let figures: () -> ServerFigures

    /// A session as it starts: with write access when the server has no tokens.
    var newSession: Session { Session(role: tokens == nil ? .write : nil) }

    /// Answers one request line (without its LF).
    func handle(_ line: ArraySlice<UInt8>, session: inout Session) -> Reply {
        do throws(ProtocolError) {
            let request = try RequestLine(line)
            if tokens != nil, !request.verb.isOpen {
                guard let role = session.role else { throw ProtocolError.unauthorized }
                if request.verb.writes && role != .write { throw ProtocolError.forbidden(request.verb) }
            }
            return try run(request, session: &session)
        } catch {
            return Reply(bytes: Response.error(error))
        }
    }

    /// The contact JSON of a line that is a `PUT` this session may run, which `handle(puts:)`
    /// answers together with its neighbours; nil for any other line.
    func putArgument(_ line: ArraySlice<UInt8>, session: Session) -> ArraySlice<UInt8>? {
        guard line.count > 4, line[line.startIndex + 3] == 0x20, let request = try? RequestLine(line), request.verb == .put,
              !request.argument.isEmpty, tokens == nil || session.role == .write
        else { return nil }
        return request.argument
    }

    /// Answers consecutive `PUT`s (their `putArgument`s), as `handle` would one by one, with one
    /// log write and one hold of the index's lock for them all.
    func handle(puts contacts: [ArraySlice<UInt8>]) -> [Reply] {
        do {
            let (results, position) = try store.upsertUnsynced(batch: contacts)
            return results.map { result in
                switch result {
                case .success(let written):
                    Reply(bytes: Response.written(id: written.id, created: written.created, warnings: written.warnings), position: position)
                case .failure(let error):
                    Reply(bytes: Response.error(ProtocolError(error)))
                }
            }
        } catch {
            return contacts.map { _ in Reply(bytes: Response.error(ProtocolError(error))) }
        }
    }

    private func run(_ request: RequestLine, session: inout Session) throws(ProtocolError) -> Reply {
        switch request.verb {
        case .ping:
            return Reply(bytes: Response.ok())
        case .quit:
            return Reply(bytes: Response.ok(), close: true)
        case .auth:
            guard let tokens else { throw .badRequest("this server has no tokens: AUTH is not needed") }
            guard let role = tokens.role(of: request.argument) else {
                session.role = nil
                throw ProtocolError(code: "unauthorized", message: "unknown token")
            }
            session.role = role
            return Reply(bytes: Response.ok([("role", .string(role.rawValue))]))
        case .put:
            guard !request.argument.isEmpty else { throw .badRequest("PUT takes a contact as JSON") }
            return handle(puts: [request.argument])[0]
        case .cput:
            guard !request.argument.isEmpty else { throw .badRequest("CPUT takes a conversation as JSON") }
            let (result, position) = try indexCall { () throws(ContactIndexError) in
                try store.upsertConversationUnsynced(jsonBytes: request.argument)
            }
            return Reply(bytes: Response.written(id: result.id, created: result.created, warnings: result.warnings), position: position)
        case .cdel:
            let id = try identifier(request)
            let (deleted, position) = try indexCall { () throws(ContactIndexError) in try store.deleteConversationUnsynced(id: id) }
            return Reply(bytes: Response.ok([("deleted", .bool(deleted))]), position: position)
        case .cget:
            let (id, viewer) = try ConversationRequest.get(request)
            guard let json = store.conversationJSON(id: id, viewer: viewer) else {
                throw ProtocolError(ContactIndexError.conversationNotFound(id))
            }
            return Reply(bytes: Response.record("conversation", json))
        case .csearch:
            let query = try ConversationRequest.search(request)
            let started = ContinuousClock.now
            let result = try indexCall { () throws(ContactIndexError) in try store.search(query) }
            return Reply(bytes: Response.search(result, tookMicros: Self.micros(since: started)))
        case .history:
            let query = try ConversationRequest.history(request)
            let page = try indexCall { () throws(ContactIndexError) in try store.history(query) }
            return Reply(bytes: Response.history(page))
        case .del:
            let id = try identifier(request)
            let (deleted, position) = try indexCall { () throws(ContactIndexError) in try store.deleteUnsynced(id: id) }
            return Reply(bytes: Response.ok([("deleted", .bool(deleted))]), position: position)
        case .get:
            let id = try identifier(request)
            guard let json = store.getJSON(id: id) else { throw ProtocolError(ContactIndexError.notFound(id)) }
            return Reply(bytes: Response.record("contact", json))
        case .search:
            let query = try SearchRequest.query(request)
            let started = ContinuousClock.now
            let result = try indexCall { () throws(ContactIndexError) in try store.search(query) }
            return Reply(bytes: Response.search(result, tookMicros: Self.micros(since: started)))
        case .lookup:
            let (kind, rest) = request.firstWordAndRest
            let value = String(decoding: rest, as: UTF8.self)
            let ids: [String]
            switch kind.lowercased() {
            case "email": ids = store.lookup(email: value)
            case "phone": ids = store.lookup(phone: value)
            default: throw .badRequest("LOOKUP takes `email <address>` or `phone <number>`")
            }
            return Reply(bytes: Response.ok([("ids", .array(ids.map(JSONValue.string)))]))
        case .field:
            let (key, rest) = request.firstWordAndRest
            guard !key.isEmpty, !rest.isEmpty else { throw .badRequest("FIELD takes a key and {\"searchable\":bool,\"label\":\"…\"}") }
            let definition = try fieldDefinition(RequestLine.json(rest))
            try indexCall { () throws(ContactIndexError) in try store.setField(key, definition) }
            return Reply(bytes: Response.ok())
        case .fields:
            let schema = store.schema
            let fields = JSONObject(schema.fields.keys.sorted().map { key in
                let definition = schema.fields[key]!
                return (key, .object(JSONObject([("searchable", .bool(definition.searchable)), ("label", .string(definition.label))])))
            })
            return Reply(bytes: Response.ok([("fields", .object(fields))]))
        case .analyze:
            return Reply(bytes: Response.ok(try analyze(request.json()).members))
        case .snapshot:
            let report = try indexCall { () throws(ContactIndexError) in try store.snapshot() }
            return Reply(bytes: Response.ok([
                ("contacts", .int(report.contacts)), ("bytes", .int(report.bytes)), ("tookMillis", .int(report.tookMillis)),
            ]))
        case .stats:
            let stats = store.stats()
            let server = figures()
            let last = store.lastSnapshotReport.map { JSONValue.string(ISOTime.format(milliseconds: $0.takenAt)) } ?? .null
            return Reply(bytes: Response.ok([
                ("contacts", .int(stats.contacts)), ("keys", .int(stats.keys)), ("memoryBytes", .int(stats.memoryBytes)),
                ("connections", .int(server.connections)), ("uptimeSeconds", .int(server.uptimeSeconds)),
                ("lastSnapshotAt", last), ("logBytes", .int(store.logBytes)),
                ("conversations", .int(store.conversationStats().conversations)),
            ]))
        }
    }

    private func identifier(_ request: RequestLine) throws(ProtocolError) -> String {
        let id = request.text
        let what = request.verb == .cdel ? "conversation" : "contact"
        guard !id.isEmpty, !id.contains(" ") else { throw .badRequest("\(request.verb.rawValue) takes one \(what) id") }
        return id
    }

    private static func micros(since started: ContinuousClock.Instant) -> Int {
        Int((ContinuousClock.now - started).components.attoseconds / 1_000_000_000_000)
    }

    private func fieldDefinition(_ value: JSONValue) throws(ProtocolError) -> CustomFieldDefinition {
        guard let object = value.objectValue else { throw .badRequest("a field definition is a JSON object") }
        var definition = CustomFieldDefinition()
        for (key, value) in object.members {
            switch key {
            case "searchable":
                guard let flag = value.boolValue else { throw .badRequest("\"searchable\" is true or false") }
                definition.searchable = flag
            case "label":
                guard let label = value.stringValue else { throw .badRequest("\"label\" is a string") }
                definition.label = label
            default: throw .badRequest("unknown field option \"\(key)\"")
            }
        }
        return definition
    }

    private func analyze(_ value: JSONValue) throws(ProtocolError) -> JSONObject {
        guard let object = value.objectValue, let kindName = object["kind"]?.stringValue,
              let kind = ValueAnalysis.Kind(rawValue: kindName), let text = object["value"]?.stringValue
        else { throw .badRequest("ANALYZE takes {\"kind\":\"text\"|\"phone\"|\"email\",\"value\":\"…\",\"region\":\"BR\"}") }
        var phones = store.parser.phones
        if let region = object["region"] {
            guard let code = region.stringValue else { throw .badRequest("\"region\" is a string such as \"BR\"") }
            do {
                phones = try PhoneNormalizer(defaultRegion: code)
            } catch {
                throw .badRequest(error.description)
            }
        }
        return ValueAnalysis.analyze(text, kind: kind, phones: phones)
    }

    /// Runs a store call, turning its error into the protocol's.
    private func indexCall<R>(_ body: () throws(ContactIndexError) -> R) throws(ProtocolError) -> R {
        do {
            return try body()
        } catch {
            throw ProtocolError(error)
        }
    }
}
