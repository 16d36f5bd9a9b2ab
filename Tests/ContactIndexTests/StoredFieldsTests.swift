import ContactGenerator
import Testing
import Tokenizer
@testable import ContactIndex

/// Highlighting reads a hit's searchable values out of its stored JSON: they must be the values
/// `Contact` reads from the same object, whatever the JSON holds, and bytes that are not such
/// JSON must give no values rather than trap.
@Suite struct StoredFieldsTests {
    struct Values: Equatable {
        var name: [String] = []
        var username: [String] = []
        var emails: [String] = []
        var phones: [String] = []
        var customFields: [String] = []
    }

    /// The values read from stored JSON through its `FieldSpans` record, or by scanning it.
    static func scanned(_ json: [UInt8], throughRecord: Bool = false) -> Values {
        var values = Values()
        let record = throughRecord ? json.withUnsafeBufferPointer(FieldSpans.record) : []
        json.withUnsafeBufferPointer { buffer in record.withUnsafeBufferPointer { record in
            var fields = StoredFields(buffer, record: record)
            while let item = fields.next() {
                let text = String(decoding: StoredFields.decode(item.value, in: buffer), as: UTF8.self)
                switch item.field {
                case .name: values.name.append(text)
                case .username: values.username.append(text)
                case .email: values.emails.append(text)
                case .phone: values.phones.append(text)
                case .customField:
                    let key = item.key.map { String(decoding: StoredFields.decode($0, in: buffer), as: UTF8.self) } ?? "?"
                    values.customFields.append(key + "=" + text)
                }
            }
        } }
        return values
    }

    static func expected(_ contact: Contact) -> Values {
        Values(
            name: contact.name.map { [$0] } ?? [], username: contact.username.map { [$0] } ?? [],
            emails: contact.emails, phones: contact.phones, customFields: contact.customFields.map { "\($0.key)=\($0.value)" })
    }

    /// Text with the characters JSON escapes, other scripts and emoji.
    static func text(_ rng: inout SeededRandom) -> String {
        let pieces = ["Ana", "Zoë", "山田", "🙂", "\"", "\\", "\n", "\t", "\u{1}", "/", " ", "{", "}", "[", "]", ",", ":", "é"]
        return (0..<rng.below(5)).map { _ in pieces[rng.below(pieces.count)] }.joined()
    }

    /// A random JSON value in the shapes a contact's fields may take, and some they may not.
    static func value(_ rng: inout SeededRandom, depth: Int = 0) -> JSONValue {
        switch rng.below(depth > 2 ? 4 : 7) {
        case 0, 1: return .string(text(&rng))
        case 2: return rng.chance(0.5) ? .number(["0", "-12.5e3", "42", "7"][rng.below(4)]) : .bool(rng.chance(0.5))
        case 3: return .null
        case 4: return .array((0..<rng.below(4)).map { _ in value(&rng, depth: depth + 1) })
        default:
            let keys = ["address", "phoneNumber", "x", "name", "type"]
            return .object(JSONObject((0..<rng.below(4)).map { _ in (keys[rng.below(keys.count)], value(&rng, depth: depth + 1)) }))
        }
    }

    static func contactObject(_ rng: inout SeededRandom) -> JSONObject {
        let keys = ["_id", "name", "username", "emails", "phones", "customFields", "channels", "lastChat", "other"]
        var members: [(String, JSONValue)] = []
        for _ in 0..<rng.below(10) {
            let key = keys[rng.below(keys.count)]
            switch key {
            case "emails", "phones":
                let inner = key == "emails" ? "address" : "phoneNumber"
                members.append((key, .array((0..<rng.below(4)).map { _ in
                    rng.chance(0.5) ? .string(text(&rng)) : .object(JSONObject([(inner, value(&rng)), (inner, .string(text(&rng)))].prefix(1 + rng.below(2)).map { $0 }))
                })))
            case "customFields":
                members.append((key, .object(JSONObject((0..<rng.below(4)).map { _ in (text(&rng), value(&rng)) }))))
            default:
                members.append((key, value(&rng)))
            }
        }
        return JSONObject(members)
    }

    @Test func valuesReadFromStoredJSONAreTheContactsValuesWhateverTheJSONHolds() {
        var rng = SeededRandom(seed: 3)
        for _ in 0..<3_000 {
            let contact = Contact(canonical: Self.contactObject(&rng))
            #expect(Self.scanned(contact.jsonBytes) == Self.expected(contact), "\(contact.jsonText)")
            #expect(Self.scanned(contact.jsonBytes, throughRecord: true) == Self.expected(contact), "\(contact.jsonText)")
        }
    }

    @Test func valuesOfGeneratedContactsAreTheirSearchableFields() {
        let generator = ContactGenerator(seed: 5)
        let parser = ContactParser(phones: try! PhoneNormalizer(defaultRegion: "BR"))
        for i in 0..<2_000 {
            let contact = try! parser.parse(generator.contact(i).json).contact
            #expect(Self.scanned(contact.jsonBytes) == Self.expected(contact))
            #expect(Self.scanned(contact.jsonBytes, throughRecord: true) == Self.expected(contact))
        }
    }

