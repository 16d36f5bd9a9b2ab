/// How one custom field is treated.
public struct CustomFieldDefinition: Sendable, Equatable {
    /// Whether the field's values are indexed and searchable.
    public var searchable: Bool
    /// A label for people.
    public var label: String

    /// Creates a definition.
    public init(searchable: Bool = false, label: String = "") {
        self.searchable = searchable
        self.label = label
    }
}

/// The custom fields that have a definition. A field without one is not searchable.
public struct FieldSchema: Sendable, Equatable {
    /// Definitions by custom field key.
    public var fields: [String: CustomFieldDefinition]

    /// Creates a schema.
    public init(fields: [String: CustomFieldDefinition] = [:]) {
        self.fields = fields
    }

    /// Whether a custom field key is searchable.
    public func isSearchable(_ key: String) -> Bool {
        fields[key]?.searchable ?? false
    }
}
