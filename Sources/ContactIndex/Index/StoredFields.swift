import Glibc

/// The searchable values of a contact, read straight out of its stored JSON for highlighting:
/// name, username, each email, each phone, then each custom field, in that order.
///
/// The stored JSON is the compact text `JSONWriter` wrote, whose strings hold raw UTF-8 and
/// escape only quotes, backslashes and control characters: a value without a backslash is read
/// in place, and the rare escaped one is decoded. The values are those `Contact` reads: the last
/// of repeated keys counts, an email or phone is a string or an object's `address` or
/// `phoneNumber`, and a custom field's value is its text when it is a string, number or
/// Boolean. Bytes that are not such JSON give no further values; they never trap.
enum StoredFields {
    /// Which field a value comes from.
    enum Field {
        case name, username, email, phone, customField
    }

    /// Calls `body` with each value (and, for a custom field, its key; empty otherwise).
    static func forEach(
        in json: UnsafeBufferPointer<UInt8>,
        _ body: (_ field: Field, _ key: UnsafeBufferPointer<UInt8>, _ value: UnsafeBufferPointer<UInt8>) -> Void
    ) {
        var scanner = Scanner(json)
        guard let members = scanner.topLevelMembers() else { return }
        let none = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        func strings(_ field: Field, at start: Int?) {
            guard let start else { return }
            var value = Scanner(json, at: start)
            value.string { body(field, none, $0) }
        }
        func list(_ field: Field, at start: Int?, objectKey: StaticString) {
            guard let start else { return }
            var list = Scanner(json, at: start)
            list.forEachItem { item in
                if item.peek != UInt8(ascii: "\"") {
                    guard let value = item.lastMember(named: objectKey) else { return }
                    item.position = value
                }
                item.string { body(field, none, $0) }
            }
        }
        strings(.name, at: members.name)
        strings(.username, at: members.username)
        list(.email, at: members.emails, objectKey: "address")
        list(.phone, at: members.phones, objectKey: "phoneNumber")
        if let start = members.customFields {
            var object = Scanner(json, at: start)
            object.forEachMember { key, member in
                member.text { value in body(.customField, key, value) }
            }
        }
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
                skipSpace()
                return position < bytes.count ? bytes[position] : 0
            }
        }

        mutating func skipSpace() {
            while position < bytes.count, Self.isSpace(bytes[position]) { position += 1 }
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

        /// Whether bytes spell a key.
        static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ key: StaticString) -> Bool {
            bytes.count == key.utf8CodeUnitCount
                && (bytes.isEmpty || memcmp(bytes.baseAddress!, key.utf8Start, bytes.count) == 0)
        }

        /// Consumes `byte` (after white space) when it is next.
        mutating func take(_ byte: UInt8) -> Bool {
            guard peek == byte else { return false }
            position += 1
            return true
        }

        /// Where the values of the searchable top-level keys start (the last of each).
        mutating func topLevelMembers() -> (name: Int?, username: Int?, emails: Int?, phones: Int?, customFields: Int?)? {
            var found: (name: Int?, username: Int?, emails: Int?, phones: Int?, customFields: Int?) = (nil, nil, nil, nil, nil)
            let complete = forEachMember { key, member in
                let start = member.position
                if Self.equals(key, "name") {
                    found.name = start
                } else if Self.equals(key, "username") {
                    found.username = start
                } else if Self.equals(key, "emails") {
                    found.emails = start
                } else if Self.equals(key, "phones") {
                    found.phones = start
                } else if Self.equals(key, "customFields") {
                    found.customFields = start
                }
            }
            return complete ? found : nil
        }

        /// Where the value of the last member named `name` of the object at the cursor starts.
        mutating func lastMember(named name: StaticString) -> Int? {
            var found: Int?
            forEachMember { key, member in
                if Self.equals(key, name) { found = member.position }
            }
            return found
        }

        /// Calls `body` with each member of the object at the cursor, its key decoded and the
        /// cursor at its value; `body` may move the cursor anywhere inside the value, and the
        /// member is skipped from its start afterwards. False when the object is malformed.
        @discardableResult
        mutating func forEachMember(_ body: (UnsafeBufferPointer<UInt8>, inout Scanner) -> Void) -> Bool {
            guard take(UInt8(ascii: "{")) else { return false }
            if take(UInt8(ascii: "}")) { return true }
            while true {
                let keyStart = position
                guard peek == UInt8(ascii: "\""), skipString(), take(UInt8(ascii: ":")) else { return false }
                skipSpace()
                let valueStart = position
                var complete = false
                var key = Scanner(bytes, at: keyStart)
                key.string { key in
                    var member = Scanner(bytes, at: valueStart)
                    body(key, &member)
                    complete = true
                }
                guard complete else { return false }
                guard skipValue() else { return false }
                if take(UInt8(ascii: "}")) { return true }
                guard take(UInt8(ascii: ",")) else { return false }
            }
        }

        /// Calls `body` with a cursor at each item of the array at the cursor.
        mutating func forEachItem(_ body: (inout Scanner) -> Void) {
            guard take(UInt8(ascii: "[")) else { return }
            if take(UInt8(ascii: "]")) { return }
            while true {
                skipSpace()
                var item = Scanner(bytes, at: position)
                body(&item)
                guard skipValue() else { return }
                if take(UInt8(ascii: "]")) { return }
                guard take(UInt8(ascii: ",")) else { return }
            }
        }

        init(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int) {
            self.bytes = bytes
            self.position = position
        }

        /// Calls `body` with the text of the scalar at the cursor: a string's decoded bytes, or
        /// a number's or Boolean's literal; nothing for null, objects and arrays.
        mutating func text(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
            switch peek {
            case UInt8(ascii: "\""): string(body)
            case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                let start = position
                guard skipValue() else { return }
                body(UnsafeBufferPointer(rebasing: bytes[start..<position]))
            default: return
            }
        }

        /// Calls `body` with the decoded bytes of the string at the cursor, if one is there.
        mutating func string(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
            guard peek == UInt8(ascii: "\"") else { return }
            let start = position
            var escaped = false
            guard skipString(escaped: &escaped) else { return }
            guard escaped else {
                body(UnsafeBufferPointer(rebasing: bytes[(start + 1)..<(position - 1)]))
                return
            }
            guard case .string(let decoded)? = try? JSONParser.parse(UnsafeBufferPointer(rebasing: bytes[start..<position])) else { return }
            var text = decoded
            text.withUTF8 { body($0) }
        }

        /// Moves past the string at the cursor; false when it does not end.
        mutating func skipString() -> Bool {
            var escaped = false
            return skipString(escaped: &escaped)
        }

        private mutating func skipString(escaped: inout Bool) -> Bool {
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { return false }
            position += 1
            while position < bytes.count {
                switch bytes[position] {
                case UInt8(ascii: "\""):
                    position += 1
                    return true
                case UInt8(ascii: "\\"):
                    escaped = true
                    position += 2
                default:
                    position += 1
                }
            }
            return false
        }

        /// Moves past the value at the cursor; false when it is malformed or does not end.
        mutating func skipValue() -> Bool {
            var depth = 0
            repeat {
                switch peek {
                case UInt8(ascii: "\""):
                    guard skipString() else { return false }
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
