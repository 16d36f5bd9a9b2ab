/// Why a value could not be read or normalized. Each case has a stable snake_case `code`.
public enum TokenizerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The bytes are not valid UTF-8; the offset is the first bad byte.
    case invalidUTF8(offset: Int)
    /// A region code that is not a known ISO 3166 alpha-2 region.
    case unknownRegion(String)

    /// Stable machine-readable code.
    public var code: String {
        switch self {
        case .invalidUTF8: return "invalid_utf8"
        case .unknownRegion: return "unknown_region"
        }
    }

    /// A message for people.
    public var description: String {
        switch self {
        case .invalidUTF8(let offset): return "invalid UTF-8 at byte \(offset)"
        case .unknownRegion(let region): return "unknown region '\(region)': use an ISO 3166 alpha-2 code such as BR"
        }
    }
}
