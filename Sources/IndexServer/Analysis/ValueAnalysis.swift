import ContactIndex
import Tokenizer

/// What the Tokenizer makes of one value, as JSON: shared by `contact-index analyze` and the
/// `ANALYZE` verb, so that operators see why a value does or does not match.
enum ValueAnalysis {
    /// The kinds of value that can be analyzed.
    enum Kind: String, CaseIterable {
        case text, phone, email
    }

    /// The JSON analysis of a value.
    static func analyze(_ value: String, kind: Kind, phones: PhoneNormalizer) -> JSONObject {
        switch kind {
        case .text: return text(value)
        case .phone: return phone(value, phones)
        case .email: return email(value)
        }
    }

    /// The JSON line for a value whose bytes are not valid UTF-8.
    static func invalidUTF8(offset: Int) -> JSONObject {
        JSONObject([("input", .null), ("error", errorObject(code: "invalid_utf8", message: "invalid UTF-8 at byte \(offset)"))])
    }

    private static func text(_ value: String) -> JSONObject {
        let tokens = TextTokenizer(mode: .index).tokenize(value)
        let utf16 = Array(value.utf16)
        var words: [JSONValue] = []
        var keys: [JSONValue] = []
        var seen = Set<String>()
        for token in tokens.tokens {
            let folded = tokens.string(of: token)
            if seen.insert(folded).inserted { keys.append(.string(folded)) }
            guard token.kind == .word else { continue }
            words.append(.object(JSONObject([
                ("text", .string(String(decoding: utf16[token.utf16Range], as: UTF16.self))),
                ("folded", .string(folded)),
                ("start", .int(token.utf16Range.lowerBound)),
                ("end", .int(token.utf16Range.upperBound)),
            ])))
        }
        return JSONObject([("input", .string(value)), ("words", .array(words)), ("keys", .array(keys))])
    }

    private static func phone(_ value: String, _ phones: PhoneNormalizer) -> JSONObject {
        let analysis = phones.analyze(value)
        return JSONObject([
            ("input", .string(value)),
            ("e164", analysis.e164.map(JSONValue.string) ?? .null),
            ("extension", analysis.phoneExtension.map(JSONValue.string) ?? .null),
            ("error", analysis.error.map { errorObject(code: $0.code, message: $0.description) } ?? .null),
            ("keys", .array(analysis.keys.map(JSONValue.string))),
        ])
    }

    private static func email(_ value: String) -> JSONObject {
        let analysis = EmailNormalizer.analyze(value)
        return JSONObject([
            ("input", .string(value)),
            ("key", analysis.key.map(JSONValue.string) ?? .null),
            ("error", analysis.error.map { errorObject(code: $0.code, message: $0.description) } ?? .null),
            ("keys", .array(analysis.keys.map(JSONValue.string))),
        ])
    }

    private static func errorObject(code: String, message: String) -> JSONValue {
        .object(JSONObject([("code", .string(code)), ("message", .string(message))]))
    }
}
