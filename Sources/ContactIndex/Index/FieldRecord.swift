/// The searchable values of a contact in a compact binary record, read back for highlighting
/// without parsing the stored JSON.
///
///     record = flags(1) [name] [username] count(1) email* count(1) phone* count(1) (key value)*
///     string = length(2, little endian) utf8
struct FieldRecord {
    var name: String?
    var username: String?
    var emails: [String]
    var phones: [String]
    var customFields: [(key: String, value: String)]

    init(_ contact: Contact) {
        name = contact.name
        username = contact.username
        emails = contact.emails
        phones = contact.phones
        customFields = contact.customFields
    }

    /// The record's bytes.
    func encoded() -> [UInt8] {
        var out: [UInt8] = [(name == nil ? 0 : 1) | (username == nil ? 0 : 2)]
        func put(_ s: String) {
            let bytes = Array(s.utf8.prefix(Int(UInt16.max)))
            out.append(UInt8(bytes.count & 0xFF))
            out.append(UInt8(bytes.count >> 8))
            out.append(contentsOf: bytes)
        }
        if let name { put(name) }
        if let username { put(username) }
        out.append(UInt8(min(emails.count, 255)))
        emails.prefix(255).forEach(put)
        out.append(UInt8(min(phones.count, 255)))
        phones.prefix(255).forEach(put)
        out.append(UInt8(min(customFields.count, 255)))
        for (key, value) in customFields.prefix(255) {
            put(key)
            put(value)
        }
        return out
    }

    /// Reads a record.
    init(decoding bytes: UnsafeBufferPointer<UInt8>) {
        var reader = Reader(bytes)
        func string() -> String { String(decoding: reader.string(), as: UTF8.self) }
        name = reader.hasName ? string() : nil
        username = reader.hasUsername ? string() : nil
        emails = (0..<reader.count()).map { _ in string() }
        phones = (0..<reader.count()).map { _ in string() }
        customFields = (0..<reader.count()).map { _ in (string(), string()) }
    }

    /// Reads the values of an encoded record in order, as bytes, without copying them.
    struct Reader {
        private let bytes: UnsafeBufferPointer<UInt8>
        private var i = 1

        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        var hasName: Bool { bytes[0] & 1 != 0 }
        var hasUsername: Bool { bytes[0] & 2 != 0 }

        /// The next string.
        mutating func string() -> UnsafeBufferPointer<UInt8> {
            let length = Int(bytes[i]) | Int(bytes[i + 1]) << 8
            defer { i += 2 + length }
            return UnsafeBufferPointer(rebasing: bytes[(i + 2)..<(i + 2 + length)])
        }

        /// The next count: of emails, of phones, then of custom fields.
        mutating func count() -> Int {
            defer { i += 1 }
            return Int(bytes[i])
        }
    }
}
