import Glibc

/// The searchable values of a contact in its stored JSON, for highlighting: name, username,
/// each email, each phone, then each custom field, in that order. Where they lie comes from the
/// contact's `FieldSpans` record, or, without one, from scanning the JSON.
///
/// The stored JSON is the compact text `JSONWriter` wrote, whose strings hold raw UTF-8 and
/// escape only quotes, backslashes and control characters: a value without a backslash is read
/// in place, and the rare escaped one is decoded by `decode`. The values are those `Contact`
/// reads: the last of repeated keys counts, an email or phone is a string or an object's
/// `address` or `phoneNumber`, and a custom field's value is its text when it is a string,
/// number or Boolean. Bytes that are not such JSON end the values early; they never trap.
struct StoredFields {
    /// Which field a value comes from.
    enum Field {
        case name, username, email, phone, customField
    }

    /// Where a string's content (or a number's or Boolean's literal) lies in the JSON.
    struct Span {
        var range: Range<Int>
        /// Whether the content holds escapes, so that `decode` must read it.
        var isEscaped: Bool
    }

    /// A value: its field, its key for a custom field, and its text.
    struct Item {
        var field: Field
        var key: Span?
        var value: Span
    }

    private var scanner: Scanner
    private let starts: Starts
    private var spans: FieldSpans.Reader?
    private var step = 0
    private var first = true
    private var inside = false

    /// Reads the values of stored JSON, from its `FieldSpans` record when it has one.
    init(_ json: UnsafeBufferPointer<UInt8>, record: UnsafeBufferPointer<UInt8>) {
        scanner = Scanner(json)
        if record.isEmpty {
            starts = scanner.topLevelStarts() ?? Starts()
        } else {
            starts = Starts()
            spans = FieldSpans.Reader(record, jsonCount: json.count)
        }
    }

    /// Where the values of name, username, emails, phones and customFields start.
    struct Starts {
        var name, username, emails, phones, customFields: Int?

        /// The start of a step's value, in the order above; nil past the last.
        subscript(step: Int) -> Int? {
            switch step {
            case 0: name
            case 1: username
            case 2: emails
            case 3: phones
            case 4: customFields
            default: nil
            }
        }
    }

    /// The next value, or nil after the last.
    mutating func next() -> Item? {
        if spans != nil { return spans!.next() }
        while step < 5 {
            defer { if !inside { step += 1 } }
            guard let start = starts[step] else { continue }
            switch step {
            case 0, 1:
                scanner.position = start
                if let span = scanner.string() { return Item(field: step == 0 ? .name : .username, value: span) }
            case 2, 3:
                if let span = nextListValue(start, objectKey: step == 2 ? "address" : "phoneNumber") {
                    return Item(field: step == 2 ? .email : .phone, value: span)
                }
            default:
                if let (key, value) = nextCustomField(start) { return Item(field: .customField, key: key, value: value) }
            }
        }
        return nil
    }

    /// The next email or phone of the array starting at `start`; `inside` while items remain.
    private mutating func nextListValue(_ start: Int, objectKey: StaticString) -> Span? {
        if !inside {
            scanner.position = start
            guard scanner.take(UInt8(ascii: "[")) else { return nil }
            (inside, first) = (true, true)
        }
        while scanner.nextItem(first: &first) {
            let item = scanner.position
            var value = scanner
            if value.peek != UInt8(ascii: "\"") {
                guard let position = value.lastMember(named: objectKey) else { continue }
                value.position = position
            }
            let span = value.string()
            scanner.position = item
            guard scanner.skipValue() else { break }
            if let span { return span }
        }
        inside = false
        return nil
    }

    /// The next custom field with a text value, of the object starting at `start`.
    private mutating func nextCustomField(_ start: Int) -> (Span, Span)? {
        if !inside {
            scanner.position = start
            guard scanner.take(UInt8(ascii: "{")) else { return nil }
            (inside, first) = (true, true)
        }
        while let key = scanner.nextMember(first: &first) {
            let member = scanner.position
            let value = scanner.text()
            scanner.position = member
            guard scanner.skipValue() else { break }
            if let value { return (key, value) }
        }
        inside = false
        return nil
    }

    /// The bytes a span stands for: its content, with escapes decoded.
    static func decode(_ span: Span, in json: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        guard span.isEscaped else { return Array(json[span.range]) }
        let quoted = UnsafeBufferPointer(rebasing: json[(span.range.lowerBound - 1)..<(span.range.upperBound + 1)])
        guard case .string(let text)? = try? JSONParser.parse(quoted) else { return [] }
        return Array(text.utf8)
    }

