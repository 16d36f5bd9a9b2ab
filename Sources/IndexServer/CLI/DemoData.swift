import ContactGenerator
import ContactIndex

/// The generated demo contacts, loaded into an index.
enum DemoData {
    /// The searchable custom fields of the demo contacts.
    static let schema = FieldSchema(fields: [
        "company": CustomFieldDefinition(searchable: true, label: "Company"),
        "document": CustomFieldDefinition(searchable: true, label: "Document"),
    ])

    /// An index of `contacts` generated contacts.
    static func index(contacts: Int, seed: UInt64, region: String) throws(ContactIndexError) -> ContactIndex {
        let index = try ContactIndex(defaultRegion: region, schema: schema)
        index.load(try self.contacts(contacts, seed: seed, parser: index.parser))
        index.warmUp()
        return index
    }

    /// Loads `count` generated contacts into a store, a batch parsed at a time.
    static func load(_ count: Int, seed: UInt64, into store: ContactStore) throws(ContactIndexError) {
        let generator = ContactGenerator(seed: seed)
        try store.load(count: count) { (i) throws(ContactIndexError) in try store.parser.parse(generator.contact(i).json).contact }
    }

    /// `count` generated contacts, parsed.
    static func contacts(_ count: Int, seed: UInt64, parser: ContactParser) throws(ContactIndexError) -> [Contact] {
        let generator = ContactGenerator(seed: seed)
        var parsed: [Contact] = []
        parsed.reserveCapacity(count)
        for i in 0..<count { parsed.append(try parser.parse(generator.contact(i).json).contact) }
        return parsed
    }
}
