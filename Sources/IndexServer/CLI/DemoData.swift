import ContactGenerator
import ContactIndex
import Glibc

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
        let generator = ContactGenerator(seed: seed)
        var parsed: [Contact] = []
        parsed.reserveCapacity(contacts)
        for i in 0..<contacts { parsed.append(try index.parser.parse(generator.contact(i).json).contact) }
        index.load(parsed)
        index.warmUp()
        return index
    }

    /// Monotonic time in nanoseconds.
    static func nanoseconds() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }
}
