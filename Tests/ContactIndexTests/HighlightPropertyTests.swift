import ContactGenerator
import Testing
import Tokenizer
@testable import ContactIndex

/// Highlights checked over generated contacts in several scripts: every hit of a word query says
/// where it matched, and every highlighted range is the shortest whose fold starts with the word.
@Suite struct HighlightPropertyTests {
    static let schema = FieldSchema(fields: [
        "company": CustomFieldDefinition(searchable: true, label: "Company"),
        "document": CustomFieldDefinition(searchable: true, label: "Document"),
    ])

    /// The fold of a stored value's UTF-16 range, without the hyphens and apostrophes that
    /// join word parts.
    static func foldedText(_ value: String, _ range: Range<Int>) -> String {
        let units = Array(value.utf16)
        let text = String(decoding: units[range], as: UTF16.self)
        return TextFolding.fold(String(String.UnicodeScalarView(text.unicodeScalars.filter { TextFolding.scalarClass($0) != .joiner })))
    }

    static func storedValue(_ contact: Contact, _ field: String) -> String? {
        let parts = field.split(separator: ".", maxSplits: 1).map(String.init)
        switch parts[0] {
        case "name": return contact.name
        case "username": return contact.username
        case "emails": return Int(parts[1]).flatMap { contact.emails.indices.contains($0) ? contact.emails[$0] : nil }
        case "customFields": return contact.customFields.first { $0.key == parts[1] }?.value
        default: return nil
        }
    }

    @Test func everyHitOfAWordPrefixHighlightsTheShortestRangesWhoseFoldStartsWithTheWord() throws {
        let generator = ContactGenerator(seed: 11)
        let index = try ContactIndex(defaultRegion: "BR", schema: Self.schema)
        let ids = try (0..<400).map { try index.upsert(generator.contact($0).json).id }
        var checked = 0
        for id in ids.prefix(80) {
            let stored = try #require(index.get(id: id))
            let words = TextTokenizer(mode: .query).tokenize((stored.name ?? "") + " " + (stored.emails.first ?? "")).strings
            for word in words where !word.allSatisfy(\.isNumber) {
                for length in stride(from: 1, through: word.count, by: 2) {
                    let query = String(word.prefix(length))
                    let folded = TextFolding.fold(query)
                    for hit in try index.search(SearchQuery(query, limit: 100)).hits {
                        #expect(!hit.highlights.isEmpty, "\(query) → \(hit.id)")
                        for (field, ranges) in hit.highlights {
                            guard let value = Self.storedValue(hit.contact, field) else { continue }
                            for range in ranges {
                                let text = Self.foldedText(value, range)
                                let shorter = Self.foldedText(value, range.lowerBound..<(range.upperBound - 1))
                                #expect(text.hasPrefix(folded) && !shorter.hasPrefix(folded), "\(query): \(field) \(value) \(range) → \(text)")
                                checked += 1
                            }
                        }
                    }
                }
            }
        }
        #expect(checked > 1_000)
    }
}