    /// A cursor over JSON bytes; every read checks its bounds and fails on anything unexpected.
    struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0

        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        /// The byte at the cursor after white space, or 0 at the end.
        var peek: UInt8 {
            mutating get {
                while position < bytes.count, Self.isSpace(bytes[position]) { position += 1 }
                return position < bytes.count ? bytes[position] : 0
            }
        }

        @inline(__always)
        static func isSpace(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
        }

        /// Whether a byte ends a number or literal.
        @inline(__always)
        static func endsScalar(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: ":"), UInt8(ascii: "\""): true
            default: isSpace(byte)
            }
        }

        /// Whether the bytes of a span spell a key (an escaped span never spells ours).
        func spells(_ span: Span, _ key: StaticString) -> Bool {
            !span.isEscaped && span.range.count == key.utf8CodeUnitCount
                && (span.range.isEmpty || memcmp(bytes.baseAddress! + span.range.lowerBound, key.utf8Start, span.range.count) == 0)
        }

        /// Consumes `byte` (after white space) when it is next.
        mutating func take(_ byte: UInt8) -> Bool {
            guard peek == byte else { return false }
            position += 1
            return true
        }

        /// Where the values of the searchable top-level keys start (the last of each), or nil
        /// when the text is not an object.
        mutating func topLevelStarts() -> Starts? {
            var starts = Starts()
            guard take(UInt8(ascii: "{")) else { return nil }
            var first = true
            while let key = nextMember(first: &first) {
                if spells(key, "name") {
                    starts.name = position
                } else if spells(key, "username") {
                    starts.username = position
                } else if spells(key, "emails") {
                    starts.emails = position
                } else if spells(key, "phones") {
                    starts.phones = position
                } else if spells(key, "customFields") {
                    starts.customFields = position
                }
                guard skipValue() else { return nil }
            }
            return starts
        }

        /// Where the value of the last member named `name` of the object at the cursor starts.
        mutating func lastMember(named name: StaticString) -> Int? {
            guard take(UInt8(ascii: "{")) else { return nil }
            var found: Int?
            var first = true
            while let key = nextMember(first: &first) {
                if spells(key, name) { found = position }
                guard skipValue() else { return nil }
            }
            return found
        }

        /// Inside an object, moves to the next member's value and gives its key; nil at the end
        /// of the object or on malformed text. The caller moves past each value.
        mutating func nextMember(first: inout Bool) -> Span? {
            if take(UInt8(ascii: "}")) { return nil }
            if !first, !take(UInt8(ascii: ",")) { return nil }
            first = false
            guard let key = string(), take(UInt8(ascii: ":")), peek != 0 else { return nil }
            return key
        }

        /// Inside an array, moves to the next item; false at the end of the array or on
        /// malformed text. The caller moves past each item.
        mutating func nextItem(first: inout Bool) -> Bool {
            if take(UInt8(ascii: "]")) { return false }
            if !first, !take(UInt8(ascii: ",")) { return false }
            first = false
            return peek != 0
        }

        /// The text of the scalar at the cursor: a string's content, or a number's or Boolean's
        /// literal; nil for null, objects and arrays.
        mutating func text() -> Span? {
            switch peek {
            case UInt8(ascii: "\""): return string()
            case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                let start = position
                guard skipValue() else { return nil }
                return Span(range: start..<position, isEscaped: false)
            default: return nil
            }
        }

        /// Moves past the string at the cursor and gives its content, if a string is there.
        mutating func string() -> Span? {
            guard peek == UInt8(ascii: "\"") else { return nil }
            let start = position + 1
            var escaped = false
            position += 1
            while position < bytes.count {
                switch bytes[position] {
                case UInt8(ascii: "\""):
                    position += 1
                    return Span(range: start..<(position - 1), isEscaped: escaped)
                case UInt8(ascii: "\\"):
                    escaped = true
                    position += 2
                default:
                    position += 1
                }
            }
            return nil
        }

        /// Moves past the value at the cursor; false when it is malformed or does not end.
        mutating func skipValue() -> Bool {
            var depth = 0
            repeat {
                switch peek {
                case UInt8(ascii: "\""):
                    guard string() != nil else { return false }
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                    position += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    guard depth > 0 else { return false }
                    depth -= 1
                    position += 1
                case UInt8(ascii: ","), UInt8(ascii: ":"):
                    guard depth > 0 else { return false }
                    position += 1
                case 0:
                    return false
                default:
                    let start = position
                    while position < bytes.count, !Self.endsScalar(bytes[position]) { position += 1 }
                    guard position > start else { return false }
                }
            } while depth > 0
            return true
        }
    }
}
