/// MongoDB Extended JSON, as `mongoexport` writes it, turned into plain JSON: `{"$oid":"…"}`
/// becomes the id string, `{"$date":…}` an ISO-8601 string, and `{"$numberLong":"…"}`,
/// `{"$numberInt":"…"}`, `{"$numberDouble":"…"}` and `{"$numberDecimal":"…"}` numbers.
public enum ExtendedJSON {
    /// The value with every Extended JSON wrapper replaced, at any depth.
    public static func simplify(_ value: JSONValue) -> JSONValue {
        switch value {
        case .array(let items):
            return .array(items.map(simplify))
        case .object(let object):
            if object.members.count == 1, let replaced = wrapper(object.members[0].key, object.members[0].value) {
                return replaced
            }
            return .object(JSONObject(object.members.map { ($0.key, simplify($0.value)) }))
        default:
            return value
        }
    }

    private static func wrapper(_ key: String, _ value: JSONValue) -> JSONValue? {
        switch key {
        case "$oid":
            return value.stringValue.map(JSONValue.string)
        case "$date":
            if let text = value.stringValue { return .string(text) }
            if let millis = Contact.millis(value) { return .string(ISOTime.format(milliseconds: millis)) }
            return nil
        case "$numberLong", "$numberInt", "$numberDouble", "$numberDecimal":
            guard let text = value.stringValue, Double(text) != nil else { return nil }
            return .number(text)
        default:
            return nil
        }
    }
}
