/// Why a text is not a valid email address. Each case has a stable snake_case `code`.
public enum EmailError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Nothing but white space.
    case empty
    /// No `@`.
    case missingAt
    /// Nothing before the `@`.
    case emptyLocalPart
    /// Nothing after the `@`.
    case emptyDomain
    /// A character the syntax does not allow (a space, a second `@`, a comma).
    case invalidCharacter(String)
    /// A quoted local part (`"maria silva"@…`), not accepted.
    case quotedLocalPart
    /// A part that starts or ends with a dot.
    case dotAtEdge
    /// Two dots in a row.
    case consecutiveDots
    /// A local part over 64 characters.
    case localPartTooLong
    /// An IP literal as the domain (`[127.0.0.1]`).
    case domainLiteral
    /// A domain label empty, over 63 characters, or with a hyphen at an end.
    case invalidDomainLabel(String)
    /// A domain without a dot (`localhost`).
    case domainWithoutDot
    /// A top-level domain of digits only.
    case numericTopLevelDomain
    /// A special-use domain (`.local`, `.test`, …) that receives no mail.
    case specialUseDomain(String)
    /// A domain over 253 characters.
    case domainTooLong

    /// Stable machine-readable code.
    public var code: String {
        switch self {
        case .empty: return "empty"
        case .missingAt: return "missing_at"
        case .emptyLocalPart: return "empty_local_part"
        case .emptyDomain: return "empty_domain"
        case .invalidCharacter: return "invalid_character"
        case .quotedLocalPart: return "quoted_local_part"
        case .dotAtEdge: return "dot_at_edge"
        case .consecutiveDots: return "consecutive_dots"
        case .localPartTooLong: return "local_part_too_long"
        case .domainLiteral: return "domain_literal"
        case .invalidDomainLabel: return "invalid_domain_label"
        case .domainWithoutDot: return "domain_without_dot"
        case .numericTopLevelDomain: return "numeric_tld"
        case .specialUseDomain: return "special_use_domain"
        case .domainTooLong: return "domain_too_long"
        }
    }

    /// A message for people.
    public var description: String {
        switch self {
        case .empty: return "the address is empty"
        case .missingAt: return "an address needs exactly one @ between a local part and a domain"
        case .emptyLocalPart: return "nothing before the @"
        case .emptyDomain: return "nothing after the @"
        case .invalidCharacter(let c): return "the character \(c.debugDescription) is not allowed"
        case .quotedLocalPart: return "quoted local parts are not accepted"
        case .dotAtEdge: return "a part cannot start or end with a dot"
        case .consecutiveDots: return "two dots in a row"
        case .localPartTooLong: return "the part before the @ is over 64 characters"
        case .domainLiteral: return "IP address literals are not accepted as domains"
        case .invalidDomainLabel(let label): return "the domain label \(label.debugDescription) is not valid"
        case .domainWithoutDot: return "the domain needs a dot"
        case .numericTopLevelDomain: return "the top-level domain cannot be all digits"
        case .specialUseDomain(let domain): return "\(domain) is a special-use domain that receives no mail"
        case .domainTooLong: return "the domain is over 253 characters"
        }
    }
}