    @Test func longValuesManyValuesAndFarOffsetsAreReadThroughTheRecord() {
        let long = String(repeating: "é", count: 20_000)
        let many = (0..<300).map { JSONValue.string("a\($0)@x.org") }
        let contact = Contact(canonical: JSONObject([("name", .string(long)), ("emails", .array(many))]))
        #expect(!contact.jsonBytes.withUnsafeBufferPointer(FieldSpans.record).isEmpty)
        #expect(Self.scanned(contact.jsonBytes, throughRecord: true) == Self.expected(contact))
        let wide = Contact(canonical: JSONObject([("other", .string(String(repeating: "x", count: 70_000))), ("name", .string("Ana"))]))
        #expect(!wide.jsonBytes.withUnsafeBufferPointer(FieldSpans.record).isEmpty)
        #expect(Self.scanned(wide.jsonBytes, throughRecord: true).name == ["Ana"])
    }

    @Test func valuesWhoseRecordWouldBeTooLongAreReadByScanningTheJSON() {
        let many = (0..<20_000).map { JSONValue.string("a\($0)@x.org") }
        let contact = Contact(canonical: JSONObject([("name", .string("Ana")), ("emails", .array(many))]))
        #expect(contact.jsonBytes.withUnsafeBufferPointer(FieldSpans.record).isEmpty)
        #expect(Self.scanned(contact.jsonBytes, throughRecord: true) == Self.expected(contact))
    }

    @Test func aTypicalRecordTakesAboutTwoBytesPerValue() {
        let generator = ContactGenerator(seed: 9)
        let parser = ContactParser(phones: try! PhoneNormalizer(defaultRegion: "BR"))
        var bytes = 0
        var values = 0
        for i in 0..<1_000 {
            let contact = try! parser.parse(generator.contact(i).json).contact
            bytes += contact.jsonBytes.withUnsafeBufferPointer(FieldSpans.record).count
            let expected = Self.expected(contact)
            values += expected.name.count + expected.username.count + expected.emails.count + expected.phones.count
            values += 2 * expected.customFields.count
        }
        // Per record, a flags byte and three counts; per value, a gap and a length.
        #expect(bytes <= 4 * 1_000 + 2 * values + values / 10, "\(bytes) record bytes for \(values) values")
    }

    @Test func aRecordWhoseSpansLeaveTheJSONGivesNoValuesPastThem() {
        let contact = Contact(canonical: JSONObject([("name", .string("Ana")), ("username", .string("ana"))]))
        let record = contact.jsonBytes.withUnsafeBufferPointer(FieldSpans.record)
        let shorter = Array(contact.jsonBytes.prefix(12))
        let values = shorter.withUnsafeBufferPointer { json in
            record.withUnsafeBufferPointer { record in
                var fields = StoredFields(json, record: record)
                var count = 0
                while fields.next() != nil { count += 1 }
                return count
            }
        }
        #expect(values == 1, "the name lies inside the first twelve bytes, the username does not")
    }

    @Test func damagedRecordsGiveOnlySpansInsideTheJSONAndNeverTrap() {
        var rng = SeededRandom(seed: 11)
        for _ in 0..<2_000 {
            let json = Contact(canonical: Self.contactObject(&rng)).jsonBytes
            var record = json.withUnsafeBufferPointer(FieldSpans.record)
            guard !record.isEmpty else { continue }
            for _ in 0...rng.below(3) {
                switch rng.below(3) {
                case 0: record = Array(record.prefix(1 + rng.below(record.count)))
                case 1: record[rng.below(record.count)] = [0x00, 0x7F, 0x80, 0xFF, 0x01][rng.below(5)]
                default: record += (0..<rng.below(6)).map { _ in 0xFF }
                }
            }
            json.withUnsafeBufferPointer { json in record.withUnsafeBufferPointer { record in
                var fields = StoredFields(json, record: record)
                while let item = fields.next() {
                    #expect(item.value.range.lowerBound >= 0 && item.value.range.upperBound <= json.count)
                    if let key = item.key { #expect(key.range.lowerBound >= 0 && key.range.upperBound <= json.count) }
                }
            } }
        }
    }

    @Test func truncatedOrDamagedJSONGivesAtMostSomeValuesAndNeverTraps() {
        var rng = SeededRandom(seed: 9)
        for _ in 0..<2_000 {
            var bytes = Contact(canonical: Self.contactObject(&rng)).jsonBytes
            if !bytes.isEmpty, rng.chance(0.5) {
                bytes = Array(bytes.prefix(rng.below(bytes.count)))
            } else if !bytes.isEmpty {
                bytes[rng.below(bytes.count)] = [UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "{"), UInt8(ascii: "]"), 0xFF][rng.below(5)]
            }
            _ = Self.scanned(bytes)
        }
        #expect(Self.scanned([]) == Values())
        #expect(Self.scanned([], throughRecord: true) == Values())
        #expect(Self.scanned(Array(#"{"name":"Ana"#.utf8)) == Values())
    }
}
