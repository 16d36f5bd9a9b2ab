import ContactGenerator
import Testing
import Tokenizer
@testable import ContactIndex

/// A contact's keys read from its stored entry (what replacing or deleting it reads) against the
/// keys of the contact itself.
@Suite struct ContactKeysTests {
    static let phones = try! PhoneNormalizer(defaultRegion: "BR")
    static let schemas = [
        FieldSchema(),
        FieldSchema(fields: [
            "company": CustomFieldDefinition(searchable: true, label: "Company"),
            "document": CustomFieldDefinition(searchable: true, label: "Document"),
            "note": CustomFieldDefinition(searchable: true, label: "Note"),
        ]),
    ]

    /// The keys as comparable values: key bytes with their info, digit strings, lookup keys.
    static func summary(_ keys: ContactKeys) -> [String] {
        keys.keys.map { "key \(Array(keys.bytes[$0.range])) \($0.info.raw)" }
            + keys.digits.map { "digits \($0.digits) \($0.info.raw) \($0.nationalStart)" }
            + keys.emailKeys.map { "email \($0)" } + keys.e164s.map { "e164 \($0)" }
    }

    static func expectSameKeys(_ contact: Contact, _ comment: Comment? = nil) {
        var docs = DocumentTable()
        let doc = docs.append(contact)
        for schema in schemas {
            let stored = docs.withFields(doc) { json, record in
                json.withUnsafeBufferPointer { ContactKeys(stored: $0, record: record, schema: schema, phones: phones) }
            }
            #expect(summary(stored) == summary(ContactKeys(contact, schema: schema, phones: phones)), comment)
        }
    }

    @Test func generatedContactsHaveTheSameKeysReadFromTheirStoredEntries() throws {
        let generator = ContactGenerator(seed: 11)
        let parser = ContactParser(phones: Self.phones)
        for i in 0..<3_000 {
            Self.expectSameKeys(try parser.parse(generator.contact(i).json).contact, "contact \(i)")
        }
    }

    @Test func unusualContactsHaveTheSameKeysReadFromTheirStoredEntries() throws {
        let parser = ContactParser(phones: Self.phones)
        let texts = [
            #"{"_id":"a","name":"Ana \"Quoted\" Back\\slash","username":"ana.souza","emails":["ANA@Example.com","not an email"],"phones":["(51) 5555-5555","+81 3 9826 2045","12"]}"#,
            #"{"_id":"b","name":"","username":"@handle","customFields":{"note":"line\nbreak é","document":"123.456.789-09","company":42,"flag":true,"other":"x"}}"#,
            #"{"_id":"c","email":"legacy@example.com","phone":"+55 51 5555-0000","customFields":[{"key":"company","value":"Acme \u00e9","overwrite":true}]}"#,
            #"{"_id":"d","name":"Ζωή Νίκου 山田太郎","emails":[{"address":"zoe@münchen.de"},{"address":"x@y.z"}],"phones":[{"phoneNumber":"090-6513-3387"}]}"#,
            #"{"_id":"e","customFields":{"note":"\u0000 control"},"username":"u"}"#,
        ]
        for text in texts { Self.expectSameKeys(try parser.parse(Array(text.utf8)).contact, "\(text)") }
        let many = "{\"_id\":\"f\",\"name\":\"Many\",\"emails\":[" + (0..<100).map { "\"person\($0)@example.com\"" }.joined(separator: ",")
            + "],\"phones\":[" + (0..<100).map { "\"+55 51 9\(1000 + $0)-0000\"" }.joined(separator: ",") + "]}"
        Self.expectSameKeys(try parser.parse(Array(many.utf8)).contact, "a hundred emails and phones")
    }
}
